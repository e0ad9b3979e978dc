import { ApiObject } from 'cdk8s';
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

  /**
   * Records a suppression on a construct and writes it into the suppression annotation of every
   * ApiObject at or below it, so that the YAML carries it and every door (synth, CLI over the
   * output, the cdk8s plugin) reads the same suppressions. ApiObjects added below the construct
   * later are annotated before they render: cdk8s runs the construct's validation (added here)
   * over the whole app before any chart renders, on `app.synth()`, `synthYaml()` and
   * `Testing.synth()` alike. The annotation is written on the construct (never by calling an
   * object's `toJson()`), so what is rendered, checked and written stays one and the same.
   * Validate the suppression first.
   */
  public static record(scope: IConstruct, spec: SuppressionSpec): void {
    scope.node.addMetadata(SUPPRESSION_METADATA, spec);
    ConstructSuppressions.annotateBelow(scope);
    if (!ANNOTATED_SCOPES.has(scope)) {
      ANNOTATED_SCOPES.add(scope);
      // Idempotent (annotationValue keeps one copy of each entry): cdk8s validates 1 + N times.
      scope.node.addValidation({ validate: () => { ConstructSuppressions.annotateBelow(scope); return []; } });
    }
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

  /** Writes the suppressions recorded on `scope` into every ApiObject at or below it. */
  private static annotateBelow(scope: IConstruct): void {
    const specs = scope.node.metadata.filter((entry) => entry.type === SUPPRESSION_METADATA).map((entry) => entry.data as SuppressionSpec);
    for (const construct of scope.node.findAll()) {
      if (ApiObject.isApiObject(construct)) ConstructSuppressions.annotate(construct, specs);
    }
  }

  private constructor() {}
}

/** The constructs that already carry the validation that annotates their ApiObjects. */
const ANNOTATED_SCOPES = new WeakSet<IConstruct>();
