import { Composer, Document, DocumentOptions, isMap, isSeq, LineCounter, ParseOptions, Parser, SchemaOptions } from 'yaml';
import { firstDuplicateKey } from './duplicate-keys';
import type { InputError, ManifestInput } from './input';
import type { Manifest } from '../k8s/manifest';

/** What one YAML source yielded: the Kubernetes objects to check and the documents that could not be read. */
export interface LoadedManifests {
  readonly inputs: ManifestInput[];
  readonly errors: InputError[];
}

/**
 * Parser choices, made for safety first:
 * - YAML 1.1, as Kubernetes reads it (sigs.k8s.io/yaml is go-yaml v2): `0644` is octal 420 and
 *   `no` is false there, so the checks see the values the API server will see; timestamps stay strings.
 * - Duplicate keys are an error: parsers disagree on which copy wins, so a second
 *   `automountServiceAccountToken: true` could hide behind the first.
 * - Aliases are bounded (`maxAliasCount`) against "billion laughs" expansion.
 * - Tags are never executed: unknown tags (`!!js/function`, `!custom`) are reported and the
 *   document is not checked. `__proto__` keys become own properties (the yaml library defines
 *   them), so no prototype is polluted.
 */
const COMPOSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  // go-yaml v2 leaves timestamp-like plain scalars as strings when decoding into interface{};
  // so must we (the yaml library would make Date objects of `2024-01-01`).
  customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== TIMESTAMP_TAG),
  // Checked by `firstDuplicateKey` after composing: the library's own check is quadratic per mapping.
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
};
const MAX_ALIAS_COUNT = 100;
const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';

/**
 * The exact parser configuration `YamlManifests.load` uses, for benchmarks that compare checking
 * a stream with parsing it alone "with the same parser":
 * `parseAllDocuments(text, YAML_PARSE_OPTIONS).map((d) => d.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT }))`.
 */
export const YAML_PARSE_OPTIONS = COMPOSE_OPTIONS;
export const YAML_MAX_ALIAS_COUNT = MAX_ALIAS_COUNT;

/** Decoding that rejects invalid UTF-8 instead of inserting replacement characters. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads Kubernetes objects out of multi-document YAML, keeping the file and line of each. */
export class YamlManifests {
  /**
   * Parses one file (or stdin). Every readable document is returned, whatever happens to the
   * others; each unreadable one becomes an `InputError` with its file and line.
   *
   * @param content the raw bytes (checked for binary content and UTF-8) or already decoded text
   * @param file how the source is named in findings and errors (`<stdin>` for standard input)
   * @param allowEmpty whether a source without any object is fine; otherwise it is an input
   *   error, because an empty file in CI is usually a generator that failed (`helm template`)
   */
  public static load(content: Buffer | string, file: string, allowEmpty = false): LoadedManifests {
    const inputs: ManifestInput[] = [];
    const errors: InputError[] = [];
    const text = typeof content === 'string' ? content : YamlManifests.decode(content, file, errors);
    if (text === undefined) return { inputs, errors };

    try {
      YamlManifests.parseInto(text, 0, file, inputs, errors);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // The yaml library recurses per nesting level: a hostile document nested thousands deep
      // overflows the stack and would end the whole stream. Start again one document at a time,
      // so only that document is lost (as an input error) and every other one is still checked.
      inputs.length = 0;
      errors.length = 0;
      YamlManifests.parseDocumentByDocument(text, file, inputs, errors);
    }
    if (!allowEmpty && inputs.length === 0 && errors.length === 0) {
      errors.push({ file, line: 1, message: 'no Kubernetes object: the input is empty or holds only comments' });
    }
    return { inputs, errors };
  }

  /** Why a value is not a Kubernetes object (apiVersion, kind, metadata.name), or `undefined` if it is one. */
  public static notAnObject(value: unknown): string | undefined {
    if (!isObject(value)) {
      return `expected a mapping with apiVersion, kind and metadata.name, found ${describe(value)}`;
    }
    const v = value as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    const missing: string[] = [];
    if (!nonEmptyString(v.apiVersion)) missing.push('apiVersion');
    if (!nonEmptyString(v.kind)) missing.push('kind');
    if (!isObject(v.metadata) || !nonEmptyString(v.metadata.name)) missing.push('metadata.name');
    if (missing.length === 0) return undefined;
    const what = nonEmptyString(v.kind) ? `${v.kind} ` : '';
    return `${what}has no ${missing.join(', no ')} (each must be a non-empty string)`;
  }

  /** Parses a text holding one or more documents; `lineOffset` is added to every line reported. */
  private static parseInto(text: string, lineOffset: number, file: string, inputs: ManifestInput[], errors: InputError[]): void {
    const lines = new LineCounter();
    const parser = new Parser(lines.addNewLine);
    const composer = new Composer(COMPOSE_OPTIONS);
    // Documents are composed one at a time and dropped once converted: only the plain objects stay.
    for (const doc of composer.compose(parser.parse(text))) {
      YamlManifests.addDocument(doc, file, lines, lineOffset, inputs, errors);
    }
  }

  /** The slow path: splits the stream at `---` lines and parses each piece on its own. */
  private static parseDocumentByDocument(text: string, file: string, inputs: ManifestInput[], errors: InputError[]): void {
    const separator = /^---(?=[ \t\r]|$)/gm;
    const starts = [0];
    for (let m = separator.exec(text); m; m = separator.exec(text)) {
      if (m.index > 0) starts.push(m.index);
    }
    let line = 0;
    let counted = 0;
    starts.forEach((start, i) => {
      // lines before this piece, counted incrementally so the whole pass stays linear
      for (let at = text.indexOf('\n', counted); at !== -1 && at < start; at = text.indexOf('\n', at + 1)) line++;
      counted = start;
      const piece = text.slice(start, starts[i + 1] ?? text.length);
      try {
        YamlManifests.parseInto(piece, line, file, inputs, errors);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        errors.push({ file, line: line + 1, message: 'invalid YAML: the document is nested too deeply to be read' });
      }
    });
  }

  /** Returns the text, or `undefined` (and an error) for binary or non-UTF-8 content. */
  private static decode(content: Buffer, file: string, errors: InputError[]): string | undefined {
    const nul = content.indexOf(0);
    if (nul >= 0) {
      errors.push({ file, line: YamlManifests.lineAt(content, nul), message: 'binary content (a NUL byte): not a YAML text file' });
      return undefined;
    }
    try {
      return UTF8.decode(content);
    } catch {
      errors.push({ file, message: 'not valid UTF-8 text: YAML manifests must be UTF-8' });
      return undefined;
    }
  }

  private static lineAt(content: Buffer, offset: number): number {
    let line = 1;
    for (let i = content.indexOf(10); i >= 0 && i < offset; i = content.indexOf(10, i + 1)) line++;
    return line;
  }

  private static addDocument(
    doc: Document.Parsed, file: string, lines: LineCounter, lineOffset: number, inputs: ManifestInput[], errors: InputError[],
  ): void {
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const line = lines.linePos(start).line + lineOffset;
    const problem = doc.errors[0] ?? doc.warnings.find(w => w.code === 'TAG_RESOLVE_FAILED');
    const duplicateAt = problem ? undefined : firstDuplicateKey(doc);
    if (problem) {
      const at = lines.linePos(problem.pos[0]).line + lineOffset;
      const message = problem.code === 'TAG_RESOLVE_FAILED'
        ? `${firstLine(problem.message)}: custom YAML tags are not allowed in Kubernetes manifests`
        : `invalid YAML: ${firstLine(problem.message)}`;
      errors.push({ file, line: at, message });
      return;
    }
    if (duplicateAt !== undefined) {
      errors.push({ file, line: lines.linePos(duplicateAt).line + lineOffset, message: 'invalid YAML: Map keys must be unique' });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      errors.push({ file, line, message: `invalid YAML: ${firstLine((e as Error).message)}` });
      return;
    }
    // An empty document (`---` with nothing after it, comments only) is not an object: skip it, as kubectl does.
    if (value === null || value === undefined) return;

    if (YamlManifests.isList(value)) {
      const itemNodes = isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
      value.items.forEach((item: unknown, i: number) => {
        const node = isSeq(itemNodes) ? itemNodes.items[i] : undefined;
        const range = (node as { range?: [number, number, number] } | undefined)?.range;
        const itemLine = range ? lines.linePos(range[0]).line + lineOffset : line;
        YamlManifests.addObject(item, file, itemLine, inputs, errors, `item ${i} of ${value.kind}: `, i);
      });
      return;
    }
    YamlManifests.addObject(value, file, line, inputs, errors, '');
  }

  /** `v1/List`, `DeploymentList`, ...: the objects are in `items` (what `kubectl get -o yaml` prints). */
  private static isList(value: unknown): value is { kind: string; items: unknown[] } {
    const v = value as { kind?: unknown; items?: unknown };
    return isObject(value) && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items);
  }

  private static addObject(
    value: unknown, file: string, line: number, inputs: ManifestInput[], errors: InputError[], prefix: string, item?: number,
  ): void {
    const problem = YamlManifests.notAnObject(value);
    if (problem) {
      errors.push({ file, line, message: `${prefix}not a Kubernetes object: ${problem}` });
      return;
    }
    inputs.push({ manifest: value as Manifest, source: item === undefined ? { file, line } : { file, line, item } });
  }


}

function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a sequence';
  return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
