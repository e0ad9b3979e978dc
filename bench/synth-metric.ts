import type { App } from 'cdk8s';
import { AppOptions, guardedSecureApp, OBJECTS_PER_WORKLOAD, plainApp, secureApp } from './apps';
import { alternate, median, ratio, round3, timeMs } from './stats';

export interface SynthBenchOptions {
  readonly workloads: number;
  readonly rounds: number;
  readonly warmup: number;
  readonly outdir: string;
}

export interface SynthBenchResult {
  /** (build + synth with `recommended` checks) / (build + synth without). */
  readonly synthOverhead: number;
  /** Per emitted object: SecureDeployment app / plain cdk8s-plus-28 app (build + synth, no checks). */
  readonly perObjectVsPlain: number;
  readonly objects: number;
  readonly detail: string;
  readonly perObjectDetail: string;
}

/**
 * Synthesizes three apps of N workloads alternately: plain cdk8s-plus-28, SecureDeployment, and
 * SecureDeployment checked by `Guardrails.of(app).check()`. A run is what `cdk8s synth` does:
 * build the construct tree, then `app.synth()` writes the YAML files.
 */
export function benchSynth(options: SynthBenchOptions): SynthBenchResult {
  checkApps(options.outdir);
  const appOptions: AppOptions = { workloads: options.workloads, outdir: options.outdir };
  const synthPhase = new Map<string, number[]>([['secure', []], ['guarded', []]]);
  // app.synth() overwrites the same files on every run, so the output directory is left in place.
  const measure = (name: string, build: (o: AppOptions) => App) => () => {
    const app = build(appOptions);
    const ms = timeMs(() => app.synth());
    synthPhase.get(name)?.push(ms);
  };
  const samples = alternate([
    { name: 'plain', run: measure('plain', plainApp) },
    { name: 'secure', run: measure('secure', secureApp) },
    { name: 'guarded', run: measure('guarded', guardedSecureApp) },
  ], options.rounds, options.warmup);
  // The synth-phase samples include the warm-up rounds; keep the timed ones.
  const timed = (name: string) => synthPhase.get(name)!.slice(options.warmup);

  const objects = options.workloads * OBJECTS_PER_WORKLOAD;
  const plain = samples.get('plain')!;
  const secure = samples.get('secure')!;
  const guarded = samples.get('guarded')!;
  const ms = (values: readonly number[]) => `${median(values).toFixed(0)} ms`;
  return {
    synthOverhead: ratio(guarded, secure),
    // Both apps emit the same number of objects (checked by checkApps), so the per-object ratio is the time ratio.
    perObjectVsPlain: ratio(secure.map((t) => t / objects), plain.map((t) => t / objects)),
    objects,
    detail: `${options.workloads} workloads (${objects} objects): checked ${ms(guarded)} vs unchecked ${ms(secure)}; `
      + `app.synth() alone ${ms(timed('guarded'))} vs ${ms(timed('secure'))} (x${round3(median(timed('guarded')) / median(timed('secure')))})`,
    perObjectDetail: `${(median(secure) / objects * 1000).toFixed(0)} µs vs ${(median(plain) / objects * 1000).toFixed(0)} µs per object (build + synth, no checks)`,
  };
}

/**
 * Before timing: both apps emit the same number of objects, and the checked app writes exactly
 * the YAML the unchecked one writes (the guardrails change nothing), without findings.
 */
function checkApps(outdir: string): void {
  const options = { workloads: 60, outdir };
  const plain = plainApp(options).synthYaml();
  const secure = secureApp(options).synthYaml();
  const guarded = guardedSecureApp(options).synthYaml();
  const count = (yaml: string) => (yaml.match(/^kind: /gm) ?? []).length;
  const expected = options.workloads * OBJECTS_PER_WORKLOAD;
  if (count(plain) !== expected || count(secure) !== expected) {
    throw new Error(`benchmark apps are not equivalent: plain emits ${count(plain)}, secure ${count(secure)} objects; expected ${expected} each`);
  }
  if (guarded !== secure) throw new Error('the checked app does not synthesize the same YAML as the unchecked one');
}
