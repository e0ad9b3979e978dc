import { AccessOptions, UsageError } from './arguments';
import { CheckCommand } from './check-command';
import { CliIo, writeReport } from './cli-io';
import { ExitCode } from './exit-code';
import { ManifestInputs } from './manifest-inputs';
import { AccessRenderers } from '../access/access-renderers';
import { AccessReport } from '../access/access-report';

/** `cdk8s-guardrails access`: what each ServiceAccount can do, and where its token is. */
export class AccessCommand {
  public static run(options: AccessOptions, io: CliIo): ExitCode {
    if (options.paths.includes('-') && io.stdinIsTerminal) {
      throw new UsageError('nothing to read: name files or directories, or pipe manifests into standard input', 'access');
    }
    const read = ManifestInputs.read(options.paths, options.exclude, io);
    for (const note of read.notes) io.stderr(`cdk8s-guardrails: note: ${note}\n`);
    const model = AccessReport.build(read.inputs, options.namespace);
    const rendered = options.format === 'json'
      ? AccessRenderers.json(model, read.errors)
      : AccessRenderers.markdown(model, read.errors);
    if (!writeReport(io, options.output, rendered)) return ExitCode.ERROR;
    for (const error of read.errors) io.stderr(CheckCommand.describe(error));
    return read.errors.length > 0 ? ExitCode.ERROR : ExitCode.CLEAN;
  }

  private constructor() {}
}
