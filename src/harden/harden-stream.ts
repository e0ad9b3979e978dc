import { Composer, Document, Parser } from 'yaml';
import type { InputDocument, InputFile } from './harden-input';
import type { HardenOptions } from './harden-options';
import { HardenOptionsModel } from './harden-options';
import { HardenPlan, HardenRewrite } from './harden-rewrite';
import { ManifestEdit, ManifestEdits } from './manifest-edit';
import { PlainJson } from './plain-json';
import { DocumentObjectEdits, NotEditableInPlace, YamlDocumentEditor } from './yaml-document-editor';
import { YamlLibLocator } from './yaml-lib-locator';
import type { InputError, ManifestInput } from '../reader/input';
import { ManifestReader } from '../reader/manifest-reader';

/** A document the rewrite could not edit in place and wrote anew (comments and layout of that document are not kept). */
export interface RewrittenDocument {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** The hardened text of every file, and what was done. */
export interface HardenedStream {
  /** The new text of each input file, in order (the same text where nothing changed). */
  readonly outputs: readonly string[];
  readonly plan: HardenPlan;
  /** How many objects were read. */
  readonly objects: number;
  readonly rewritten: readonly RewrittenDocument[];
  /** How the edited documents were located: by the fast block locator, or by the yaml package. */
  readonly located: { readonly fast: number; readonly yamlLibrary: number };
}

/** A document whose edits could not be written so that it reads back as planned (never expected: a bug to report). */
export class UneditableDocumentError extends Error {
  constructor(public readonly error: InputError) {
    super(error.message);
    this.name = 'UneditableDocumentError';
  }
}

/**
 * The rewrite over files: plans it on every object of every file at once (ServiceAccounts and
 * RBAC may be in other files than the pods), then edits each document that changes and keeps
 * every other byte. Each edited document is read again and must give exactly the planned objects;
 * a document that cannot be edited in place (an alias or merge key on an edited path, a
 * document the editor cannot place text in) is written anew as YAML (JSON for JSON input) and
 * listed in `rewritten`.
 */
export class HardenStream {
  /**
   * @param files the files as `HardenInput.read` cut them (without errors: refuse input with errors before)
   * @throws HardenOptionsError, TokenChoiceError, UneditableDocumentError
   */
  public static run(files: readonly InputFile[], options: HardenOptions): HardenedStream {
    const resolved = HardenOptionsModel.resolve(options);
    const inputs: ManifestInput[] = [];
    const positions: Array<{ file: number; document: number; object: number }> = [];
    files.forEach((file, f) => file.documents.forEach((document, d) => document.objects.forEach((object, o) => {
      inputs.push({ manifest: object.manifest, source: object.source });
      positions.push({ file: f, document: d, object: o });
    })));
    const plan = HardenRewrite.plan(HardenOptionsModel.index(inputs, resolved), resolved);

    // The edits of each document, by file and document.
    const editsByDocument = new Map<string, Map<number, readonly ManifestEdit[]>>();
    for (const { index, edits } of plan.objects) {
      const at = positions[index];
      const key = `${at.file}/${at.document}`;
      const perObject = editsByDocument.get(key) ?? new Map<number, readonly ManifestEdit[]>();
      perObject.set(at.object, edits);
      editsByDocument.set(key, perObject);
    }
    const rewritten: RewrittenDocument[] = [];
    const located = { fast: 0, yamlLibrary: 0 };
    const outputs = files.map((file, f) => {
      if (![...editsByDocument.keys()].some((k) => k.startsWith(`${f}/`))) return file.text;
      return file.documents.map((document, d) => {
        const text = file.text.slice(document.start, document.end);
        const edits = editsByDocument.get(`${f}/${d}`);
        return edits ? HardenStream.editDocument(file, document, text, edits, rewritten, located) : text;
      }).join('');
    });
    return { outputs, plan, objects: inputs.length, rewritten, located };
  }

  /** Edits one document in place, or writes it anew; either way it must read back as planned. */
  private static editDocument(
    file: InputFile, document: InputDocument, text: string, edits: ReadonlyMap<number, readonly ManifestEdit[]>, rewritten: RewrittenDocument[],
    located: { fast: number; yamlLibrary: number },
  ): string {
    // The objects were read for this run and are planned already: they take their edits in place.
    for (const [o, e] of edits) ManifestEdits.applyTo(document.objects[o].manifest, e);
    const expected = document.objects.map((object) => object.manifest);
    const objectEdits: DocumentObjectEdits[] = [...edits].map(([o, e]) => ({
      prefix: document.objects[o].prefix, edits: e, edited: document.objects[o].manifest,
    }));
    const line = document.objects[0]?.source.line ?? 1;
    let reason = '';
    // The fast locator reads the block YAML generators write; the yaml package reads the rest.
    for (const [edit, counter] of [[YamlDocumentEditor.editFast, 'fast'], [YamlDocumentEditor.edit, 'yamlLibrary']] as const) {
      try {
        const edited = edit(text, objectEdits);
        const problem = HardenStream.readBackProblem(edited, file.name, expected);
        if (problem === undefined) {
          located[counter]++;
          return edited;
        }
        reason = `the edited text would read back differently (${problem})`;
      } catch (e) {
        if (!(e instanceof NotEditableInPlace)) throw e;
        reason = e.message;
      }
    }
    const written = HardenStream.rewrite(text, objectEdits);
    const problem = HardenStream.readBackProblem(written, file.name, expected);
    if (problem !== undefined) {
      throw new UneditableDocumentError({ file: file.name, line, message: `cannot harden this document safely: ${reason}; written anew, ${problem}` });
    }
    rewritten.push({ file: file.name, line, reason });
    return written;
  }

  /** Why a text does not read back as the expected objects, or undefined when it does. */
  private static readBackProblem(text: string, file: string, expected: readonly unknown[]): string | undefined {
    const read = ManifestReader.read(text, file);
    if (read.errors.length > 0) return `it does not read: ${read.errors[0].message}`;
    if (read.objects.length !== expected.length) return `it reads as ${read.objects.length} objects instead of ${expected.length}`;
    const differs = read.objects.findIndex((input, i) => !PlainJson.equal(input.object, expected[i]));
    return differs < 0 ? undefined : `object ${differs + 1} of the document differs`;
  }

  /**
   * The document written anew from its edited objects: the text before its content (the `---`
   * line, leading comments) is kept; the rest is YAML 1.1-safe YAML, or JSON when the document was JSON.
   */
  private static rewrite(text: string, objects: readonly DocumentObjectEdits[]): string {
    const doc = [...new Composer(YamlLibLocator.OPTIONS).compose(new Parser().parse(text))].find((d) => d.contents !== null);
    if (!doc?.contents?.range) return text;
    // The list around items (objects that are the document are written from the object alone).
    const value = doc.toJS({ maxAliasCount: YamlLibLocator.MAX_ALIAS_COUNT });
    for (const object of objects) {
      if (object.prefix.length === 0) return HardenStream.rendered(text, doc.contents.range[0], object.edited);
      const [items, index] = object.prefix as [string, number];
      value[items][index] = object.edited;
    }
    return HardenStream.rendered(text, doc.contents.range[0], value);
  }

  /** The text before the content at `contentStart`, then `value` as YAML 1.1-safe YAML, or JSON when the content was JSON. */
  private static rendered(text: string, contentStart: number, value: unknown): string {
    const lineStart = text.lastIndexOf('\n', contentStart - 1) + 1;
    // The content may share its line with the `---` marker: keep the marker on a line of its own.
    const head = text.slice(0, lineStart) + (text.slice(lineStart, contentStart).startsWith('---') ? '---\n' : '');
    if (text[contentStart] === '{') return `${head}${JSON.stringify(value, null, 2)}\n`;
    return head + new Document(value, { version: '1.1' }).toString({ lineWidth: 0 });
  }

  private constructor() {}
}
