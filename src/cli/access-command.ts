import { AccessOptions, UsageError } from './arguments';
import { CheckCommand } from './check-command';
import { CliIo, readStdinOrReport } from './cli-io';
import { ExitCode } from './exit-code';
import { InputFiles } from './input-files';
import { AccessRenderers } from '../access/access-renderers';
import { AccessReport } from '../access/access-report';

/** `cdk8s-guardrails access`: what each ServiceAccount can do, and where its token is. */
export class AccessCommand {
  public static run(options: AccessOptions, io: CliIo): ExitCode {
    if (options.paths.includes('-') && io.stdinIsTerminal) {
      throw new UsageError('nothing to read: name files or directories, or pipe manifests into standard input', 'access');
    }
    const read = InputFiles.read(options.paths, () => readStdinOrReport(io));
    const model = AccessReport.build(read.inputs);
    const rendered = options.format === 'json'
      ? AccessRenderers.json(model, read.errors)
      : AccessRenderers.markdown(model, read.errors);
    if (options.output !== undefined) {
      try {
        io.writeFile(options.output, rendered);
      } catch (e) {
        io.stderr(`cdk8s-guardrails: cannot write --output ${options.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        return ExitCode.ERROR;
      }
    } else {
      io.stdout(rendered);
    }
    for (const error of read.errors) io.stderr(CheckCommand.describe(error));
    return read.errors.length > 0 ? ExitCode.ERROR : ExitCode.CLEAN;
  }

  private constructor() {}
}
