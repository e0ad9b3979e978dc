import { Chart, Testing } from 'cdk8s';

/** A manifest as synthesized: plain JSON. */
export type Json = Record<string, any>;

/** A fresh chart in a fresh app, with a namespace. */
export function newChart(namespace = 'apps'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

/** The chart's manifests of one kind, exactly as written to YAML. */
export function ofKind(manifests: Json[], kind: string): Json[] {
  return manifests.filter(m => m.kind === kind);
}

/** The only manifest of a kind (fails the test if there is not exactly one). */
export function onlyOfKind(manifests: Json[], kind: string): Json {
  const found = ofKind(manifests, kind);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind}, found ${found.length}`);
  return found[0];
}

/** Synthesizes the chart (what `cdk8s synth` writes for it). */
export function synth(chart: Chart): Json[] {
  return Testing.synth(chart);
}

/** The pod spec of a Pod, a workload or a CronJob. */
export function podSpecOf(manifest: Json): Json {
  if (manifest.kind === 'Pod') return manifest.spec;
  if (manifest.kind === 'CronJob') return manifest.spec.jobTemplate.spec.template.spec;
  return manifest.spec.template.spec;
}

/** Every container of a pod spec (init and regular). */
export function allContainers(spec: Json): Json[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}
