import { CheckOptions, UsageError } from './arguments';
import { CliIo, writeReport } from './cli-io';
import { ExitCode, exitCodeOf } from './exit-code';
import { ManifestInputs } from './manifest-inputs';
import { packageVersion } from './version';
import { ComplianceEngine } from '../compliance/engine';
import type { InputError, Report } from '../compliance/model';
import { Reporters } from '../compliance/report/reporters';

/** `cdk8s-guardrails check`: read, check with the engine, render, and choose the exit code. */
export class CheckCommand {
  public static run(options: CheckOptions, io: CliIo): ExitCode {
    if (options.paths.includes('-') && io.stdinIsTerminal) {
      throw new UsageError('- reads standard input, but it is a terminal: pipe manifests in (helm template ... | cdk8s-guardrails check -)', 'check');
    }
    const engine = new ComplianceEngine({
      packs: options.packs,
      maxTokenTtlSeconds: options.maxTokenTtlSeconds,
      ignoreSuppressions: options.ignoreSuppressions,
    });
    const read = ManifestInputs.read(options.paths, options.exclude, io);
    for (const note of read.notes) io.stderr(`cdk8s-guardrails: note: ${note}\n`);
    const checked = engine.check(read.inputs);
    // The reader's errors (unreadable files, invalid YAML) come first: they are in file order.
    const report: Report = { ...checked, inputErrors: [...read.errors, ...checked.inputErrors] };
    const toTerminal = options.output === undefined && options.format === 'text';
    const rendered = Reporters.render(Reporters.parseFormat(options.format), report, engine.rules.map((r) => r.rule), {
      toolVersion: packageVersion(),
      objects: read.inputs.map(({ manifest: m }) => ({
        apiVersion: m.apiVersion,
        kind: m.kind,
        name: m.metadata.name,
        ...(typeof m.metadata.namespace === 'string' ? { namespace: m.metadata.namespace } : {}),
      })),
      color: toTerminal && io.colorTerminal,
    });

    if (!writeReport(io, options.output, rendered)) return ExitCode.ERROR;
    // A machine-readable report on stdout or in a file: people in the CI log still see what happened.
    if (!toTerminal) {
      for (const error of report.inputErrors) io.stderr(CheckCommand.describe(error));
      const s = report.summary;
      io.stderr(`cdk8s-guardrails: ${s.objects} objects checked: ${s.errors} errors, ${s.warnings} warnings, ${s.infos} info, `
        + `${s.suppressed} suppressed, ${report.inputErrors.length} input errors`
        + `${options.output !== undefined ? `; report written to ${options.output}` : ''}\n`);
    }
    return exitCodeOf(report, options.failOn);
  }

  /** `file:line: input error: message`, the form editors and CI logs link. */
  public static describe(error: InputError): string {
    const where = error.file !== undefined ? `${error.file}${error.line !== undefined ? `:${error.line}` : ''}: ` : '';
    return `${where}input error: ${error.message}\n`;
  }

  private constructor() {}
}
