import { App, Chart, Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ComplianceReport } from './compliance-report';
import { ConstructSuppressions } from './construct-suppressions';
import { HeldWrites } from './held-writes';
import { allApiObjects, SynthCapture } from './synth-capture';
import { SynthOutput } from './synth-output';
import { ComplianceEngine } from '../compliance/engine';
import type { Report } from '../compliance/model';
import { ReportFormat } from '../compliance/report';
import { FailOnLevel, RuleSetting, Settings, SettingsError } from '../compliance/settings';
import type { SuppressionSpec } from '../compliance/suppressions';
import { ConfigFile } from '../config/config-file';
import { SettingsLayers } from '../config/settings-layers';
import type { PodTemplateKind } from '../k8s/pod-template-kind';
import type { ManifestInput } from '../reader/input';

/** The lowest severity that fails synth. */
export enum FailOn {
  /** Fail on errors; print warnings and infos. */
  ERROR = 'ERROR',
  /** Fail on errors and warnings. */
  WARNING = 'WARNING',
  /** Fail on any finding. */
  INFO = 'INFO',
  /** Never fail on findings; print every finding. Objects that could not be checked still fail. */
  NEVER = 'NEVER',
}

/** Options of `Guardrails.of(app).check()`: the settings every door (synth, CLI, plugin) accepts. */
export interface GuardrailsCheckOptions {
  /**
   * The rule packs to run: `tokens`, `rbac`, `pss-baseline`, `pss-restricted`, `hardening`,
   * `recommended`, `cis`.
   * @default ['recommended']
   */
  readonly packs?: string[];

  /**
   * The lowest severity that fails `app.synth()`. Findings below it are printed to stderr.
   * @default FailOn.ERROR
   */
  readonly failOn?: FailOn;

  /**
   * The longest lifetime a projected ServiceAccount token may have (`token/projected-ttl`).
   * @default Duration.hours(1)
   */
  readonly maxTokenTtl?: Duration;

  /**
   * Severity per rule id: `error`, `warning`, `info`, or `off` to disable the rule. A rule
   * outside the chosen packs is turned on by an override.
   * @default - each pack's severities
   */
  readonly severityOverrides?: { [ruleId: string]: string };

  /**
   * The Pod Security Standards version the `pss/*` rules follow (`latest` or `v1.N`).
   * @default 'latest'
   */
  readonly podSecurityVersion?: string;

  /**
   * Audit mode: report every suppressed finding as if it were not suppressed (suppressions are
   * still validated).
   * @default false
   */
  readonly ignoreSuppressions?: boolean;

  /**
   * The namespace of namespaced objects that set none (as `kubectl apply -n` would put them).
   * @default 'default'
   */
  readonly namespace?: string;

  /**
   * Rule ids or families (`pss/*`) that no suppression may silence: their suppressions are
   * refused (the finding counts, with a note).
   * @default - none
   */
  readonly unsuppressible?: string[];

  /**
   * The configuration file (`.guardrails.yaml`) whose settings these options override.
   * @default - `.guardrails.yaml` in the working directory or a parent, up to the repository root
   */
  readonly config?: string;

  /**
   * Kinds to add to the table of where pods are (custom resources that run pods), or to declare
   * as holding no pod. An entry for a kind the table knows replaces it.
   * @default - the built-in table only
   */
  readonly podTemplates?: PodTemplateKind[];

  /**
   * Reports to write next to the synthesized YAML on each synth (one file per format).
   * @default - no report files
   */
  readonly reports?: ReportFormat[];

  /**
   * Where to write `reports`.
   * @default - the app's outdir
   */
  readonly reportDirectory?: string;

  /**
   * Do not print findings that do not fail synth.
   * @default false
   */
  readonly silent?: boolean;
}

/** Options of `Guardrails.suppress()`. */
export interface SuppressionOptions {
  /**
   * Suppress only the finding with this target: a container name for pod rules, a
   * `verb resource[.group]` permission for role rules (e.g. `get secrets`), a subject or role
   * name for binding rules, a volume name for projected token rules.
   * @default - every finding of the rule on the construct and its children
   */
  readonly target?: string;

  /**
   * The last day (`YYYY-MM-DD`, UTC) the suppression applies; afterwards the finding counts
   * again and `guardrails/expired-suppression` reports the suppression.
   * @default - no expiry
   */
  readonly expires?: string;
}

/** The guarded apps, by root construct. */
const GUARDS = new WeakMap<IConstruct, Guardrails>();

/**
 * Door 1: checks every manifest an app writes, at synth time, with the compliance engine.
 *
 * `Guardrails.of(app).check()` covers every chart of the app (including charts added later,
 * `Include`, `Helm` and raw `ApiObject`s). Findings at or above `failOn` make `app.synth()`,
 * `app.synthYaml()` and `Testing.synth(chart)` throw a readable report; the others are printed
 * once per synth. Nothing is rendered twice: the manifests checked are the ones written, and an
 * app synthesizes byte-identical YAML with and without the guardrails.
 */
export class Guardrails {
  /** The guardrails of an app (one per app). */
  public static of(app: App): Guardrails {
    let guard = GUARDS.get(app.node.root);
    if (!guard) {
      guard = new Guardrails(app);
      GUARDS.set(app.node.root, guard);
    }
    return guard;
  }

  /**
   * Suppresses a rule on a construct and every construct below it. The finding is still
   * reported, marked suppressed with the reason. The suppression is written into the
   * `guardrails.cdk8s.io/suppress` annotation of every ApiObject it covers, so the cdk8s plugin
   * and `cdk8s-guardrails check` over the synthesized YAML see it too.
   *
   * @param scope the construct (an ApiObject, an L2 construct, a chart...)
   * @param ruleId the rule id, e.g. `token/sidecar-exposure`
   * @param reason why the finding is acceptable: a sentence of at least 20 characters
   * @throws Error naming the construct path for an unknown rule id (with close ids) or a short reason
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string, options: SuppressionOptions = {}): void {
    const spec: SuppressionSpec = {
      rule: ruleId,
      reason,
      ...(options.target !== undefined ? { target: options.target } : {}),
      ...(options.expires !== undefined ? { expires: options.expires } : {}),
    };
    const problem = ConstructSuppressions.problem(spec);
    if (problem) throw new Error(`Guardrails.suppress on '${scope.node.path}': ${problem}`);
    ConstructSuppressions.record(scope, { ...spec, reason: reason.trim() });
  }

  private static hookInstalled = false;

  /** The settings model filled from the jsii options. */
  private static settingsOf(options: GuardrailsCheckOptions): Settings {
    const severityOverrides: Record<string, RuleSetting> = {};
    for (const [ruleId, value] of Object.entries(options.severityOverrides ?? {})) {
      severityOverrides[ruleId] = String(value).toLowerCase() as RuleSetting;
    }
    return {
      packs: options.packs,
      failOn: options.failOn === undefined ? undefined : String(options.failOn).toLowerCase() as FailOnLevel,
      maxTokenTtlSeconds: options.maxTokenTtl?.toSeconds(),
      severityOverrides,
      podSecurityVersion: options.podSecurityVersion,
      ignoreSuppressions: options.ignoreSuppressions,
      namespace: options.namespace,
      unsuppressible: options.unsuppressible,
      podTemplates: options.podTemplates?.map((t) => ({ group: t.group, kind: t.kind, paths: t.paths ?? [] })),
    };
  }

  /** Wraps `Chart.prototype.toJson` once so that charts created at any time are covered. */
  private static installChartHook(): void {
    if (Guardrails.hookInstalled) return;
    Guardrails.hookInstalled = true;
    const original = Chart.prototype.toJson;
    Chart.prototype.toJson = function guardedToJson(this: Chart): any[] {
      const guard = GUARDS.get(this.node.root);
      return guard ? guard.synthChart(this, () => original.call(this)) : original.call(this);
    };
  }

  private engine?: ComplianceEngine;
  private options: GuardrailsCheckOptions = {};
  private capture?: SynthCapture;
  private appWrapped = false;
  /** Where reports go during a staged `app.synth()` (the real outdir, not the staging one). */
  private stagedOutdir?: string;
  /** The report of the last checked synth (undefined while one runs, or if it did not finish). */
  private lastReport?: Report;

  private constructor(private readonly app: App) {}

  /**
   * Checks every chart of the app on each synth. Calling it again replaces the options.
   * @throws Error for an unknown pack or rule id, a bad severity, a token TTL under 600 s, a bad
   *   namespace or Pod Security version
   */
  public check(options: GuardrailsCheckOptions = {}): void {
    try {
      const config = ConfigFile.resolve({ config: options.config, cwd: process.cwd() });
      const own = Guardrails.settingsOf(options);
      this.engine = new ComplianceEngine(config ? SettingsLayers.merge(config.settings, own) : own);
    } catch (e) {
      const message = e instanceof SettingsError ? e.message : (e as Error).message;
      throw new Error(`Guardrails.check on '${this.app.node.path || 'app'}': ${message}`);
    }
    this.options = options;
    this.lastReport = undefined;
    this.wrapAppSynth();
    Guardrails.installChartHook();
  }

  /**
   * The compliance report of the app's last checked synth, for tests that assert its findings.
   *
   * That synth is `app.synth()`, `app.synthYaml()` or `Testing.synth(chart)` (then of that chart
   * only), checked under the options of `check()`. The report is the object the reporters render,
   * built from exactly the manifests that synth wrote: nothing is rendered again. It is also
   * available when the synth threw on findings. To assert every finding, check with
   * `failOn: FailOn.NEVER` (and `silent: true`) so that the synth returns whatever it finds.
   * @throws Error when `check()` was not called, or no synth has finished since it was
   */
  public report(): ComplianceReport {
    if (this.lastReport) return this.lastReport;
    const where = `Guardrails.report on '${this.app.node.path || 'app'}'`;
    if (!this.engine) throw new Error(`${where}: nothing is checked: call Guardrails.of(app).check() before the synth`);
    throw new Error(`${where}: no synth has been checked since check(): call app.synth(), app.synthYaml() or Testing.synth(chart) first`);
  }

  /** `app.synth()` and `app.synthYaml()` check the whole app once, after the original returns. */
  private wrapAppSynth(): void {
    if (this.appWrapped) return;
    this.appWrapped = true;
    const app = this.app;
    const synth = app.synth;
    const synthYaml = app.synthYaml;
    app.synth = () => this.synthHeld(() => this.inSession(allApiObjects(app), () => synth.call(app)));
    app.synthYaml = () => this.inSession(allApiObjects(app), () => synthYaml.call(app));
  }

  private synthHeld(synth: () => void): void {
    if (this.capture || !this.engine) return synth();
    HeldWrites.run(this.app, synth, (outdir) => { this.stagedOutdir = outdir; });
  }

  /** A chart's `toJson()`: part of the app's session, or (Testing.synth) a session of its own. */
  private synthChart(chart: Chart, original: () => any[]): any[] {
    if (!this.engine) return original();
    const record = (output: any[]) => {
      for (const json of output) this.capture?.record(json, undefined, chart);
      return output;
    };
    if (this.capture) return record(original());
    const objects = allApiObjects(chart).filter((o) => Chart.of(o) === chart);
    return this.inSession(objects, () => record(original()));
  }

  /**
   * Runs a synth with every ApiObject's `toJson` recording what it returns, then checks it.
   * The recording is removed afterwards, whatever happens.
   */
  private inSession<T>(objects: ReturnType<typeof allApiObjects>, run: () => T): T {
    if (this.capture || !this.engine) return run();
    const capture = new SynthCapture();
    this.capture = capture;
    this.lastReport = undefined;
    const undo = capture.recordEach(objects);
    let result: T;
    try {
      result = run();
    } finally {
      undo();
      this.capture = undefined;
    }
    this.finish(capture);
    return result;
  }

  private finish(capture: SynthCapture): void {
    const engine = this.engine!;
    // Suppressions made in TypeScript are in the manifests' annotations (ConstructSuppressions.record).
    const inputs: ManifestInput[] = [];
    for (const manifest of capture.written.keys()) {
      const constructPath = capture.constructPathOf(manifest);
      inputs.push({ manifest, source: constructPath !== undefined ? { constructPath } : {} });
    }
    const report = engine.check(inputs);
    this.lastReport = report;
    const directory = this.options.reportDirectory ?? this.stagedOutdir ?? this.app.outdir;
    SynthOutput.write(report, engine.rules, this.options.reports ?? [], directory);
    SynthOutput.judge(report, engine.settings.failOn, engine.settings.packs, this.options.silent === true, engine.rules.map((r) => r.rule));
  }
}
