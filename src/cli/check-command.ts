import * as fs from 'fs';
import { CheckOptions, SETTING_FLAGS, UsageError } from './arguments';
import { CliIo, writeReport } from './cli-io';
import { ExitCode, exitCodeOf } from './exit-code';
import { ManifestInputs } from './manifest-inputs';
import { packageVersion } from './version';
import { Baselines, BaselineError } from '../compliance/baseline';
import { ComplianceEngine } from '../compliance/engine';
import type { BaselineEntry, Report } from '../compliance/model';
import { Reporters } from '../compliance/report/reporters';
import { Settings, SettingsError } from '../compliance/settings';
import { ConfigError, ConfigFile } from '../config/config-file';
import { SettingsLayers } from '../config/settings-layers';
import { Glob } from '../reader/glob';
import type { InputError } from '../reader/input';

/** `cdk8s-guardrails check`: read, check with the engine, render, and choose the exit code. */
export class CheckCommand {
  public static run(options: CheckOptions, io: CliIo): ExitCode {
    if (options.paths.includes('-') && io.stdinIsTerminal) {
      throw new UsageError('- reads standard input, but it is a terminal: pipe manifests in (helm template ... | cdk8s-guardrails check -)', 'check');
    }
    let settings: Settings;
    let baseline: BaselineEntry[] | undefined;
    try {
      const config = ConfigFile.resolve({ config: options.config, noConfig: options.noConfig, cwd: io.cwd ?? process.cwd() });
      settings = config ? SettingsLayers.merge(config.settings, options.settings) : options.settings;
      baseline = options.baseline !== undefined ? CheckCommand.readBaseline(options.baseline) : undefined;
    } catch (e) {
      if (!(e instanceof ConfigError) && !(e instanceof BaselineError)) throw e;
      io.stderr(`cdk8s-guardrails: ${e.message}\n`);
      return ExitCode.ERROR;
    }
    const engine = CheckCommand.engine(settings);
    const read = ManifestInputs.read(options.paths, settings.exclude ?? [], io);
    for (const note of read.notes) io.stderr(`cdk8s-guardrails: note: ${note}\n`);
    const checked = engine.check(read.inputs);
    // Excluded files are not checked: what the reader could not read of them does not count either.
    const exclude = engine.settings.exclude;
    const readErrors = read.errors.filter((e) => e.file === undefined || !exclude.some((glob) => Glob.matchesFile(glob, e.file!)));
    // The reader's errors (unreadable files, invalid YAML) come first: they are in file order.
    let report: Report = { ...checked, inputErrors: [...readErrors, ...checked.inputErrors] };
    if (options.writeBaseline !== undefined) {
      const entries = Baselines.entriesOf(report.findings);
      if (!writeReport(io, options.writeBaseline, Baselines.serialize(entries), '--write-baseline')) return ExitCode.ERROR;
      // What was just recorded is accepted: this run is judged against it.
      baseline = [...(baseline ?? []), ...entries];
    }
    if (baseline !== undefined) report = Baselines.apply(report, baseline);
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
        + `${s.suppressed} suppressed, ${s.baselined !== undefined ? `${s.baselined} baselined, ${report.fixed?.length ?? 0} fixed since the baseline, ` : ''}`
        + `${report.inputErrors.length} input errors`
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

  /** The entries of a baseline file. @throws BaselineError naming the file */
  private static readBaseline(file: string): BaselineEntry[] {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf-8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new BaselineError(`--baseline ${file}: cannot read: ${code === 'ENOENT' ? 'no such file (record one with --write-baseline FILE)' : code ?? (e as Error).message}`);
    }
    try {
      return Baselines.parse(text);
    } catch (e) {
      throw new BaselineError(`--baseline ${file}: ${(e as Error).message}`);
    }
  }

  private constructor() {}
}
