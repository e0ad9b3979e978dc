import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './arguments';
import { CheckCommand } from './check-command';
import { CliIo, readStdinOrReport } from './cli-io';
import { ExitCode } from './exit-code';
import { HardenArguments, HardenCommandOptions } from './harden-arguments';
import { HardenConfigSection } from './harden-config';
import { ConfigError, ConfigFile } from '../config/config-file';
import { SettingsLayers } from '../config/settings-layers';
import { HardenInput } from '../harden/harden-input';
import { HardenOptions, HardenOptionsError, HardenOptionsModel, TokenContainerChoice } from '../harden/harden-options';
import { HardenReport } from '../harden/harden-report';
import { TokenChoiceError } from '../harden/harden-rewrite';
import { HardenedStream, HardenStream, UneditableDocumentError } from '../harden/harden-stream';
import { Namespaces } from '../k8s/namespace';
import { TokenLifetime } from '../k8s/token-lifetime';
import type { InputError } from '../reader/input';
import { InputPaths, STDIN_NAME } from '../reader/input-paths';
import type { ReadError } from '../reader/model';

const PROGRAM = 'cdk8s-guardrails';
const COMMAND = 'harden';

/** The flag of each option, for messages about a bad value. */
const OPTION_FLAGS: Readonly<Record<keyof HardenOptions, string>> = {
  tokenContainers: '--token-containers',
  tokenTtlSeconds: '--token-ttl',
  namespace: '--namespace',
  podTemplates: '--pod-template',
};

/** One input: its name in messages, its path under `--output`, and its bytes. */
interface Source {
  readonly name: string;
  readonly relative: string;
  readonly content: Buffer;
}

/**
 * `cdk8s-guardrails harden`: reads every input, rewrites it (`HardenStream`), and writes the
 * hardened stream to stdout (a Helm post-renderer, a kustomize or Argo CD pipe) or mirrors the
 * input files under `--output`. Input that cannot be read is reported as `check` reports it
 * (exit 2) and nothing is written; `--check` writes nothing and exits 1 when something would change.
 */
export class HardenCommand {
  public static run(args: readonly string[], io: CliIo): ExitCode {
    const invocation = HardenArguments.parse(args);
    if ('help' in invocation) {
      io.stdout(invocation.help);
      return ExitCode.CLEAN;
    }
    const options = invocation.options;
    if (options.paths.includes('-') && io.stdinIsTerminal) {
      throw new UsageError('- reads standard input, but it is a terminal: pipe manifests in (helm template ... | cdk8s-guardrails harden -)', COMMAND);
    }
    let configured: { options: HardenOptions; exclude: readonly string[] };
    try {
      configured = HardenCommand.options(options, io);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      io.stderr(`${PROGRAM}: ${e.message}\n`);
      return ExitCode.ERROR;
    }
    const hardenOptions = configured.options;

    const errors: InputError[] = [];
    const sources = HardenCommand.sources(options.paths, io, errors, configured.exclude);
    const files = sources.map((source) => HardenInput.read(source.content, source.name));
    for (const file of files) errors.push(...file.errors);
    if (errors.length > 0) return HardenCommand.refuse(io, errors);

    let stream: HardenedStream;
    try {
      stream = HardenStream.run(files, hardenOptions);
    } catch (e) {
      if (e instanceof TokenChoiceError) {
        for (const problem of e.problems) io.stderr(`${PROGRAM}: ${problem}\n`);
        io.stderr(`${PROGRAM}: nothing written\n`);
        return ExitCode.ERROR;
      }
      if (e instanceof UneditableDocumentError) return HardenCommand.refuse(io, [e.error]);
      throw e;
    }

    const changed = stream.plan.objects.length > 0;
    if (!options.check && !HardenCommand.write(options, io, sources, stream.outputs)) return ExitCode.ERROR;
    if (options.report !== undefined) {
      const report = HardenReport.markdown(stream.plan, { objects: stream.objects, rewritten: stream.rewritten, checkOnly: options.check });
      try {
        io.writeFile(options.report, report);
      } catch (e) {
        io.stderr(`${PROGRAM}: cannot write --report ${options.report}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        return ExitCode.ERROR;
      }
    }
    HardenCommand.summarize(io, options, stream);
    return options.check && changed ? ExitCode.FINDINGS : ExitCode.CLEAN;
  }

  /**
   * The options from the configuration file (`.guardrails.yaml`, found as `check` finds it, or
   * `--config`): its `harden` section, its `namespace`, and its `maxTokenTtl` as a bound of the
   * lifetime written; then the flags, which win (a workload named by a flag replaces the file's entry).
   */
  private static options(options: HardenCommandOptions, io: CliIo): { options: HardenOptions; exclude: readonly string[] } {
    const loaded = ConfigFile.resolve({ config: options.config, noConfig: options.noConfig, cwd: io.cwd ?? process.cwd() });
    const section = loaded ? HardenConfigSection.of(loaded.harden, loaded.file) : { tokenContainers: [] };
    const namespace = options.namespace ?? loaded?.settings.namespace;
    const key = (choice: TokenContainerChoice) => HardenOptionsModel.workloadKey(choice.workload, namespace ?? Namespaces.DEFAULT);
    const fromFlags = new Set(options.tokenContainers.map(key));
    const tokenContainers = [...section.tokenContainers.filter((c) => !fromFlags.has(key(c))), ...options.tokenContainers];
    // What check will accept: never longer than the configured maximum.
    const maximum = loaded?.settings.maxTokenTtlSeconds;
    const tokenTtlSeconds = options.tokenTtlSeconds ?? section.tokenTtlSeconds
      ?? (maximum !== undefined && maximum < TokenLifetime.DEFAULT_SECONDS ? maximum : undefined);
    // As check reads them: the file's kinds, a flag's entry winning for the same group and kind.
    const flagTemplates = options.podTemplates ? [...options.podTemplates] : undefined;
    const podTemplates = SettingsLayers.merge({ podTemplates: loaded?.settings.podTemplates }, { podTemplates: flagTemplates }).podTemplates;
    const result: HardenOptions = {
      tokenContainers,
      ...(podTemplates !== undefined ? { podTemplates } : {}),
      ...(tokenTtlSeconds !== undefined ? { tokenTtlSeconds } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
    };
    try {
      HardenOptionsModel.resolve(result);
    } catch (e) {
      if (!(e instanceof HardenOptionsError)) throw e;
      throw new UsageError(`${OPTION_FLAGS[e.option]} ${e.problem}`, COMMAND);
    }
    return { options: result, exclude: loaded?.settings.exclude ?? [] };
  }

  /**
   * Every input file with its bytes, found as `check` finds them (*.yaml, *.yml and *.json in
   * directories, excluded and build-tool files skipped: neither read nor written); a path that
   * cannot be read is an error (and the run writes nothing).
   */
  private static sources(operands: readonly string[], io: CliIo, errors: InputError[], exclude: readonly string[]): Source[] {
    const sources: Source[] = [];
    const skipped: string[] = [];
    for (const operand of operands) {
      if (operand === '-') {
        sources.push({ name: STDIN_NAME, relative: 'stdin.yaml', content: readStdinOrReport(io) });
        continue;
      }
      const unreadable: ReadError[] = [];
      const files = InputPaths.expand(operand, exclude, skipped, unreadable);
      errors.push(...unreadable);
      for (const file of files) {
        try {
          const relative = file === operand ? path.basename(file) : path.relative(operand, file);
          sources.push({ name: file, relative, content: fs.readFileSync(file) });
        } catch (e) {
          errors.push({ file, message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        }
      }
    }
    if (skipped.length > 0) {
      io.stderr(`${PROGRAM}: note: skipped ${skipped.length} build-tool file${skipped.length === 1 ? '' : 's'} that `
        + `${skipped.length === 1 ? 'is' : 'are'} not Kubernetes objects (${[...new Set(skipped.map((f) => path.basename(f)))].join(', ')}); name a file explicitly to harden it\n`);
    }
    return sources;
  }

  /** Every input error as `check` prints it; nothing is written. */
  private static refuse(io: CliIo, errors: readonly InputError[]): ExitCode {
    for (const error of errors) io.stderr(CheckCommand.describe(error));
    io.stderr(`${PROGRAM}: ${errors.length} input error${errors.length === 1 ? '' : 's'}: nothing written\n`);
    return ExitCode.ERROR;
  }

  /** The hardened stream to stdout, or each file under `--output` (all paths checked before the first write). */
  private static write(options: HardenCommandOptions, io: CliIo, sources: readonly Source[], outputs: readonly string[]): boolean {
    const directory = options.outputDirectory;
    if (directory === undefined) {
      io.stdout(HardenCommand.concatenate(outputs));
      return true;
    }
    const targets = sources.map((s) => path.join(directory, s.relative));
    const twice = targets.find((t, i) => targets.indexOf(t) !== i);
    if (twice !== undefined) {
      throw new UsageError(`--output ${directory}: two inputs would be written to ${twice} (name the files from different directories, or one directory)`, COMMAND);
    }
    try {
      targets.forEach((target, i) => {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        io.writeFile(target, outputs[i]);
      });
    } catch (e) {
      io.stderr(`${PROGRAM}: cannot write under --output ${directory}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return false;
    }
    return true;
  }

  /** The files as one stream: each starts on its own line, after a `---` unless it starts with one. */
  private static concatenate(outputs: readonly string[]): string {
    let stream = '';
    for (const text of outputs) {
      if (stream !== '') {
        if (!stream.endsWith('\n')) stream += '\n';
        if (!/^---(?=[ \t\r\n]|$)/.test(text)) stream += '---\n';
      }
      stream += text;
    }
    return stream;
  }

  private static summarize(io: CliIo, options: HardenCommandOptions, stream: HardenedStream): void {
    const { plan } = stream;
    const objects = new Set(plan.objects.map((o) => o.index)).size;
    const several = plan.notes.filter((n) => n.kind === 'several-holders').length;
    const verb = options.check ? 'would change' : 'changed';
    const where = options.check ? '' : options.outputDirectory !== undefined ? `; written under ${options.outputDirectory}` : '';
    io.stderr(`${PROGRAM} ${COMMAND}: ${stream.objects} objects read, ${objects} ${verb} (${plan.changes.length} fields), `
      + `${several} pods keep the API token in more than one container${where}`
      + `${options.report !== undefined ? `; report written to ${options.report}` : ''}\n`);
    for (const r of stream.rewritten) io.stderr(`${r.file}:${r.line}: written anew (comments and layout not kept): ${r.reason}\n`);
  }

  private constructor() {}
}
