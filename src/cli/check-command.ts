import { CheckOptions, SETTING_FLAGS, UsageError } from './arguments';
import { CliIo, readStdinOrReport, writeReport } from './cli-io';
import { ExitCode, exitCodeOf } from './exit-code';
import { InputFiles } from './input-files';
import { packageVersion } from './version';
import { ComplianceEngine } from '../compliance/engine';
import type { Report } from '../compliance/model';
import { Reporters } from '../compliance/report/reporters';
import { Settings, SettingsError } from '../compliance/settings';
import type { InputError } from '../reader/input';

/** `cdk8s-guardrails check`: read, check with the engine, render, and choose the exit code. */
export class CheckCommand {
  public static run(options: CheckOptions, io: CliIo): ExitCode {
    if (options.paths.includes('-') && io.stdinIsTerminal) {
      throw new UsageError('- reads standard input, but it is a terminal: pipe manifests in (helm template ... | cdk8s-guardrails check -)', 'check');
    }
    const engine = CheckCommand.engine(options.settings);
    const read = InputFiles.read(options.paths, () => readStdinOrReport(io));
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
    return exitCodeOf(report, engine.settings.failOn);
  }

  /** The engine for these settings; a setting it refuses is a usage error naming the flag. */
  public static engine(settings: Settings): ComplianceEngine {
    try {
      return new ComplianceEngine(settings);
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      const key = Object.keys(SETTING_FLAGS).find((k) => e.setting.startsWith(k)) as keyof Settings | undefined;
      throw new UsageError(`${key ? SETTING_FLAGS[key] : e.setting} ${e.problem}`, 'check');
    }
  }

  /** `file:line: input error: message`, the form editors and CI logs link. */
  public static describe(error: InputError): string {
    const where = error.file !== undefined ? `${error.file}${error.line !== undefined ? `:${error.line}` : ''}: ` : '';
    return `${where}input error: ${error.message}\n`;
  }

  private constructor() {}
}
