import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Yaml, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ComplianceEngine, SeverityOverride, SuppressedManifestInput } from './engine';
import type { Finding, Manifest, Report, Severity } from './model';
import { ReportFormat, Reporters } from './report';
import { INVALID_SUPPRESSION, RuleRegistry } from './rules';
import { Suppressions, SuppressionSpec } from './suppressions';

/** The lowest severity that fails synth. */
export enum FailOn {
  /** Fail on errors; print warnings and infos. */
  ERROR = 'ERROR',
  /** Fail on errors and warnings. */
  WARNING = 'WARNING',
  /** Fail on any finding. */
  INFO = 'INFO',
  /** Never fail; print every finding. */
  NEVER = 'NEVER',
}

/** Options of `Guardrails.of(app).check()`. */
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

  /**
   * The Pod Security Standards version the `pss/*` rules follow (`latest` or `v1.N`).
   * @default 'latest'
   */
  readonly podSecurityVersion?: string;
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
}

/** Construct metadata type under which suppressions are stored. */
const SUPPRESSION_METADATA = 'cdk8s-guardrails:suppress';

const FAILING: Record<FailOn, readonly Severity[]> = {
  [FailOn.ERROR]: ['error'],
  [FailOn.WARNING]: ['error', 'warning'],
  [FailOn.INFO]: ['error', 'warning', 'info'],
  [FailOn.NEVER]: [],
};

/** The guarded apps, by root construct. */
const GUARDS = new WeakMap<IConstruct, Guardrails>();

/**
 * The manifests written during one synth, in write order, each with the ApiObject that wrote
 * it (when known). Keyed by the very object that `toJson()` returned, so what is checked is
 * exactly what is written and nothing is rendered twice.
 */
class SynthSession {
  public readonly written = new Map<Manifest, ApiObject | undefined>();
  public readonly chartOf = new Map<Manifest, Chart>();

  public record(json: Manifest, apiObject: ApiObject | undefined, chart?: Chart): void {
    if (json === null || typeof json !== 'object') return;
    if (!this.written.has(json) || apiObject) this.written.set(json, apiObject);
    if (chart && !this.chartOf.has(json)) this.chartOf.set(json, chart);
  }
}

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
   * reported, marked suppressed with the reason.
   *
   * @param scope the construct (an ApiObject, an L2 construct, a chart...)
   * @param ruleId the rule id, e.g. `token/sidecar-exposure`
   * @param reason why the finding is acceptable: a sentence of at least 20 characters
   * @throws Error naming the construct path for an unknown rule id (with close ids) or a short reason
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string, options: SuppressionOptions = {}): void {
    const problem = Suppressions.ruleProblem(ruleId, RuleRegistry.ids()) ?? Suppressions.reasonProblem(reason);
    if (problem) throw new Error(`Guardrails.suppress on '${scope.node.path}': ${problem}`);
    if (options.target !== undefined && options.target.trim() === '') {
      throw new Error(`Guardrails.suppress on '${scope.node.path}': target must not be empty; omit it to suppress every finding of '${ruleId}'`);
    }
    const spec: SuppressionSpec = options.target === undefined
      ? { rule: ruleId, reason: reason.trim() }
      : { rule: ruleId, reason: reason.trim(), target: options.target };
    scope.node.addMetadata(SUPPRESSION_METADATA, spec);
  }

  private static hookInstalled = false;

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
  private failOn: FailOn = FailOn.ERROR;
  private options: GuardrailsCheckOptions = {};
  private session?: SynthSession;
  private appWrapped = false;
  /** Where reports go during a staged `app.synth()` (the real outdir, not the staging one). */
  private reportDirectory?: string;

  private constructor(private readonly app: App) {}

  /**
   * Checks every chart of the app on each synth. Calling it again replaces the options.
   * @throws Error for an unknown pack or rule id, a bad severity, or a token TTL under 600 s
   */
  public check(options: GuardrailsCheckOptions = {}): void {
    const overrides: Record<string, SeverityOverride> = {};
    for (const [ruleId, value] of Object.entries(options.severityOverrides ?? {})) {
      overrides[ruleId] = String(value).toLowerCase() as SeverityOverride;
    }
    try {
      this.engine = new ComplianceEngine({
        packs: options.packs,
        maxTokenTtlSeconds: options.maxTokenTtl?.toSeconds(),
        severityOverrides: overrides,
        podSecurityVersion: options.podSecurityVersion,
      });
    } catch (e) {
      throw new Error(`Guardrails.check on '${this.app.node.path || 'app'}': ${(e as Error).message}`);
    }
    this.options = options;
    this.failOn = options.failOn ?? FailOn.ERROR;
    this.wrapAppSynth();
    Guardrails.installChartHook();
  }

  /** `app.synth()` and `app.synthYaml()` check the whole app once, after the original returns. */
  private wrapAppSynth(): void {
    if (this.appWrapped) return;
    this.appWrapped = true;
    const app = this.app;
    const synth = app.synth;
    const synthYaml = app.synthYaml;
    app.synth = () => this.synthStaged(() => this.inSession(allApiObjects(app), () => synth.call(app)));
    app.synthYaml = () => this.inSession(allApiObjects(app), () => synthYaml.call(app));
  }

  /**
   * Runs `app.synth()` so that the YAML files are written only when the check passes: a failing
   * synth leaves no non-compliant YAML behind, and each object is still rendered once.
   */
  private synthStaged(synth: () => void): void {
    if (this.session || !this.engine) return synth();
    // These outputs write more than `Yaml.save` files (per-chart folders, construct metadata):
    // they go through a staging directory. The common outputs buffer the writes instead.
    const recordsMetadata = (this.app as unknown as { recordConstructMetadata?: boolean }).recordConstructMetadata === true;
    if (this.app.yamlOutputType === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE || recordsMetadata) {
      return this.synthIntoStaging(synth);
    }
    return this.synthBuffered(synth);
  }

  /**
   * Holds back cdk8s's `Yaml.save(filePath, docs)` calls for files in the outdir during the synth
   * and makes them after the check passes: the same files, from the same documents, without the
   * cost of a staging directory (mkdtemp, rename, rm on every synth).
   */
  private synthBuffered(synth: () => void): void {
    const outdir = path.resolve(this.app.outdir);
    const held: Array<{ filePath: string; docs: any[] }> = [];
    const save = Yaml.save;
    Yaml.save = function heldSave(filePath: string, docs: any[]): void {
      // Only the app's own output waits; anything else (e.g. `Yaml.tmp`) is written as usual.
      if (isInside(outdir, filePath)) held.push({ filePath, docs });
      else save.call(Yaml, filePath, docs);
    };
    try {
      synth();
    } finally {
      Yaml.save = save;
    }
    for (const { filePath, docs } of held) save.call(Yaml, filePath, docs);
  }

  /**
   * Runs `app.synth()` into a staging directory inside the outdir and moves the files into
   * place only when the check passes (the files are renamed, not rewritten).
   */
  private synthIntoStaging(synth: () => void): void {
    const app = this.app;
    const outdir = app.outdir;
    const descriptor = Object.getOwnPropertyDescriptor(app, 'outdir');
    fs.mkdirSync(outdir, { recursive: true });
    const staging = fs.mkdtempSync(path.join(outdir, '.guardrails-staging-'));
    this.reportDirectory = this.options.reportDirectory ?? outdir;
    Object.defineProperty(app, 'outdir', { value: staging, configurable: true, writable: true, enumerable: true });
    try {
      synth();
      moveInto(staging, outdir);
    } finally {
      if (descriptor) Object.defineProperty(app, 'outdir', descriptor);
      else delete (app as { outdir?: string }).outdir;
      this.reportDirectory = undefined;
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  /** A chart's `toJson()`: part of the app's session, or (Testing.synth) a session of its own. */
  private synthChart(chart: Chart, original: () => any[]): any[] {
    if (!this.engine) return original();
    const record = (output: any[]) => {
      for (const json of output) this.session?.record(json, undefined, chart);
      return output;
    };
    if (this.session) return record(original());
    const objects = allApiObjects(chart).filter((o) => Chart.of(o) === chart);
    return this.inSession(objects, () => record(original()));
  }

  /**
   * Runs a synth with every ApiObject's `toJson` recording what it returns, then checks it.
   * The wrappers are removed afterwards, whatever happens.
   */
  private inSession<T>(objects: readonly ApiObject[], run: () => T): T {
    if (this.session || !this.engine) return run();
    const session = new SynthSession();
    this.session = session;
    const restore: Array<() => void> = [];
    for (const apiObject of objects) restore.push(recordToJson(apiObject, session));
    let result: T;
    try {
      result = run();
    } finally {
      for (const undo of restore) undo();
      this.session = undefined;
    }
    this.finish(session);
    return result;
  }

  private finish(session: SynthSession): void {
    const engine = this.engine!;
    const inputs: SuppressedManifestInput[] = [];
    const ownSuppressions = new Map<IConstruct, SuppressionSpec[]>();
    for (const [manifest, apiObject] of session.written) {
      const constructPath = apiObject?.node.path ?? session.chartOf.get(manifest)?.node.path;
      inputs.push({
        manifest,
        source: constructPath !== undefined ? { constructPath } : {},
        suppressions: apiObject ? suppressionsOf(apiObject, ownSuppressions) : [],
      });
    }
    const report = engine.check(inputs);
    this.writeReports(report);
    const failing = FAILING[this.failOn];
    const fails = (f: Finding) => !f.suppressed && failing.includes(f.severity);
    const failures = report.findings.filter(fails);
    const inputErrors = this.failOn === FailOn.NEVER ? [] : report.inputErrors;
    const others = report.findings.filter((f) => !f.suppressed && !fails(f));
    if (others.length > 0 && !this.options.silent) {
      console.error(`cdk8s-guardrails: ${others.length} finding(s) below the failure level (${this.failOn}):\n${others.map(formatFinding).join('\n')}`);
    }
    if (failures.length > 0 || inputErrors.length > 0) {
      const lines = [
        `cdk8s-guardrails: ${failures.length} finding(s) at or above ${this.failOn} (packs: ${(this.options.packs ?? ['recommended']).join(', ')}):`,
        ...failures.map(formatFinding),
        ...inputErrors.map((e) => `  [input] ${e.message}`),
        'Fix each finding, or suppress it with Guardrails.suppress(construct, ruleId, reason) or the guardrails.cdk8s.io/suppress annotation.',
      ];
      throw new Error(lines.join('\n'));
    }
  }

  private writeReports(report: Report): void {
    const formats = this.options.reports ?? [];
    if (formats.length === 0) return;
    const directory = this.reportDirectory ?? this.options.reportDirectory ?? this.app.outdir;
    const rules = [...this.engine!.rules.map((r) => r.rule), INVALID_SUPPRESSION];
    fs.mkdirSync(directory, { recursive: true });
    for (const format of formats) {
      fs.writeFileSync(path.join(directory, Reporters.fileName(format)), Reporters.render(format, report, rules));
    }
  }
}

/** True when `filePath` is at or below `directory` (an absolute, resolved path). */
function isInside(directory: string, filePath: string): boolean {
  const relative = path.relative(directory, path.resolve(filePath));
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** Moves every file below `from` to the same place below `to`, replacing files that exist. */
function moveInto(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      moveInto(source, target);
    } else {
      fs.renameSync(source, target);
    }
  }
}

/** Every ApiObject at or below a construct. */
function allApiObjects(scope: IConstruct): ApiObject[] {
  return scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
}

/**
 * Makes one ApiObject record what its own `toJson()` returns (the subclass's final mapping,
 * JSON patches included), without calling it. Returns the undo.
 */
function recordToJson(apiObject: ApiObject, session: SynthSession): () => void {
  const own = Object.getOwnPropertyDescriptor(apiObject, 'toJson');
  const toJson = apiObject.toJson;
  Object.defineProperty(apiObject, 'toJson', {
    configurable: true,
    writable: true,
    value: function recordedToJson(this: ApiObject) {
      const json = toJson.call(apiObject);
      session.record(json, apiObject);
      return json;
    },
  });
  return () => {
    if (own) Object.defineProperty(apiObject, 'toJson', own);
    else delete (apiObject as { toJson?: unknown }).toJson;
  };
}

/**
 * The suppressions on an ApiObject and on every construct above it. Each construct's own are
 * read once per synth (`own` caches them): the app and its charts are above every object.
 */
function suppressionsOf(apiObject: ApiObject, own: Map<IConstruct, SuppressionSpec[]>): SuppressionSpec[] {
  const result: SuppressionSpec[] = [];
  for (const scope of apiObject.node.scopes) {
    let specs = own.get(scope);
    if (!specs) {
      specs = [];
      for (const entry of scope.node.metadata) {
        if (entry.type === SUPPRESSION_METADATA) specs.push(entry.data as SuppressionSpec);
      }
      own.set(scope, specs);
    }
    for (const spec of specs) result.push(spec);
  }
  return result;
}

function formatFinding(f: Finding): string {
  const object = `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`;
  const where = f.constructPath ? ` (construct ${f.constructPath})` : '';
  return `  [${f.severity}] ${f.ruleId}: ${object}${where} at ${f.path || '/'}${f.target ? ` [target: ${f.target}]` : ''}\n      ${f.message}`;
}
