import { GoText } from './go-text';
import { JsonStream, JsonStreamError } from './json-stream';
import { DocumentObject, KubectlObjects } from './kubectl-objects';
import type { ObjectSource, ReadError, ReadObject, ReadResult, SourcePosition } from './model';
import { SourceMaps, SourceNode } from './source-map';
import { BlockFastPath } from './yaml/block-fast-path';
import { YamlDecoder } from './yaml/decoder';
import { YamlError } from './yaml/yaml-error';

/*
 * Reads a file the way `kubectl apply -f FILE` reads it (kubectl 1.32: k8s.io/cli-runtime
 * resource.FileVisitor and StreamVisitor, k8s.io/apimachinery yaml.NewYAMLOrJSONDecoder with a
 * 4096-byte sniff, sigs.k8s.io/yaml with go-yaml v2), and yields exactly the objects kubectl
 * would send, each with its file and line:
 *
 * - Bytes: a UTF-8 byte order mark is dropped, a UTF-16 one switches to UTF-16, every other byte
 *   that is not UTF-8 reads as U+FFFD (golang.org/x/text unicode.BOMOverride); the file is applied.
 * - JSON or YAML: if the first non-space character (within 4096 bytes) is '{', the file is a JSON
 *   stream (one or more values, e.g. one object per line); otherwise YAML. A YAML flow mapping
 *   that starts a file is therefore read as JSON, and refused if it is not JSON, as kubectl does.
 * - YAML documents are cut at lines that start with `---` (only spaces or a comment may follow;
 *   anything else, `----` included, is refused); CR LF reads as LF, and the last line gets a line
 *   break. Each piece is one document: only its first YAML document counts, so objects after a
 *   `...` end marker without a new `---` are never applied.
 * - Control characters (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+007F-U+0084,
 *   U+0086-U+009F, U+FFFE, U+FFFF) fail the piece they are in, as go-yaml's reader refuses them.
 *
 * Where kubectl stops reading a file at an error (invalid YAML, a bad separator), this reader
 * reports the error and still reads the rest, so that every other object is checked; the run
 * fails (exit 2) on the error either way.
 */
export class ManifestReader {
  /** Reads one file (raw bytes, as kubectl reads them) or already decoded text. */
  public static read(content: Buffer | string, file: string): ReadResult {
    const text = typeof content === 'string' ? (content.charCodeAt(0) === 0xfeff ? content.slice(1) : content) : decodeFile(content);
    const result: { objects: ReadObject[]; errors: ReadError[] } = { objects: [], errors: [] };
    if (isJsonStream(text)) readJson(text, file, result);
    else readYaml(text, file, result);
    return result;
  }
}

function decodeFile(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return GoText.decodeUtf8(bytes.subarray(3));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return GoText.decodeUtf16(bytes.subarray(2), true);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return GoText.decodeUtf16(bytes.subarray(2), false);
  return GoText.decodeUtf8(bytes);
}

/** How far kubectl looks for the '{' that makes a file JSON (resource.StreamVisitor's decoder buffer). */
const SNIFF_BYTES = 4096;

/** k8s.io/apimachinery yaml.GuessJSONStream: the first non-space (unicode.IsSpace) within 4096 bytes is '{'. */
function isJsonStream(text: string): boolean {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) return true;
    if (!isGoSpace(c)) return false;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    if (bytes >= SNIFF_BYTES) return false;
  }
  return false;
}

/** Go's unicode.IsSpace. */
function isGoSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** go-yaml v2's reader refuses these (readerc.go: the allowed ranges are #x9, #xA, #xD, #x20-#x7E, #x85, #xA0-#xD7FF, #xE000-#xFFFD, astral). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;
/** Control characters, or characters the fast path leaves to the full port (tab, CR, NEL, LS, PS): one scan finds whether any piece needs a closer look. */
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]/;

/** A piece of a YAML file as kubectl's YAMLReader cuts it. */
interface Piece {
  readonly start: number;
  readonly end: number;
  /** 1-based line of the piece's first character. */
  readonly line: number;
}

function readYaml(raw: string, file: string, result: { objects: ReadObject[]; errors: ReadError[] }): void {
  // bufio.Reader.ReadLine drops the CR of CR LF; a lone CR stays (it is a YAML line break).
  const text = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n/g, '\n') : raw;
  // Most files hold no unusual character at all: then no piece needs the checks below.
  const unusual = UNUSUAL.test(text);
  for (const piece of cutPieces(text, file, result.errors)) {
    let chunk = text.slice(piece.start, piece.end);
    if (chunk.charCodeAt(chunk.length - 1) !== 10) chunk += '\n';
    if (unusual) {
      const found = CONTROL.exec(chunk);
      if (found !== null) {
        // A NUL byte says "binary file" best: name it if there is one.
        const nul = chunk.indexOf('\0');
        const at = nul >= 0 ? nul : found.index;
        const code = chunk.charCodeAt(at);
        result.errors.push({
          file,
          line: piece.line + countLines(chunk, at),
          message: code === 0
            ? 'binary content (a NUL byte): not a YAML text file (kubectl refuses control characters)'
            : `control character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in YAML (kubectl refuses the document)`,
        });
        continue;
      }
    }
    let decoded;
    try {
      // Plain block YAML (what generators write) takes a fast path; anything else the full port.
      decoded = (!unusual || BlockFastPath.applies(chunk) ? BlockFastPath.decode(chunk) : undefined) ?? YamlDecoder.decode(chunk);
    } catch (e) {
      if (!(e instanceof YamlError)) throw e;
      // An error found at the end of the text belongs to its last line, not to the next `---`.
      result.errors.push({ file, line: piece.line + countLines(chunk, Math.min(e.pos, chunk.length - 1)), message: `invalid YAML: ${e.message}` });
      continue;
    }
    const document = new YamlDocument(file, chunk, piece.line);
    addObjects(KubectlObjects.of(decoded.value), document, piece.line + countLines(chunk, decoded.start), result);
  }
  // Separator errors were found before the documents were read: report in line order.
  result.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * k8s.io/apimachinery yaml.YAMLReader: a line that starts with `---` ends a document, if only
 * spaces or a comment follow; any other `---...` line is an error.
 */
function cutPieces(text: string, file: string, errors: ReadError[]): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let startLine = 1;
  let line = 1;
  let counted = 0;
  for (let lineStart = nextSeparator(text, 0); lineStart >= 0;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    line += countLines(text, lineStart, counted);
    counted = lineStart;
    const rest = goTrimSpace(text.slice(lineStart + 3, lineEnd));
    if (rest.length > 0 && rest[0] !== '#') {
      errors.push({ file, line, message: `invalid YAML document separator: ${rest} (after --- only spaces or a comment may follow; kubectl stops reading the file here)` });
    }
    if (lineStart > start) pieces.push({ start, end: lineStart, line: startLine });
    start = lineEnd + 1;
    startLine = line + 1;
    lineStart = nextSeparator(text, start);
  }
  if (start < text.length) pieces.push({ start, end: text.length, line: startLine });
  return pieces;
}

/** The next line at or after `from` (a line start) that starts with `---`, or -1. */
function nextSeparator(text: string, from: number): number {
  if (text.startsWith('---', from)) return from;
  const at = text.indexOf('\n---', from);
  return at < 0 ? -1 : at + 1;
}

/** Go's strings.TrimSpace. */
function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Line breaks ('\n') in `text` before offset `end` (and at or after `from`). */
function countLines(text: string, end: number, from = 0): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function readJson(text: string, file: string, result: { objects: ReadObject[]; errors: ReadError[] }): void {
  // Documents come in order: count lines incrementally.
  let line = 1;
  let counted = 0;
  const lineOf = (pos: number) => {
    line += countLines(text, pos, counted);
    counted = pos;
    return line;
  };
  try {
    JsonStream.read(text, (doc) => {
      if (doc instanceof JsonStreamError) {
        result.errors.push({ file, line: lineOf(doc.pos), message: `invalid JSON: ${doc.message}` });
        return;
      }
      const docLine = lineOf(doc.start);
      addObjects(KubectlObjects.of(doc.value), new JsonDocument(file, text, doc.start, doc.end, docLine), docLine, result);
    });
  } catch (e) {
    if (!(e instanceof JsonStreamError)) throw e;
    result.errors.push({ file, line: lineOf(e.pos), message: `invalid JSON: ${e.message} (kubectl stops reading the file here)` });
  }
}

function addObjects(
  found: readonly DocumentObject[], document: Document, line: number, result: { objects: ReadObject[]; errors: ReadError[] },
): void {
  for (const entry of found) {
    const itemPointer = entry.item === undefined ? '' : `/items/${entry.item}`;
    const itemLine = entry.item === undefined ? line : document.locate(itemPointer).line;
    if (entry.error !== undefined) {
      result.errors.push({ file: document.file, line: itemLine, message: entry.error });
    } else {
      result.objects.push({ object: entry.object!, source: new DocumentSource(document, itemPointer, itemLine) });
    }
  }
}

/** A document's text, parsed a second time (with positions) only when a location is asked for. */
abstract class Document {
  private source: SourceNode | null | undefined;
  /** Offsets of the line breaks between `start` and `end`, found on first use. */
  private breaks: number[] | undefined;

  constructor(
    public readonly file: string,
    protected readonly text: string,
    protected readonly start: number,
    private readonly end: number,
    private readonly startLine: number,
  ) {}

  public locate(pointer: string): SourcePosition {
    if (this.source === undefined) this.source = this.parse() ?? null;
    const offset = this.source === null ? this.start : SourceMaps.offsetOf(this.source, pointer);
    if (this.breaks === undefined) {
      this.breaks = [];
      for (let i = this.text.indexOf('\n', this.start); i >= 0 && i < this.end; i = this.text.indexOf('\n', i + 1)) this.breaks.push(i);
    }
    // The number of line breaks before `offset`, by binary search.
    let lo = 0;
    let hi = this.breaks.length;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.breaks[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    const lineStart = lo === 0 ? this.text.lastIndexOf('\n', offset - 1) + 1 : this.breaks[lo - 1] + 1;
    return { line: this.startLine + lo, column: offset - lineStart + 1 };
  }

  protected abstract parse(): SourceNode | undefined;
}

class YamlDocument extends Document {
  constructor(file: string, text: string, line: number) {
    super(file, text, 0, text.length, line);
  }

  protected parse(): SourceNode | undefined {
    // Block YAML takes the fast path here too: it records the places the full port records (a property test).
    const fast = BlockFastPath.applies(this.text) ? BlockFastPath.decode(this.text, true) : undefined;
    return (fast ?? YamlDecoder.decode(this.text, true)).source;
  }
}

class JsonDocument extends Document {
  protected parse(): SourceNode | undefined {
    return JsonStream.locate(this.text, this.start);
  }
}

class DocumentSource implements ObjectSource {
  constructor(private readonly document: Document, public readonly pointer: string, public readonly line: number) {}

  public get file(): string {
    return this.document.file;
  }

  public locate(pointer: string): SourcePosition {
    return this.document.locate(this.pointer + (pointer === '/' ? '' : pointer));
  }
}
