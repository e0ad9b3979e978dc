import * as fs from 'fs';
import { ComplianceEngine } from '../compliance/engine';
import type { Severity, Finding } from '../compliance/model';
import { SEVERITIES } from '../compliance/model';
import { FailOnLevel, RuleSetting, Settings, SettingsModel } from '../compliance/settings';
import { ConfigFile } from '../config/config-file';
import { SettingsLayers } from '../config/settings-layers';
import type { Manifest } from '../k8s/manifest';
import { Glob } from '../reader/glob';
import type { InputError, ManifestInput } from '../reader/input';
import { ManifestReader } from '../reader/manifest-reader';
import { ObjectShape } from '../reader/object-shape';

/*
 * The cdk8s CLI's plugin contract (cdk8s-cli/lib/plugins/validation.d.ts), restated structurally
 * so that this package does not load cdk8s-cli at run time: the CLI that runs us passes these.
 */

/** A resource that violates a rule; the CLI adds the construct path from `resourceName`. */
export interface PluginViolatingResource {
  readonly resourceName: string;
  readonly locations: readonly string[];
  readonly manifestPath: string;
}

/** One rule's violations, as the CLI's report prints them. */
export interface PluginViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: readonly PluginViolatingResource[];
}

/** The CLI's report object (`context.report`). */
export interface PluginReport {
  addViolation(violation: PluginViolation): void;
  submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
}

/** What the CLI hands to `validate`. */
export interface PluginValidationContext {
  /** Paths of the synthesized YAML files. */
  readonly manifests: readonly string[];
  /** Construct metadata recorded by `cdk8s synth`, keyed by the object's `metadata.name`. */
  readonly metadata: { readonly [resourceName: string]: { readonly path: string } };
  readonly report: PluginReport;
  readonly logger: { log(message: string): void };
}

/** The `properties` of the plugin in `cdk8s.yaml`: the settings every door accepts. */
export interface GuardrailsValidationProperties {
  /** Rule packs to run. @default ['recommended'] */
  readonly packs?: string[];
  /** The lowest severity of an unsuppressed finding that fails the synth: error, warning, info or never. @default 'error' */
  readonly failOn?: string;
  /** Longest projected token lifetime allowed, in seconds. @default 3600 */
  readonly maxTokenTtlSeconds?: number;
  /** Severity per rule id (`error`, `warning`, `info`) or `off`. @default - each pack's severities */
  readonly severityOverrides?: { readonly [ruleId: string]: string };
  /** Pod Security Standards version the `pss/*` rules follow (`latest` or `v1.N`). @default 'latest' */
  readonly podSecurityVersion?: string;
  /** Audit mode: report suppressed findings as if not suppressed. @default false */
  readonly ignoreSuppressions?: boolean;
  /** Namespace of namespaced objects that set none (`kubectl apply -n`). @default 'default' */
  readonly namespace?: string;
  /** Synthesized files not to check (globs). @default - none */
  readonly exclude?: string[];
  /** Rule ids or families (`pss/*`) no suppression may silence. @default - none */
  readonly unsuppressible?: string[];
  /**
   * The configuration file (`.guardrails.yaml`); these properties override it.
   * @default - `.guardrails.yaml` in the working directory or a parent, up to the repository root
   */
  readonly config?: string;
}

const KNOWN_PROPERTIES = ['packs', 'failOn', 'maxTokenTtlSeconds', 'severityOverrides', 'podSecurityVersion', 'ignoreSuppressions', 'namespace', 'exclude', 'unsuppressible', 'config'];
/** The rule name under which documents that could not be read are reported. */
const INPUT_ERROR_RULE = 'input-error';

/**
 * The cdk8s CLI validation plugin: `cdk8s synth` runs the guardrails engine over the manifests
 * it wrote and prints every unsuppressed finding with the construct path that emitted it; the
 * synth fails (exit code 2) on findings at or above `failOn`. In `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-guardrails/lib/plugin
 *     class: GuardrailsValidation
 *     version: 0.0.0
 *     properties:
 *       packs: [recommended]
 * ```
 */
export class GuardrailsValidation {
  private readonly engine: ComplianceEngine;

  /** @throws Error naming the property, the bad value and what is allowed */
  constructor(properties: GuardrailsValidationProperties = {}) {
    const props = properties ?? {};
    for (const key of Object.keys(props)) {
      if (!KNOWN_PROPERTIES.includes(key)) {
        throw new Error(`GuardrailsValidation: unknown property '${key}' in cdk8s.yaml; allowed: ${KNOWN_PROPERTIES.join(', ')}`);
      }
    }
    if (props.packs !== undefined && (!Array.isArray(props.packs) || props.packs.some((p) => typeof p !== 'string'))) {
      throw new Error(`GuardrailsValidation: packs ${JSON.stringify(props.packs)} is not allowed: use a list of pack names`);
    }
    try {
      const own: Settings = {
        packs: props.packs,
        failOn: props.failOn as FailOnLevel | undefined,
        maxTokenTtlSeconds: props.maxTokenTtlSeconds,
        severityOverrides: props.severityOverrides as Record<string, RuleSetting> | undefined,
        podSecurityVersion: props.podSecurityVersion,
        ignoreSuppressions: props.ignoreSuppressions === true ? true : undefined,
        namespace: props.namespace,
        exclude: props.exclude,
        unsuppressible: props.unsuppressible,
      };
      const config = ConfigFile.resolve({ config: props.config, cwd: process.cwd() });
      this.engine = new ComplianceEngine(config ? SettingsLayers.merge(config.settings, own) : own);
    } catch (e) {
      throw new Error(`GuardrailsValidation: ${(e as Error).message}`);
    }
  }

  public async validate(context: PluginValidationContext): Promise<void> {
    const inputs: ManifestInput[] = [];
    const inputErrors: InputError[] = [];
    const exclude = this.engine.settings.exclude;
    for (const file of context.manifests) {
      if (exclude.some((glob) => Glob.matchesFile(glob, file))) continue;
      let content: Buffer;
      try {
        content = fs.readFileSync(file);
      } catch (e) {
        inputErrors.push({ file, message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        continue;
      }
      // Read as kubectl reads it; a chart without objects synthesizes an empty file: that is fine here.
      const loaded = ManifestReader.read(content, file);
      for (const { object, source } of loaded.objects) {
        const problem = ObjectShape.problem(object);
        if (problem !== undefined) {
          inputErrors.push({ file, line: source.line, message: `not a Kubernetes object: ${problem}` });
          continue;
        }
        const manifest = object as unknown as Manifest;
        const constructPath = context.metadata?.[manifest.metadata.name]?.path;
        const located = { file, line: source.line, locate: (pointer: string) => source.locate(pointer) };
        inputs.push({ manifest, source: constructPath ? { ...located, constructPath } : located });
      }
      inputErrors.push(...loaded.errors);
    }
    const report = this.engine.check(inputs);
    inputErrors.push(...report.inputErrors);

    const rules = new Map(this.engine.rules.map((r) => [r.rule.id, r.rule]));
    const byRule = new Map<string, Finding[]>();
    for (const finding of report.findings) {
      if (finding.suppressed) continue;
      const list = byRule.get(finding.ruleId);
      if (list) list.push(finding);
      else byRule.set(finding.ruleId, [finding]);
    }
    for (const [ruleId, findings] of byRule) {
      const rule = rules.get(ruleId);
      const severity = worst(findings.map((f) => f.severity));
      context.report.addViolation({
        ruleName: `${ruleId} (${severity})`,
        recommendation: rule?.title ?? findings[0].message,
        fix: rule?.remediation ?? findings[0].message,
        violatingResources: findings.map((f) => ({
          resourceName: f.object.name,
          manifestPath: f.file ?? '',
          locations: [`${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name} at ${f.path || '/'}: ${f.message}`],
        })),
      });
    }
    if (inputErrors.length > 0) {
      context.report.addViolation({
        ruleName: `${INPUT_ERROR_RULE} (error)`,
        recommendation: 'Every synthesized document must be a Kubernetes object (apiVersion, kind, metadata.name) in valid YAML.',
        fix: 'Fix the object that the construct emits.',
        violatingResources: inputErrors.map((e) => ({
          resourceName: '',
          manifestPath: e.file ?? '',
          locations: [`${e.line !== undefined ? `line ${e.line}: ` : ''}${e.message}`],
        })),
      });
    }

    const s = report.summary;
    const failed = SettingsModel.runFails({ ...report, inputErrors }, this.engine.settings.failOn);
    context.logger.log(`cdk8s-guardrails: ${s.objects} objects checked: ${s.errors} errors, ${s.warnings} warnings, `
      + `${s.infos} info, ${s.suppressed} suppressed, ${inputErrors.length} input errors`);
    context.report.submit(failed ? 'failure' : 'success', {
      objects: String(s.objects),
      errors: String(s.errors),
      warnings: String(s.warnings),
      info: String(s.infos),
      suppressed: String(s.suppressed),
      inputErrors: String(inputErrors.length),
      failOn: this.engine.settings.failOn,
    });
  }
}

function worst(severities: readonly Severity[]): Severity {
  return SEVERITIES.find((s) => severities.includes(s)) ?? 'info';
}
