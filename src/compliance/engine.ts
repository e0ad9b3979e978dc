import { compareCodeUnits } from '../string-order';
import { ConfiguredSuppression, ConfiguredSuppressions } from './configured-suppressions';
import { IndexedObject, ManifestIndex } from './manifest-index';
import type { Finding, Report, Severity } from './model';
import { SEVERITIES } from './model';
import { Packs } from './packs';
import type { Rule, RuleOptions, Violation } from './rule';
import { RuleRunner } from './rule-runner';
import { RuleSelectors } from './rule-selector';
import { ALL_RULES, ENGINE_RULES, EXPIRED_SUPPRESSION, INVALID_SUPPRESSION } from './rules';
import { ResolvedSettings, Settings, SettingsModel } from './settings';
import { SUPPRESS_ANNOTATION, Suppressions, SuppressionSpec } from './suppressions';
import { JsonPointer } from '../k8s/json-pointer';
import { ObjectRefs } from '../k8s/manifest';
import { PodTemplates } from '../k8s/pod-templates';
import { Glob } from '../reader/glob';
import type { InputError, ManifestInput } from '../reader/input';

/** A rule the engine will run, with its effective severity. */
export interface EnabledRule {
  readonly rule: Rule;
  readonly severity: Severity;
}

/** An input that can carry suppressions from outside the manifest (a construct's, at synth time). */
export interface SuppressedManifestInput extends ManifestInput {
  readonly suppressions?: readonly SuppressionSpec[];
}

const ANNOTATION_POINTER = `/metadata/annotations/${JsonPointer.segment(SUPPRESS_ANNOTATION)}`;

const NO_SUPPRESSIONS: readonly SuppressionSpec[] = [];

interface PendingFinding {
  readonly order: number;
  readonly finding: Finding;
}

/** The suppressions an input carries, as read: the annotation's value and the construct's own. */
interface CarriedSuppressions {
  readonly annotation: unknown;
  readonly own: readonly SuppressionSpec[];
}

/**
 * The compliance engine: plain manifests in, a `Report` out. Pure (no cdk8s, no I/O), so the
 * synth-time door, the CLI and the cdk8s plugin share it. Settings are validated once, in the
 * constructor; `check` builds one index of the input and runs every enabled rule over it.
 */
export class ComplianceEngine {
  /** The rules that run, in catalogue order, with their effective severities. */
  public readonly rules: readonly EnabledRule[];
  /** The settings in effect, every default applied. */
  public readonly settings: ResolvedSettings;
  private readonly ruleOptions: RuleOptions;
  private readonly severityOf: Map<Rule, Severity>;
  private readonly knownIds: readonly string[];
  /** Where pods are: the library's table with the settings' entries, compiled once. */
  private readonly podTemplates: PodTemplates;

  /** @throws SettingsError for an unknown pack or rule id, a bad severity, TTL, namespace or Pod Security version. */
  constructor(settings: Settings = {}) {
    this.settings = SettingsModel.resolve(settings);
    this.knownIds = ALL_RULES.map((rule) => rule.id);
    const severities = new Map<string, Severity>();
    for (const name of this.settings.packs) {
      for (const entry of Packs.get(name).rules) {
        // Across packs the most serious severity wins.
        const current = severities.get(entry.ruleId);
        const moreSerious = !current || SEVERITIES.indexOf(entry.severity) < SEVERITIES.indexOf(current);
        if (moreSerious) severities.set(entry.ruleId, entry.severity);
      }
    }
    for (const [ruleId, override] of Object.entries(this.settings.severityOverrides)) {
      if (override === 'off') severities.delete(ruleId);
      else severities.set(ruleId, override);
    }
    for (const rule of ENGINE_RULES) severities.delete(rule.id);
    this.rules = ALL_RULES.filter((rule) => severities.has(rule.id)).map((rule) => ({ rule, severity: severities.get(rule.id)! }));
    this.severityOf = new Map(this.rules.map((r) => [r.rule, r.severity]));
    this.podTemplates = new PodTemplates(this.settings.podTemplates.map((entry) => ({ ...entry, source: 'settings: podTemplates' })));
    this.ruleOptions = { maxTokenTtlSeconds: this.settings.maxTokenTtlSeconds, podSecurityVersion: this.settings.podSecurityVersion };
  }

  /** Checks the manifests; inputs that are not Kubernetes objects become input errors, never exceptions. */
  public check(inputs: readonly SuppressedManifestInput[]): Report {
    const inputErrors: InputError[] = [];
    // How many inputs were valid: the position in the index of the next one.
    let admitted = 0;
    // The valid inputs that carry suppressions (the annotation or their own), by position, with
    // the annotation read while validating them (reading it again later is a slow lookup on
    // objects rendered by cdk8s). Only those: a list of every input is memory for nothing.
    const carrying = new Map<number, CarriedSuppressions>();
    const read: ManifestRead = {};
    const exclude = this.settings.exclude;
    // Inputs are validated as the index reads them: one pass over a large input, not two.
    const admit = (input: SuppressedManifestInput): boolean => {
      const file = input?.source?.file;
      if (exclude.length > 0 && file !== undefined && exclude.some((glob) => Glob.matchesFile(glob, file))) return false;
      const problem = manifestProblem(input?.manifest, read);
      if (problem) {
        inputErrors.push(inputError(input, problem));
        return false;
      }
      const annotation = (read.annotations as Record<string, unknown> | undefined)?.[SUPPRESS_ANNOTATION];
      const own = input.suppressions;
      if (annotation !== undefined || (own !== undefined && own.length > 0)) carrying.set(admitted, { annotation, own: own ?? [] });
      admitted++;
      return true;
    };
    const index = new ManifestIndex(inputs, this.settings.namespace, this.podTemplates, admit);
    const pending: PendingFinding[] = [];
    const suppressionsOf = this.suppressionReader(index, carrying, pending);
    const outcomes = RuleRunner.run(this.rules.map((r) => r.rule), index, this.ruleOptions);
    const configured = this.configuredSuppressions(index, pending);

    for (const [rule, outcome] of outcomes) {
      if ('error' in outcome) {
        inputErrors.push({ message: `rule ${rule.id} could not check the input: ${(outcome.error as Error)?.message ?? String(outcome.error)}` });
        continue;
      }
      const severity = this.severityOf.get(rule)!;
      const unsuppressible = this.settings.unsuppressible.some((selector) => RuleSelectors.matches(selector, rule.id));
      const suppressionOf = (v: Violation) => this.settings.ignoreSuppressions
        ? undefined
        : suppressionsOf(v.objectIndex).find((sp) => Suppressions.matches(sp, rule.id, v.target)) ?? configured(v.objectIndex, rule.id, v.target);
      for (const group of groupViolations(outcome.violations, suppressionOf)) {
        const first = group.violations[0];
        const object = index.objects[first.objectIndex];
        const found = group.suppression;
        // A platform's `unsuppressible` rules count whatever the manifest says; the refusal is noted.
        const suppression = unsuppressible ? undefined : found;
        pending.push({
          order: first.objectIndex,
          finding: toFinding(object, {
            ruleId: rule.id,
            severity: first.lowered ? lowered(severity) : severity,
            path: first.path,
            message: mergedMessage(group.violations),
            targets: targetsOf(group.violations),
            reason: suppression?.reason,
            note: found && unsuppressible ? `Suppression refused by policy: '${rule.id}' is unsuppressible here (its reason was: ${found.reason})` : undefined,
          }),
        });
      }
    }
    // Suppressions are read for every object that has any, so that bad ones are reported even where nothing is suppressed.
    for (const i of carrying.keys()) suppressionsOf(i);

    pending.sort((a, b) => a.order - b.order
      || compareCodeUnits(a.finding.ruleId, b.finding.ruleId)
      || compareCodeUnits(a.finding.path, b.finding.path)
      || compareCodeUnits(a.finding.target ?? '', b.finding.target ?? ''));
    const findings = pending.map((p) => p.finding);
    const defaulted = index.defaultedObjects > 0 ? { namespace: index.defaultNamespace, objects: index.defaultedObjects } : undefined;
    return { summary: summarize(admitted, findings), findings, inputErrors, ...(defaulted ? { defaultedNamespace: defaulted } : {}) };
  }

  /**
   * The lookup of the settings' suppressions for findings. An expired suppression that would
   * cover a finding is reported on that object (once per object and suppression) and covers nothing.
   */
  private configuredSuppressions(index: ManifestIndex, pending: PendingFinding[]): ConfiguredLookup {
    const suppressions = this.settings.suppressions;
    if (suppressions.length === 0) return () => undefined;
    const reported = new Set<string>();
    const now = this.settings.now;
    return (objectIndex, ruleId, target) => {
      const object = index.objects[objectIndex];
      const manifest = object.manifest;
      const subject = { kind: manifest.kind, name: manifest.metadata.name, namespace: object.namespace, file: object.source.file };
      for (let n = 0; n < suppressions.length; n++) {
        const s = suppressions[n];
        if (!ConfiguredSuppressions.matches(s, ruleId, target, subject)) continue;
        if (!Suppressions.isExpired(s.expires, now)) return s;
        const key = `${objectIndex} ${n}`;
        if (reported.has(key)) continue;
        reported.add(key);
        pending.push({
          order: objectIndex,
          finding: toFinding(object, {
            ruleId: EXPIRED_SUPPRESSION.id,
            severity: 'error',
            path: '',
            target: s.rule,
            message: `The suppression ${ConfiguredSuppressions.describe(s)} expired on ${s.expires} and no longer applies (its reason: ${s.reason}). ${EXPIRED_SUPPRESSION.remediation}`,
          }),
        });
      }
      return undefined;
    };
  }

  /** Reads (once per object) the suppressions of the annotation and of the input; bad ones become findings. */
  private suppressionReader(
    index: ManifestIndex,
    carrying: ReadonlyMap<number, CarriedSuppressions>,
    pending: PendingFinding[],
  ): (i: number) => readonly SuppressionSpec[] {
    const cache = new Map<number, SuppressionSpec[]>();
    return (i) => {
      const cached = cache.get(i);
      if (cached) return cached;
      const carried = carrying.get(i);
      // Most objects carry no suppression: share one empty list instead of caching one per object.
      if (!carried) return NO_SUPPRESSIONS;
      const { annotation, own } = carried;
      const result: SuppressionSpec[] = [];
      const problems: Array<{ path: string; message: string }> = [];
      const accept = (spec: SuppressionSpec, path: string) => {
        if (!Suppressions.isExpired(spec.expires, this.settings.now)) {
          result.push(spec);
          return;
        }
        pending.push({
          order: i,
          finding: toFinding(index.objects[i], {
            ruleId: EXPIRED_SUPPRESSION.id,
            severity: 'error',
            path,
            target: spec.rule,
            message: `The suppression of '${spec.rule}'${spec.target !== undefined ? ` (target ${spec.target})` : ''} expired on ${spec.expires} and no longer applies `
              + `(its reason: ${spec.reason}). ${EXPIRED_SUPPRESSION.remediation}`,
          }),
        });
      };
      if (annotation !== undefined) {
        const parsed = Suppressions.parseAnnotation(annotation, this.knownIds);
        for (const spec of parsed.suppressions) accept(spec, ANNOTATION_POINTER);
        problems.push(...parsed.problems.map((message) => ({ path: ANNOTATION_POINTER, message })));
      }
      for (const s of own) {
        const problem = Suppressions.problem(s, this.knownIds);
        if (problem) problems.push({ path: '', message: `suppression on the construct: ${problem}` });
        else accept(s, '');
      }
      for (const p of problems) {
        pending.push({
          order: i,
          finding: toFinding(index.objects[i], {
            ruleId: INVALID_SUPPRESSION.id,
            severity: 'error',
            path: p.path,
            message: `${p.message}${/[.?]$/.test(p.message) ? '' : '.'} ${INVALID_SUPPRESSION.remediation}`,
          }),
        });
      }
      cache.set(i, result);
      return result;
    };
  }
}

/** Finds the configured suppression of a finding; an expired one that would match is reported once per object. */
type ConfiguredLookup = (objectIndex: number, ruleId: string, target: string | undefined) => ConfiguredSuppression | undefined;

/** One level less serious (error -> warning -> info); info stays info. */
function lowered(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)];
}


/** Violations of one rule reported as one finding: same object, pointer, suppression (or none) and severity. */
interface ViolationGroup<S> {
  readonly violations: Violation[];
  readonly suppression?: S;
}

/**
 * One finding per rule, object and field: a rule's violations on the same object and pointer
 * become one finding that lists what it covers. Suppressions are matched per violation first, so
 * a suppression with a target silences exactly the violations it names: the suppressed ones and
 * the others at that pointer are then two findings. A violation narrowed to a lower severity
 * (`lowered`) is likewise kept apart from full-severity ones at the same pointer.
 */
function groupViolations<S extends object>(violations: readonly Violation[], suppressionOf: (v: Violation) => S | undefined): ViolationGroup<S>[] {
  const groups = new Map<string, { violations: Violation[]; suppression?: S }>();
  const suppressionIds = new Map<S, number>();
  for (const v of violations) {
    const suppression = suppressionOf(v);
    let id = 0;
    if (suppression) {
      id = suppressionIds.get(suppression) ?? suppressionIds.size + 1;
      suppressionIds.set(suppression, id);
    }
    const key = `${v.objectIndex}\u0000${v.path}\u0000${id}\u0000${v.lowered ? 1 : 0}`;
    const group = groups.get(key);
    if (group) group.violations.push(v);
    else groups.set(key, suppression ? { violations: [v], suppression } : { violations: [v] });
  }
  return [...groups.values()];
}

/** The targets of a group's violations, each once, in the order reported. */
function targetsOf(violations: readonly Violation[]): string[] {
  const targets: string[] = [];
  for (const v of violations) if (v.target !== undefined && !targets.includes(v.target)) targets.push(v.target);
  return targets;
}

/**
 * The message of a group: violations with the same grouping subject read as one sentence
 * (`Reads Secrets: get secrets, list secrets.`); the others keep their message; each once.
 */
function mergedMessage(violations: readonly Violation[]): string {
  if (violations.length === 1) return violations[0].message;
  const parts: Array<{ readonly subject?: string; readonly items: string[]; readonly message?: string }> = [];
  for (const v of violations) {
    if (v.grouping) {
      const part = parts.find((p) => p.subject === v.grouping!.subject);
      if (!part) parts.push({ subject: v.grouping.subject, items: [v.grouping.item] });
      else if (!part.items.includes(v.grouping.item)) part.items.push(v.grouping.item);
    } else if (!parts.some((p) => p.message === v.message)) {
      parts.push({ message: v.message, items: [] });
    }
  }
  return parts.map((p) => p.subject !== undefined ? `${p.subject} ${p.items.join(', ')}.` : p.message).join(' ');
}

/**
 * A finding on an object: named with the namespace it lives in (as `kubectl apply -n` puts it),
 * located at the line and column of the field it points at when the reader can locate it (only
 * objects with findings pay for that), else at the object's first line.
 */
function toFinding(object: IndexedObject, f: {
  ruleId: string; severity: Severity; path: string; message: string; target?: string; targets?: readonly string[]; reason?: string; note?: string;
}): Finding {
  const source = object.source;
  const named = ObjectRefs.in(object.manifest, object.namespace);
  const position = source.locate?.(f.path);
  const line = position?.line ?? source.line;
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    suppressed: f.reason !== undefined,
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
    object: named,
    ...(source.file !== undefined ? { file: source.file } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(position !== undefined ? { column: position.column } : {}),
    ...(source.constructPath !== undefined ? { constructPath: source.constructPath } : {}),
    path: f.path,
    message: f.message,
    // One target: `target`; several (a grouped finding): `targets`.
    ...(f.target !== undefined ? { target: f.target } : f.targets?.length === 1 ? { target: f.targets[0] } : {}),
    ...(f.targets !== undefined && f.targets.length > 1 ? { targets: [...f.targets] } : {}),
    ...(f.note !== undefined ? { note: f.note } : {}),
  };
}

function summarize(objects: number, findings: readonly Finding[]): Report['summary'] {
  let errors = 0, warnings = 0, infos = 0, suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) suppressed++;
    else if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { objects, errors, warnings, infos, suppressed };
}

/** What `manifestProblem` read from a valid manifest, for the engine to reuse. */
interface ManifestRead {
  annotations?: unknown;
}

/** What makes a value not a Kubernetes object, or undefined when it is one (then `read` holds its annotations). */
function manifestProblem(manifest: unknown, read: ManifestRead): string | undefined {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return `not a Kubernetes object (got ${manifest === null ? 'null' : Array.isArray(manifest) ? 'an array' : typeof manifest})`;
  }
  // Each field is read once: objects rendered by cdk8s each have their own hidden class, so
  // every property read is a slow lookup.
  const m = manifest as Record<string, any>;
  const apiVersion = m.apiVersion;
  if (typeof apiVersion !== 'string' || apiVersion === '') return 'not a Kubernetes object: apiVersion is missing';
  const kind = m.kind;
  if (typeof kind !== 'string' || kind === '') return 'not a Kubernetes object: kind is missing';
  const metadata = m.metadata;
  const name = metadata !== null && typeof metadata === 'object' ? metadata.name : undefined;
  if (typeof name !== 'string' || name === '') return `${kind} has no metadata.name`;
  const namespace = metadata.namespace;
  if (namespace !== undefined && typeof namespace !== 'string') return `${kind} '${name}' has a metadata.namespace that is not a string`;
  const annotations = metadata.annotations;
  if (annotations !== undefined && (annotations === null || typeof annotations !== 'object')) {
    return `${kind} '${name}' has metadata.annotations that is not a map`;
  }
  read.annotations = annotations;
  return undefined;
}

function inputError(input: ManifestInput | undefined, problem: string): InputError {
  const source = input?.source ?? {};
  const message = source.constructPath ? `${source.constructPath}: ${problem}` : problem;
  return {
    ...(source.file !== undefined ? { file: source.file } : {}),
    ...(source.line !== undefined ? { line: source.line } : {}),
    message,
  };
}
