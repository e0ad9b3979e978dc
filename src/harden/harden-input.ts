import type { PathSegment } from './manifest-edit';
import type { Manifest } from '../k8s/manifest';
import type { InputError, ManifestSource } from '../reader/input';
import { YamlManifests } from '../reader/yaml-manifests';

/** One object of a document, and where it is in the document. */
export interface DocumentObject {
  readonly manifest: Manifest;
  readonly source: ManifestSource;
  /** `[]` for the document itself, `['items', i]` for an item of a List. */
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

/** A line that starts a YAML document (`---` then a space, a tab or the line's end). */
const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/** Decoding that rejects invalid UTF-8 (the reader reports it) and keeps a byte order mark (the output keeps every byte). */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The reader side of the rewrite: cuts a file into documents at `---` lines (as kubectl's
 * YAMLReader does, so each document's text can be edited or kept byte for byte) and reads each
 * with the CLI's reader (`YamlManifests`), whose errors it keeps with their file and line.
 * Pointing the rewrite at another reader means replacing this one file.
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
    } catch {
      // Binary or not UTF-8: the reader says which, with the line.
      return { name, text: '', documents: [], errors: YamlManifests.load(content, name).errors };
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
      const loaded = YamlManifests.load(text.slice(start, end), name, true);
      const shift = (source: { line?: number }) => (source.line === undefined ? undefined : source.line + line - 1);
      for (const error of loaded.errors) errors.push({ ...error, line: shift(error) });
      const objects = loaded.inputs.map(({ manifest, source = {} }) => ({
        manifest,
        source: { ...source, line: shift(source) },
        prefix: source.item === undefined ? [] : ['items', source.item],
      }));
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

  private static decode(content: Buffer): string {
    if (content.indexOf(0) >= 0) throw new Error('binary');
    return UTF8.decode(content);
  }

  private constructor() {}
}
