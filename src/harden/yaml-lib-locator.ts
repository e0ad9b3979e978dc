import { Composer, DocumentOptions, isAlias, isMap, isScalar, isSeq, Node, ParseOptions, Parser, SchemaOptions } from 'yaml';
import type { LocatedEntry, LocatedNode } from './located-yaml';

/**
 * Locates any YAML document with the `yaml` package (the CLI reader's parser and options): block
 * and flow styles, anchors, aliases, tags, merge keys. Slower than `BlockLocator`, which handles
 * the plain block YAML most manifests are written in.
 */
export class YamlLibLocator {
  /**
   * YAML 1.1 (what Kubernetes reads), lenient about duplicate keys (the reader decides what a
   * document means; the locator only finds where things are), no pretty errors.
   */
  public static readonly OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = { version: '1.1', uniqueKeys: false, strict: true, prettyErrors: false };
  /** Aliases are bounded against "billion laughs" expansion when a document is written anew. */
  public static readonly MAX_ALIAS_COUNT = 100;

  /** The document's root, or undefined when the text is not exactly one readable YAML document. */
  public static locate(text: string): LocatedNode | undefined {
    const docs = [...new Composer(YamlLibLocator.OPTIONS).compose(new Parser().parse(text))];
    const withContent = docs.filter((d) => d.contents !== null);
    if (withContent.length !== 1 || withContent[0].errors.length > 0) return undefined;
    return convert(withContent[0].contents as Node, text);
  }

  private constructor() {}
}

function convert(node: Node, text: string): LocatedNode {
  const [start, end] = node.range!;
  if (isAlias(node)) return { type: 'opaque', start, end, reason: 'an alias' };
  if (isMap(node)) {
    let mergeKey = false;
    const entries: LocatedEntry[] = node.items.map((pair) => {
      const key = pair.key as Node | null;
      const keyValue = isScalar(key) ? key.value : undefined;
      if (keyValue === '<<' || (isScalar(key) && key.source === '<<')) mergeKey = true;
      const keyStart = key?.range?.[0] ?? start;
      const keyEnd = key?.range?.[1] ?? start;
      const colon = text.indexOf(':', keyEnd);
      const value: LocatedNode = pair.value ? convert(pair.value as Node, text) : { type: 'scalar', start: colon + 1, end: colon + 1 };
      return { key: keyValue === undefined || keyValue === null ? '' : String(keyValue), keyStart, keyEnd, value };
    });
    const last = entries[entries.length - 1];
    return { type: 'map', flow: node.flow === true, start, end: node.flow || !last ? end : Math.max(last.keyEnd, last.value.end), entries, mergeKey };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => convert(item as Node, text));
    const last = items[items.length - 1];
    return { type: 'seq', flow: node.flow === true, start, end: node.flow || !last ? end : last.end, items };
  }
  return { type: 'scalar', start, end };
}
