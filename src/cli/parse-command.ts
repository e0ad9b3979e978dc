import { ParseOptions, UsageError } from './arguments';
import { CheckCommand } from './check-command';
import { CliIo, readStdinOrReport } from './cli-io';
import { ExitCode } from './exit-code';
import { Namespaces } from '../k8s/namespace';
import { InputPaths } from '../reader/input-paths';
import { JsonValues } from '../reader/json-values';

/**
 * `cdk8s-guardrails parse`: every object as `kubectl apply -f` would send it, one JSON object per
 * line. The objects are what kubectl's reader yields (the reader's differential test compares
 * them with kubectl's own), with the namespace filled in as kubectl apply fills it when it knows
 * the kind is namespaced: `-n NS`, or `default`. (`kubectl annotate --local` prints objects
 * without that namespace, because without a cluster it cannot tell namespaced kinds apart.)
 */
export class ParseCommand {
  public static run(options: ParseOptions, io: CliIo): ExitCode {
    if (options.paths.includes('-') && io.stdinIsTerminal) {
      throw new UsageError('nothing to read: name files or directories, or pipe manifests into standard input', 'parse');
    }
    // An empty file holds no object for kubectl either: not an error here.
    const read = InputPaths.read(options.paths, { readStdin: () => readStdinOrReport(io), exclude: options.exclude, allowEmpty: true });
    const customClusterScoped = Namespaces.clusterScopedCustomKinds(read.objects.map((o) => o.object));
    const errors = [...read.errors];
    const lines: string[] = [];
    for (const { object, source } of read.objects) {
      const conflict = Namespaces.conflict(object, options.namespace, customClusterScoped);
      if (conflict !== undefined) {
        errors.push({ file: source.file, line: source.line, message: conflict });
        continue;
      }
      lines.push(JsonValues.stringify(ParseCommand.withNamespace(object, Namespaces.resolve(object, options.namespace, customClusterScoped))));
      if (lines.length >= 1000) io.stdout(`${lines.splice(0).join('\n')}\n`);
    }
    if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
    for (const note of read.notes) io.stderr(`cdk8s-guardrails: note: ${note}\n`);
    for (const error of errors) io.stderr(CheckCommand.describe(error));
    return errors.length > 0 ? ExitCode.ERROR : ExitCode.CLEAN;
  }

  /** The object with `metadata.namespace` set, as kubectl's SetNamespace visitor sets it. */
  private static withNamespace(object: Record<string, unknown>, namespace: string | undefined): Record<string, unknown> {
    if (namespace === undefined) return object;
    const metadata = object.metadata;
    if (metadata !== undefined && (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))) return object;
    const current = (metadata as Record<string, unknown> | undefined)?.namespace;
    if (current === namespace) return object;
    const filled = { ...object };
    Object.defineProperty(filled, 'metadata', { value: { ...(metadata as object | undefined), namespace }, enumerable: true, writable: true, configurable: true });
    return filled;
  }

  private constructor() {}
}
