import { AuditOptions, UsageError } from './arguments';
import { CliIo, readStdinOrReport, writeReport } from './cli-io';
import { ExitCode } from './exit-code';
import { ManifestInputs } from './manifest-inputs';
import { AuditLogReader, AuditReadError, MAX_LINE_CHARS } from '../audit/audit-log-reader';
import { AuditRenderers } from '../audit/audit-renderers';
import { AuditReport, AuditReportModel } from '../audit/audit-report';
import { AuditSummarizer } from '../audit/audit-summarizer';
import { AuditTypeScript } from '../audit/audit-typescript';
import { FileSystem } from '../reader/file-system';
import type { ManifestInput } from '../reader/input';

/** Malformed lines repeated on stderr (the report and JSON have more; all are counted). */
const STDERR_SKIPPED = 20;

/**
 * `cdk8s-guardrails audit`: streams audit logs through the summarizer, holds the result against
 * the manifests, renders it and chooses the exit code. Asynchronous: logs are read as streams.
 */
export class AuditCommand {
  public static async run(options: AuditOptions, io: CliIo): Promise<ExitCode> {
    if ((options.paths.includes('-') || options.manifests.includes('-')) && io.stdinIsTerminal) {
      throw new UsageError('- reads standard input, but it is a terminal: pipe a log in (zcat audit.log.gz | cdk8s-guardrails audit -)', 'audit');
    }
    const errors: AuditReadError[] = [];
    let manifests: ManifestInput[] | undefined;
    if (options.manifests.length > 0) {
      const read = ManifestInputs.read(options.manifests, [], io);
      manifests = read.inputs;
      for (const e of read.errors) errors.push({ file: e.file ?? '--manifests', ...(e.line !== undefined ? { line: e.line } : {}), message: e.message });
    }

    const summarizer = new AuditSummarizer();
    const stdin = io.stdinStream ?? (() => oneChunk(readStdinOrReport(io)));
    for (const source of AuditLogReader.sources(options.paths, stdin, errors)) {
      let lastLine = 0;
      try {
        await AuditLogReader.forEachLine(source,
          (text, line) => {
            lastLine = line;
            summarizer.addLine(text, source.name, line);
          },
          (line) => summarizer.addTooLongLine(source.name, line, MAX_LINE_CHARS));
      } catch (e) {
        errors.push({ file: source.name, message: `cannot read${lastLine > 0 ? ` past line ${lastLine}` : ''}: ${FileSystem.describeError(e)}` });
      }
    }

    const model = AuditReport.build(summarizer.summary(), manifests, errors);
    if (!writeReport(io, options.output, AuditCommand.render(model, options.format))) return ExitCode.ERROR;
    AuditCommand.reportOnStderr(model, io, options);
    if (model.inputErrors.length > 0) return ExitCode.ERROR;
    const unused = options.failOnUnused && model.serviceAccounts.some((sa) => sa.unused.length > 0);
    const denied = options.failOnDenied && model.serviceAccounts.some((sa) => sa.denied.length > 0);
    return unused || denied ? ExitCode.FINDINGS : ExitCode.CLEAN;
  }

  public static render(model: AuditReportModel, format: AuditOptions['format']): string {
    switch (format) {
      case 'json': return AuditRenderers.json(model);
      case 'markdown': return AuditRenderers.markdown(model);
      case 'typescript': return AuditTypeScript.render(model);
      case 'text': return AuditRenderers.text(model);
    }
  }

  /** Input errors always; the skipped lines and a summary when the report is not text on the terminal. */
  private static reportOnStderr(model: AuditReportModel, io: CliIo, options: AuditOptions): void {
    for (const e of model.inputErrors) io.stderr(`${e.file}${e.line !== undefined ? `:${e.line}` : ''}: input error: ${e.message}\n`);
    if (options.format === 'text' && options.output === undefined) return;
    for (const s of model.skipped.lines.slice(0, STDERR_SKIPPED)) io.stderr(`${s.file}:${s.line}: skipped: ${s.reason}\n`);
    const skipped = model.skipped.malformedLines + model.skipped.notAuditEvents;
    if (skipped > STDERR_SKIPPED) io.stderr(`cdk8s-guardrails: ... and ${skipped - STDERR_SKIPPED} more skipped lines\n`);
    const unused = model.serviceAccounts.reduce((n, sa) => n + sa.unused.length, 0);
    const denied = model.serviceAccounts.reduce((n, sa) => n + sa.denied.length, 0);
    io.stderr(`cdk8s-guardrails: audit: ${model.requests} requests by ServiceAccounts in ${model.events} events; `
      + `${model.serviceAccounts.length} ServiceAccounts, ${denied} denied permissions`
      + `${model.withManifests ? `, ${unused} unused grants` : ''}, ${skipped} skipped lines, ${model.inputErrors.length} input errors`
      + `${options.output !== undefined ? `; report written to ${options.output}` : ''}\n`);
  }

  private constructor() {}
}

async function* oneChunk(buffer: Buffer): AsyncIterable<Buffer> {
  yield buffer;
}
