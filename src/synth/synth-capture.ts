import { ApiObject, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { Manifest } from '../k8s/manifest';

/**
 * The manifests written during one synth, in write order, each with the ApiObject that wrote
 * it (when known). Keyed by the very object that `toJson()` returned, so what is checked is
 * exactly what is written and nothing is rendered twice.
 */
export class SynthCapture {
  public readonly written = new Map<Manifest, ApiObject | undefined>();
  public readonly chartOf = new Map<Manifest, Chart>();

  public record(json: Manifest, apiObject: ApiObject | undefined, chart?: Chart): void {
    if (json === null || typeof json !== 'object') return;
    if (!this.written.has(json) || apiObject) this.written.set(json, apiObject);
    if (chart && !this.chartOf.has(json)) this.chartOf.set(json, chart);
  }

  /** The construct path that wrote a manifest: its ApiObject's, else its chart's. */
  public constructPathOf(manifest: Manifest): string | undefined {
    return this.written.get(manifest)?.node.path ?? this.chartOf.get(manifest)?.node.path;
  }

  /**
   * Makes each ApiObject record what its own `toJson()` returns (the subclass's final mapping,
   * JSON patches included), without calling it. Returns the undo, which restores every object.
   */
  public recordEach(apiObjects: readonly ApiObject[]): () => void {
    const undo = apiObjects.map((apiObject) => this.recordToJson(apiObject));
    return () => undo.forEach((u) => u());
  }

  private recordToJson(apiObject: ApiObject): () => void {
    const own = Object.getOwnPropertyDescriptor(apiObject, 'toJson');
    const toJson = apiObject.toJson;
    const capture = this;
    Object.defineProperty(apiObject, 'toJson', {
      configurable: true,
      writable: true,
      value: function recordedToJson(this: ApiObject) {
        const json = toJson.call(apiObject);
        capture.record(json, apiObject);
        return json;
      },
    });
    return () => {
      if (own) Object.defineProperty(apiObject, 'toJson', own);
      else delete (apiObject as { toJson?: unknown }).toJson;
    };
  }
}

/** Every ApiObject at or below a construct. */
export function allApiObjects(scope: IConstruct): ApiObject[] {
  return scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
}
