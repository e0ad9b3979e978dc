import type { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { RuleRegistry } from '../compliance/rules';
import { SUPPRESS_ANNOTATION, Suppressions, SuppressionSpec } from '../compliance/suppressions';

/** Construct metadata type under which `Guardrails.suppress` records suppressions. */
const SUPPRESSION_METADATA = 'cdk8s-guardrails:suppress';

/**
 * The construct side of suppressions: what `Guardrails.suppress`, `RoleGrant` and
 * `OperatorBundle` use, so that a suppression the engine would refuse is refused when the
 * construct is built, naming the construct.
 */
export class ConstructSuppressions {
  /**
   * Why a suppression made in TypeScript cannot be accepted (unknown rule id with close ids, a
   * reason that is not a sentence, an empty target), or undefined.
   */
  public static problem(spec: SuppressionSpec): string | undefined {
    return Suppressions.problem(spec, RuleRegistry.ids());
  }

  /** Records a suppression on a construct; it covers every ApiObject at or below it. Validate first. */
  public static record(scope: IConstruct, spec: SuppressionSpec): void {
    scope.node.addMetadata(SUPPRESSION_METADATA, spec);
  }

  /**
   * The suppressions recorded on an ApiObject and on every construct above it. Each construct's
   * own are read once per synth (`cache`): the app and its charts are above every object.
   */
  public static recordedOn(apiObject: ApiObject, cache: Map<IConstruct, SuppressionSpec[]>): SuppressionSpec[] {
    const result: SuppressionSpec[] = [];
    for (const scope of apiObject.node.scopes) {
      let specs = cache.get(scope);
      if (!specs) {
        specs = [];
        for (const entry of scope.node.metadata) {
          if (entry.type === SUPPRESSION_METADATA) specs.push(entry.data as SuppressionSpec);
        }
        cache.set(scope, specs);
      }
      for (const spec of specs) result.push(spec);
    }
    return result;
  }

  /**
   * Writes suppressions into an object's `guardrails.cdk8s.io/suppress` annotation, keeping the
   * entries already there, so that every door (synth, CLI, plugin) reads them from the YAML.
   */
  public static annotate(apiObject: ApiObject, specs: readonly SuppressionSpec[]): void {
    if (specs.length === 0) return;
    const existing: string | undefined = apiObject.metadata.toJson().annotations?.[SUPPRESS_ANNOTATION];
    apiObject.metadata.addAnnotation(SUPPRESS_ANNOTATION, Suppressions.annotationValue(existing, specs));
  }

  private constructor() {}
}
