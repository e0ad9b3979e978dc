/**
 * A document that kubectl's YAML library (go-yaml v2 inside sigs.k8s.io/yaml) would refuse. The
 * message is go-yaml's own wording where it has one, so users can search for it; `pos` is the
 * offset in the document text where the problem was found (the reader turns it into a line).
 */
export class YamlError extends Error {
  constructor(message: string, public readonly pos: number) {
    super(message);
    this.name = 'YamlError';
  }
}
