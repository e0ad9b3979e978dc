import { parseArgs } from 'node:util';
import { Help } from './help';
import { FAIL_ON_LEVELS, FailOnLevel, PodTemplateSetting, RULE_SETTINGS, RuleSetting, Settings } from '../compliance/settings';
import { KubernetesNames } from '../k8s/names';

/** A command line that cannot be run: the message says what is wrong and what is allowed. */
export class UsageError extends Error {
  constructor(message: string, public readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type CheckFormat = 'text' | 'markdown' | 'json' | 'sarif' | 'junit' | 'github';
export type AccessFormat = 'markdown' | 'json';
export type RulesFormat = 'text' | 'markdown' | 'json';
export type AuditFormat = 'text' | 'markdown' | 'json' | 'typescript';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'markdown', 'json', 'sarif', 'junit', 'github'];
export const ACCESS_FORMATS: readonly AccessFormat[] = ['markdown', 'json'];
export const RULES_FORMATS: readonly RulesFormat[] = ['text', 'markdown', 'json'];
export const AUDIT_FORMATS: readonly AuditFormat[] = ['text', 'markdown', 'json', 'typescript'];

/** The command-line flag of each setting that has one, for messages about a bad value. */
export const SETTING_FLAGS: Readonly<Partial<Record<keyof Settings, string>>> = {
  packs: '--pack',
  failOn: '--fail-on',
  severityOverrides: '--rule',
  podSecurityVersion: '--pod-security-version',
  maxTokenTtlSeconds: '--max-token-ttl',
  ignoreSuppressions: '--ignore-suppressions',
  namespace: '--namespace',
  exclude: '--exclude',
  podTemplates: '--pod-template',
};

export interface CheckOptions {
  /** The settings the flags give (validated with the settings model when the engine is built). */
  readonly settings: Settings;
  readonly format: CheckFormat;
  readonly output?: string;
  readonly paths: string[];
  /** `--config FILE`: the configuration file, instead of the one found from the working directory. */
  readonly config?: string;
  /** `--no-config`: no configuration file. */
  readonly noConfig?: boolean;
  /** `--baseline FILE`: findings in it are reported but fail nothing. */
  readonly baseline?: string;
  /** `--write-baseline FILE`: record this run's findings as the baseline. */
  readonly writeBaseline?: string;
}

export interface RulesOptions {
  readonly format: RulesFormat;
  readonly output?: string;
}

export interface AccessOptions {
  readonly exclude: string[];
  readonly format: AccessFormat;
  readonly output?: string;
  /** The namespace of namespaced objects that set none (`kubectl apply -n`). */
  readonly namespace?: string;
  /** `--base PATH` (repeatable): report what the input adds to and removes from the access of these manifests. */
  readonly base?: string[];
  /** `--expand-builtin`: list every permission of built-in roles (default: one line per role). */
  readonly expandBuiltIn?: boolean;
  /** Kinds added to the table of where pods are (`--pod-template`). */
  readonly podTemplates?: PodTemplateSetting[];
  readonly paths: string[];
}

export interface AuditOptions {
  readonly format: AuditFormat;
  readonly output?: string;
  /** Manifests (files, directories, `-`) whose grants the log is held against. */
  readonly manifests: string[];
  readonly failOnUnused: boolean;
  readonly failOnDenied: boolean;
  /** Audit logs: files, directories, `-` for standard input. */
  readonly paths: string[];
}

export interface ParseOptions {
  readonly exclude: string[];
  /** `-n`: the namespace of namespace-less objects of namespaced kinds (kubectl's meaning). */
  readonly namespace?: string;
  readonly paths: string[];
}

export type Invocation =
  | { readonly command: 'help'; readonly text: string }
  | { readonly command: 'version' }
  | { readonly command: 'check'; readonly options: CheckOptions }
  | { readonly command: 'access'; readonly options: AccessOptions }
  | { readonly command: 'rules'; readonly options: RulesOptions }
  | { readonly command: 'audit'; readonly options: AuditOptions }
  | { readonly command: 'parse'; readonly options: ParseOptions };

type OptionSpecs = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;
interface ParsedArgs {
  readonly values: Record<string, string | string[] | boolean | undefined>;
  readonly positionals: string[];
}

/** Parses `cdk8s-guardrails` arguments (without `node` and the script). Throws `UsageError`. */
export class Arguments {
  /** @param knownPacks the pack names `--pack` accepts */
  public static parse(argv: readonly string[], knownPacks: readonly string[]): Invocation {
    const [command, ...rest] = argv;
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
        return { command: 'help', text: Help.MAIN };
      case 'help':
        return { command: 'help', text: rest[0] === 'check' ? Help.check(knownPacks) : rest[0] === 'access' ? Help.ACCESS : rest[0] === 'rules' ? Help.RULES : rest[0] === 'audit' ? Help.AUDIT : rest[0] === 'parse' ? Help.PARSE : rest[0] === 'harden' ? Help.HARDEN : Help.MAIN };
      case '--version':
      case '-V':
        return { command: 'version' };
      case 'check':
        return Arguments.check(rest, knownPacks);
      case 'access':
        return Arguments.access(rest);
      case 'rules':
        return Arguments.rules(rest);
      case 'audit':
        return Arguments.audit(rest);
      case 'parse':
        return Arguments.parseCommand(rest);
      default:
        throw new UsageError(command.startsWith('-')
          ? `unknown option '${command}' before the command: expected check, access, parse, audit, rules or harden`
          : `unknown command '${command}': expected check, access, parse, audit, rules or harden`);
    }
  }

  private static check(args: string[], knownPacks: readonly string[]): Invocation {
    const { values, positionals } = Arguments.parseOrThrow('check', args, {
      'pack': { type: 'string', multiple: true },
      'format': { type: 'string' },
      'output': { type: 'string', short: 'o' },
      'fail-on': { type: 'string' },
      'max-token-ttl': { type: 'string' },
      'ignore-suppressions': { type: 'boolean' },
      'rule': { type: 'string', multiple: true },
      'pod-security-version': { type: 'string' },
      'namespace': { type: 'string', short: 'n' },
      'pod-template': { type: 'string', multiple: true },
      'config': { type: 'string' },
      'no-config': { type: 'boolean' },
      'baseline': { type: 'string' },
      'write-baseline': { type: 'string' },
      'exclude': { type: 'string', multiple: true },
      'help': { type: 'boolean', short: 'h' },
    });
    if (values.help) return { command: 'help', text: Help.check(knownPacks) };
    if (values.config !== undefined && values['no-config'] === true) throw new UsageError('--config and --no-config exclude each other', 'check');
    const packs = values.pack as string[] | undefined;
    for (const pack of packs ?? []) {
      if (!knownPacks.includes(pack)) {
        throw new UsageError(`unknown pack '${pack}': expected one of ${knownPacks.join(', ')}`, 'check');
      }
    }
    if (positionals.length === 0) {
      throw new UsageError('no PATH given: name files, directories, or - for standard input', 'check');
    }
    const failOn = values['fail-on'] as string | undefined;
    const settings: Settings = {
      ...(packs !== undefined ? { packs: [...new Set(packs)] } : {}),
      ...(failOn !== undefined ? { failOn: oneOf('--fail-on', failOn, FAIL_ON_LEVELS, 'error', 'check') as FailOnLevel } : {}),
      ...optional('maxTokenTtlSeconds', tokenTtl(values['max-token-ttl'] as string | undefined)),
      ...(values['ignore-suppressions'] === true ? { ignoreSuppressions: true } : {}),
      ...optional('severityOverrides', ruleSettings(values.rule as string[] | undefined)),
      ...optional('podSecurityVersion', nonEmpty('--pod-security-version', values['pod-security-version'] as string | undefined, 'check', 'a version (latest or v1.N)')),
      ...optional('namespace', nonEmpty('--namespace', values.namespace as string | undefined, 'check', 'a namespace')),
      ...optional('exclude', values.exclude === undefined ? undefined : excludes(values.exclude, 'check')),
      ...optional('podTemplates', podTemplates(values['pod-template'] as string[] | undefined, 'check')),
    };
    return {
      command: 'check',
      options: {
        settings,
        format: oneOf('--format', values.format as string | undefined, CHECK_FORMATS, 'text', 'check'),
        output: nonEmpty('--output', values.output as string | undefined, 'check'),
        paths: positionals,
        ...optional('config', nonEmpty('--config', values.config as string | undefined, 'check')),
        ...(values['no-config'] === true ? { noConfig: true } : {}),
        ...optional('baseline', nonEmpty('--baseline', values.baseline as string | undefined, 'check')),
        ...optional('writeBaseline', nonEmpty('--write-baseline', values['write-baseline'] as string | undefined, 'check')),
      },
    };
  }

  private static rules(args: string[]): Invocation {
    const { values, positionals } = Arguments.parseOrThrow('rules', args, {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return { command: 'help', text: Help.RULES };
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}': rules lists every rule`, 'rules');
    return {
      command: 'rules',
      options: {
        format: oneOf('--format', values.format as string | undefined, RULES_FORMATS, 'text', 'rules'),
        ...optional('output', nonEmpty('--output', values.output as string | undefined, 'rules')),
      },
    };
  }

  private static access(args: string[]): Invocation {
    const { values, positionals } = Arguments.parseOrThrow('access', args, {
      'format': { type: 'string' },
      'output': { type: 'string', short: 'o' },
      'namespace': { type: 'string', short: 'n' },
      'exclude': { type: 'string', multiple: true },
      'base': { type: 'string', multiple: true },
      'expand-builtin': { type: 'boolean' },
      'pod-template': { type: 'string', multiple: true },
      'help': { type: 'boolean', short: 'h' },
    });
    if (values.help) return { command: 'help', text: Help.ACCESS };
    const base = values.base as string[] | undefined;
    for (const path of base ?? []) nonEmpty('--base', path, 'access', 'a path (a file, a directory, or - for standard input)');
    const paths = positionals.length > 0 ? positionals : ['-'];
    if (base?.includes('-') && paths.includes('-')) {
      throw new UsageError('--base - and the input - both read standard input: name a file or directory for one of them', 'access');
    }
    return {
      command: 'access',
      options: {
        exclude: excludes(values.exclude, 'access'),
        format: oneOf('--format', values.format as string | undefined, ACCESS_FORMATS, 'markdown', 'access'),
        output: nonEmpty('--output', values.output as string | undefined, 'access'),
        ...optional('namespace', nonEmpty('--namespace', values.namespace as string | undefined, 'access', 'a namespace')),
        ...optional('base', base),
        ...(values['expand-builtin'] ? { expandBuiltIn: true } : {}),
        ...optional('podTemplates', podTemplates(values['pod-template'] as string[] | undefined, 'access')),
        paths,
      },
    };
  }

  private static audit(args: string[]): Invocation {
    const { values, positionals } = Arguments.parseOrThrow('audit', args, {
      'manifests': { type: 'string', multiple: true },
      'format': { type: 'string' },
      'output': { type: 'string', short: 'o' },
      'fail-on-unused': { type: 'boolean' },
      'fail-on-denied': { type: 'boolean' },
      'help': { type: 'boolean', short: 'h' },
    });
    if (values.help) return { command: 'help', text: Help.AUDIT };
    const manifests = (values.manifests as string[] | undefined) ?? [];
    if (manifests.some((m) => m === '')) throw new UsageError('--manifests needs a file or directory', 'audit');
    if (positionals.length === 0) {
      throw new UsageError('no LOG given: name audit log files, directories, or - for standard input', 'audit');
    }
    if (positionals.includes('-') && manifests.includes('-')) {
      throw new UsageError('standard input (-) can be read once: give either the log or --manifests as -, not both', 'audit');
    }
    const failOnUnused = values['fail-on-unused'] === true;
    if (failOnUnused && manifests.length === 0) {
      throw new UsageError('--fail-on-unused needs --manifests: unused grants are known only from the manifests that grant them', 'audit');
    }
    return {
      command: 'audit',
      options: {
        format: oneOf('--format', values.format as string | undefined, AUDIT_FORMATS, 'text', 'audit'),
        output: nonEmpty('--output', values.output as string | undefined, 'audit'),
        manifests,
        failOnUnused,
        failOnDenied: values['fail-on-denied'] === true,
        paths: positionals,
      },
    };
  }

  private static parseCommand(args: string[]): Invocation {
    const { values, positionals } = Arguments.parseOrThrow('parse', args, {
      namespace: { type: 'string', short: 'n' },
      exclude: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return { command: 'help', text: Help.PARSE };
    const namespace = values.namespace as string | undefined;
    const namespaceProblem = namespace === undefined ? undefined : KubernetesNames.namespaceProblem(namespace);
    if (namespaceProblem) throw new UsageError(`--namespace ${namespaceProblem}`, 'parse');
    return {
      command: 'parse',
      options: {
        exclude: excludes(values.exclude, 'parse'),
        ...(namespace !== undefined ? { namespace } : {}),
        paths: positionals.length > 0 ? positionals : ['-'],
      },
    };
  }

  private static parseOrThrow(command: string, args: string[], options: OptionSpecs): ParsedArgs {
    try {
      const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
      return { values: values as ParsedArgs['values'], positionals };
    } catch (e) {
      // Node's messages are clear ("Unknown option '--nope'"); keep the first sentence only.
      const message = String((e as Error).message).split('. To specify')[0];
      throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), command);
    }
  }
}

function excludes(value: string | boolean | string[] | undefined, command: string): string[] {
  const globs = (value as string[] | undefined) ?? [];
  if (globs.some((g) => g === '')) throw new UsageError('--exclude needs a glob (e.g. --exclude \'charts/**\')', command);
  return globs;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T, command: string): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} '${value}' is not allowed: expected one of ${allowed.join(', ')}`, command);
  }
  return value as T;
}

function nonEmpty(flag: string, value: string | undefined, command: string, what = 'a file name'): string | undefined {
  if (value === '') throw new UsageError(`${flag} needs ${what}`, command);
  return value;
}

/** `{ key: value }` when the value is given, else nothing (settings leave unset keys out). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `--max-token-ttl SECONDS`: digits only (the settings model checks the Kubernetes bounds). */
function tokenTtl(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-token-ttl '${value}' is not allowed: expected whole seconds`, 'check');
  return Number(value);
}

/** `--rule ID=LEVEL`, repeatable: a rule's severity or `off` (the settings model checks the ids). */
function ruleSettings(entries: readonly string[] | undefined): Record<string, RuleSetting> | undefined {
  if (entries === undefined) return undefined;
  const result: Record<string, RuleSetting> = {};
  for (const entry of entries) {
    const [ruleId, level, ...rest] = entry.split('=');
    if (!ruleId || level === undefined || rest.length > 0 || !(RULE_SETTINGS as readonly string[]).includes(level)) {
      throw new UsageError(`--rule '${entry}' is not allowed: expected RULE_ID=LEVEL with LEVEL one of ${RULE_SETTINGS.join(', ')} (e.g. hardening/image-digest=off)`, 'check');
    }
    result[ruleId] = level as RuleSetting;
  }
  return result;
}

/**
 * `--pod-template GROUP/KIND=PATH[,PATH...]`, repeatable: where a kind keeps its pod specs; no
 * path (`GROUP/KIND=`) declares a kind that holds no pod. The settings model checks the paths.
 */
export function podTemplates(entries: readonly string[] | undefined, command: string): PodTemplateSetting[] | undefined {
  if (entries === undefined) return undefined;
  return entries.map((entry) => {
    const equals = entry.indexOf('=');
    const key = equals < 0 ? '' : entry.slice(0, equals);
    const slash = key.lastIndexOf('/');
    if (equals < 0 || slash < 0 || slash === key.length - 1) {
      throw new UsageError(`--pod-template '${entry}' is not allowed: expected GROUP/KIND=PATH[,PATH...] (e.g. example.com/Widget=spec.workers[*].template.spec; GROUP/KIND= for a kind that holds no pod)`, command);
    }
    const value = entry.slice(equals + 1);
    return { group: key.slice(0, slash), kind: key.slice(slash + 1), paths: value === '' ? [] : value.split(',') };
  });
}
