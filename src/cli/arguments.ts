import { parseArgs } from 'node:util';
import { Help } from './help';
import type { Severity } from '../compliance/model';

/** A command line that cannot be run: the message says what is wrong and what is allowed. */
export class UsageError extends Error {
  constructor(message: string, public readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type CheckFormat = 'text' | 'markdown' | 'json' | 'sarif' | 'junit';
export type AccessFormat = 'markdown' | 'json';
/** The lowest severity that fails the run, or `never`. */
export type FailOn = Severity | 'never';

export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'markdown', 'json', 'sarif', 'junit'];
export const ACCESS_FORMATS: readonly AccessFormat[] = ['markdown', 'json'];
export const FAIL_ON_LEVELS: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
export const DEFAULT_PACK = 'recommended';

/** Kubernetes bounds of a projected token's `expirationSeconds`. */
const MIN_TOKEN_TTL = 600;
const MAX_TOKEN_TTL = 2 ** 32;

export interface CheckOptions {
  readonly packs: string[];
  /** Globs of files and directories to skip inside directories (`--exclude`, repeatable). */
  readonly exclude: string[];
  readonly format: CheckFormat;
  readonly output?: string;
  readonly failOn: FailOn;
  readonly maxTokenTtlSeconds?: number;
  readonly ignoreSuppressions: boolean;
  readonly paths: string[];
}

export interface AccessOptions {
  readonly exclude: string[];
  readonly format: AccessFormat;
  readonly output?: string;
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
        return { command: 'help', text: rest[0] === 'check' ? Help.check(knownPacks) : rest[0] === 'access' ? Help.ACCESS : rest[0] === 'parse' ? Help.PARSE : Help.MAIN };
      case '--version':
      case '-V':
        return { command: 'version' };
      case 'check':
        return Arguments.check(rest, knownPacks);
      case 'access':
        return Arguments.access(rest);
      case 'parse':
        return Arguments.parseCommand(rest);
      default:
        throw new UsageError(command.startsWith('-')
          ? `unknown option '${command}' before the command: expected check, access or parse`
          : `unknown command '${command}': expected check, access or parse`);
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
      'exclude': { type: 'string', multiple: true },
      'help': { type: 'boolean', short: 'h' },
    });
    if (values.help) return { command: 'help', text: Help.check(knownPacks) };
    const packs = (values.pack as string[] | undefined) ?? [DEFAULT_PACK];
    for (const pack of packs) {
      if (!knownPacks.includes(pack)) {
        throw new UsageError(`unknown pack '${pack}': expected one of ${knownPacks.join(', ')}`, 'check');
      }
    }
    if (positionals.length === 0) {
      throw new UsageError('no PATH given: name files, directories, or - for standard input', 'check');
    }
    return {
      command: 'check',
      options: {
        packs: [...new Set(packs)],
        exclude: excludes(values.exclude, 'check'),
        format: oneOf('--format', values.format as string | undefined, CHECK_FORMATS, 'text', 'check'),
        output: nonEmpty('--output', values.output as string | undefined, 'check'),
        failOn: oneOf('--fail-on', values['fail-on'] as string | undefined, FAIL_ON_LEVELS, 'error', 'check'),
        maxTokenTtlSeconds: tokenTtl(values['max-token-ttl'] as string | undefined),
        ignoreSuppressions: values['ignore-suppressions'] === true,
        paths: positionals,
      },
    };
  }

  private static access(args: string[]): Invocation {
    const { values, positionals } = Arguments.parseOrThrow('access', args, {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      exclude: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return { command: 'help', text: Help.ACCESS };
    return {
      command: 'access',
      options: {
        exclude: excludes(values.exclude, 'access'),
        format: oneOf('--format', values.format as string | undefined, ACCESS_FORMATS, 'markdown', 'access'),
        output: nonEmpty('--output', values.output as string | undefined, 'access'),
        paths: positionals.length > 0 ? positionals : ['-'],
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
    if (namespace !== undefined && !DNS_LABEL.test(namespace)) {
      throw new UsageError(`--namespace '${namespace}' is not allowed: a namespace is a DNS label (lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit)`, 'parse');
    }
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

/** A namespace name (RFC 1123 label, as the API server validates it). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

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

function nonEmpty(flag: string, value: string | undefined, command: string): string | undefined {
  if (value === '') throw new UsageError(`${flag} needs a file name`, command);
  return value;
}

function tokenTtl(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < MIN_TOKEN_TTL || seconds > MAX_TOKEN_TTL) {
    throw new UsageError(
      `--max-token-ttl '${value}' is not allowed: expected whole seconds from ${MIN_TOKEN_TTL} (the Kubernetes minimum) to ${MAX_TOKEN_TTL}`,
      'check');
  }
  return seconds;
}
