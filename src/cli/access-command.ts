import { AccessOptions, UsageError } from './arguments';
import { CheckCommand } from './check-command';
import { CliIo, writeReport } from './cli-io';
import { ExitCode } from './exit-code';
import { ManifestInputs } from './manifest-inputs';
import { AccessDiff } from '../access/access-diff';
import { AccessDiffRenderers } from '../access/access-diff-renderers';
import { AccessRenderers } from '../access/access-renderers';
import { AccessReport } from '../access/access-report';

/** `cdk8s-guardrails access`: what each ServiceAccount can do, and where its token is. */
export class AccessCommand {
  public static run(options: AccessOptions, io: CliIo): ExitCode {
    if (options.paths.includes('-') && io.stdinIsTerminal) {
      throw new UsageError('nothing to read: name files or directories, or pipe manifests into standard input', 'access');
    }
    if (options.base?.includes('-') && io.stdinIsTerminal) {
      throw new UsageError('nothing to read for --base -: pipe the base manifests into standard input', 'access');
    }
    const read = ManifestInputs.read(options.paths, options.exclude, io);
    for (const note of read.notes) io.stderr(`cdk8s-guardrails: note: ${note}\n`);
    const model = AccessReport.build(read.inputs, options.namespace);
    const markdownOptions = { expandBuiltIn: options.expandBuiltIn === true };
    let rendered: string;
    let errors = read.errors;
    if (options.base) {
      // `--base OLD NEW`: what the change adds and removes, both sides read and modelled alike.
      const base = ManifestInputs.read(options.base, options.exclude, io);
      const diff = AccessDiff.compare(AccessReport.build(base.inputs, options.namespace), model);
      const inputErrors = { base: base.errors, next: read.errors };
      rendered = options.format === 'json' ? AccessDiffRenderers.json(diff, inputErrors) : AccessDiffRenderers.markdown(diff, inputErrors, markdownOptions);
      errors = [...base.errors, ...read.errors];
    } else {
      rendered = options.format === 'json' ? AccessRenderers.json(model, read.errors) : AccessRenderers.markdown(model, read.errors, markdownOptions);
    }
    if (!writeReport(io, options.output, rendered)) return ExitCode.ERROR;
    for (const error of errors) io.stderr(CheckCommand.describe(error));
    return errors.length > 0 ? ExitCode.ERROR : ExitCode.CLEAN;
  }

  private constructor() {}
}
