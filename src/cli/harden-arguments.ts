import { parseArgs } from 'node:util';
import { podTemplates, UsageError } from './arguments';
import { Help } from './help';
import type { PodTemplateSetting } from '../compliance/settings';
import { HardenOptionsError, HardenOptionsModel, TokenContainerChoice } from '../harden/harden-options';

/** The options of `cdk8s-guardrails harden`. */
export interface HardenCommandOptions {
  /** The namespace of namespaced objects that set none (`kubectl apply -n`). */
  readonly namespace?: string;
  /** `--token-containers`, parsed, in the order given. */
  readonly tokenContainers: readonly TokenContainerChoice[];
  readonly tokenTtlSeconds?: number;
  /** `--pod-template`: kinds added to the table of where pods are, as for check. */
  readonly podTemplates?: readonly PodTemplateSetting[];
  /** The configuration file (`.guardrails.yaml`), instead of the one found from the working directory. */
  readonly config?: string;
  /** `--no-config`: no configuration file. */
  readonly noConfig?: boolean;
  /** Mirror the input files under this directory instead of writing the stream to stdout. */
  readonly outputDirectory?: string;
  /** Where to write the Markdown report of the changes. */
  readonly report?: string;
  /** Change nothing; exit 1 when something would change. */
  readonly check: boolean;
  readonly paths: readonly string[];
}

/** `--help`, or the options to run with. */
export type HardenInvocation = { readonly help: string } | { readonly options: HardenCommandOptions };

const COMMAND = 'harden';

/** Parses the arguments after `harden`. Throws `UsageError`. */
export class HardenArguments {
  public static parse(args: readonly string[]): HardenInvocation {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: [...args],
        allowPositionals: true,
        strict: true,
        options: {
          'namespace': { type: 'string', short: 'n' },
          'token-containers': { type: 'string', multiple: true },
          'token-ttl': { type: 'string' },
          'pod-template': { type: 'string', multiple: true },
          'config': { type: 'string' },
          'no-config': { type: 'boolean' },
          'output': { type: 'string', short: 'o' },
          'report': { type: 'string' },
          'check': { type: 'boolean' },
          'help': { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      const message = String((e as Error).message).split('. To specify')[0];
      throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), COMMAND);
    }
    const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
    if (values.help) return { help: Help.HARDEN };
    if (parsed.positionals.length === 0) {
      throw new UsageError('no PATH given: name files, directories, or - for standard input', COMMAND);
    }
    const ttl = values['token-ttl'] as string | undefined;
    if (ttl !== undefined && !/^\d+$/.test(ttl)) throw new UsageError(`--token-ttl '${ttl}' is not allowed: expected whole seconds`, COMMAND);
    let tokenContainers: TokenContainerChoice[];
    try {
      tokenContainers = ((values['token-containers'] as string[] | undefined) ?? []).map((spec) => HardenOptionsModel.parseChoice(spec));
    } catch (e) {
      if (!(e instanceof HardenOptionsError)) throw e;
      throw new UsageError(`--token-containers ${e.problem}`, COMMAND);
    }
    const text = (flag: string, what: string) => {
      const value = values[flag.slice(2)] as string | undefined;
      if (value === '') throw new UsageError(`${flag} needs ${what}`, COMMAND);
      return value;
    };
    const options: HardenCommandOptions = {
      namespace: text('--namespace', 'a namespace'),
      tokenContainers,
      tokenTtlSeconds: ttl === undefined ? undefined : Number(ttl),
      podTemplates: podTemplates(values['pod-template'] as string[] | undefined, COMMAND),
      config: text('--config', 'a file name'),
      ...(values['no-config'] === true ? { noConfig: true } : {}),
      outputDirectory: text('--output', 'a directory'),
      report: text('--report', 'a file name'),
      check: values.check === true,
      paths: parsed.positionals,
    };
    if (options.config !== undefined && values['no-config'] === true) throw new UsageError('--config and --no-config exclude each other', COMMAND);
    if (options.check && options.outputDirectory !== undefined) {
      throw new UsageError('--check changes nothing, so it takes no --output', COMMAND);
    }
    return { options };
  }

  private constructor() {}
}
