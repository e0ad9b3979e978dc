import type { PathSegment } from './manifest-edit';
import type { Manifest } from '../k8s/manifest';
import type { InputError, ManifestSource } from '../reader/input';
import { ManifestReader } from '../reader/manifest-reader';
import { ObjectShape } from '../reader/object-shape';

/** One object of a document, and where it is in the document. */
export interface DocumentObject {
  readonly manifest: Manifest;
  readonly source: ManifestSource;
  /** `[]` for the document itself, `['items', i]` for an item of a list. */
  readonly prefix: readonly PathSegment[];
}

/** One document of a file: the text it spans and the objects read from it. */
export interface InputDocument {
  /** `[start, end)` of the document's text in the file (its `---` line included). */
  readonly start: number;
  readonly end: number;
  readonly objects: readonly DocumentObject[];
}

/** A file (or stdin) as the rewrite sees it: its text cut into documents, and what could not be read. */
export interface InputFile {
  readonly name: string;
  readonly text: string;
  readonly documents: readonly InputDocument[];
  readonly errors: readonly InputError[];
}

/** A line that starts a YAML document (`---` then a space, a tab or the line's end), where kubectl cuts a stream. */
const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/** Decoding that rejects what is not UTF-8 and keeps a byte order mark: the output keeps every byte. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The reader side of the rewrite: cuts a file into documents at `---` lines (where kubectl's
 * YAMLReader cuts a stream, so each document's text can be edited or kept byte for byte) and
 * reads each with the kubectl-exact reader (`ManifestReader`), keeping its errors with their file
 * and line. Objects the rewrite cannot name (no apiVersion, kind or metadata.name) are input
 * errors, as for `check`.
 */
export class HardenInput {
  /**
   * @param content raw bytes or decoded text
   * @param name the file's name in messages (`<stdin>` for standard input)
   */
  public static read(content: Buffer | string, name: string): InputFile {
    let text: string;
    try {
      text = typeof content === 'string' ? content : HardenInput.decode(content);
    } catch (e) {
      return { name, text: '', documents: [], errors: [{ file: name, line: HardenInput.lineOf(content as Buffer, (e as { at?: number }).at), message: (e as Error).message }] };
    }
    const documents: InputDocument[] = [];
    const errors: InputError[] = [];
    let line = 1;
    let counted = 0;
    const starts = HardenInput.documentStarts(text);
    starts.forEach((start, i) => {
      const end = starts[i + 1] ?? text.length;
      for (let at = text.indexOf('\n', counted); at !== -1 && at < start; at = text.indexOf('\n', at + 1)) line++;
      counted = start;
      const read = ManifestReader.read(text.slice(start, end), name);
      const shift = (at: number | undefined) => (at === undefined ? undefined : at + line - 1);
      for (const error of read.errors) errors.push({ ...error, line: shift(error.line) });
      const objects: DocumentObject[] = [];
      for (const { object, source } of read.objects) {
        const problem = ObjectShape.problem(object);
        if (problem !== undefined) {
          errors.push({ file: name, line: shift(source.line), message: `not a Kubernetes object: ${problem}` });
          continue;
        }
        objects.push({ manifest: object as unknown as Manifest, source: { file: name, line: shift(source.line) }, prefix: prefixOf(source.pointer) });
      }
      if (objects.filter((o) => o.prefix.length === 0).length > 1) {
        // Several JSON values in one stream: each would need its own span.
        errors.push({ file: name, line: shift(1), message: 'a stream of several JSON values: harden edits one value per file (write them as YAML documents, or one List)' });
        return;
      }
      documents.push({ start, end, objects });
    });
    if (errors.length === 0 && documents.every((d) => d.objects.length === 0)) {
      errors.push({ file: name, line: 1, message: 'no Kubernetes object: the input is empty or holds only comments' });
    }
    return { name, text, documents, errors };
  }

  /** The offsets where documents start: 0, and every `---` line after the first character. */
  public static documentStarts(text: string): number[] {
    const starts = [0];
    DOCUMENT_START.lastIndex = 0;
    for (let m = DOCUMENT_START.exec(text); m; m = DOCUMENT_START.exec(text)) {
      if (m.index > 0) starts.push(m.index);
    }
    return starts;
  }

  /** UTF-8 text (a byte order mark kept); binary or other encodings are refused: their bytes could not be kept. */
  private static decode(content: Buffer): string {
    const nul = content.indexOf(0);
    if (nul >= 0) throw Object.assign(new Error('binary content (a NUL byte): not a YAML text file'), { at: nul });
    try {
      return UTF8.decode(content);
    } catch {
      throw new Error('not valid UTF-8 text: harden rewrites UTF-8 YAML and JSON only (kubectl would read the other bytes as U+FFFD)');
    }
  }

  private static lineOf(content: Buffer, offset: number | undefined): number | undefined {
    if (offset === undefined) return undefined;
    let line = 1;
    for (let i = content.indexOf(10); i >= 0 && i < offset; i = content.indexOf(10, i + 1)) line++;
    return line;
  }

  private constructor() {}
}

/** `''` -> `[]`, `/items/3` -> `['items', 3]`. */
function prefixOf(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  const [, key, index] = pointer.split('/');
  return [key, Number(index)];
}
