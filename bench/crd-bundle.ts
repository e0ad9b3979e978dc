import type { Manifest } from '../src/k8s/manifest';

/**
 * A CRD-heavy bundle, as operator installs ship them (cert-manager, Prometheus Operator,
 * Crossplane providers): CustomResourceDefinitions whose `openAPIV3Schema`s are large, deeply
 * nested and full of multi-line descriptions, enums, patterns and `x-kubernetes-*` markers.
 * Generated (never committed); the same options give the same bundle.
 */
export interface CrdBundleOptions {
  /** About how many bytes of YAML the bundle takes (CRDs are added until it is reached). */
  readonly bytes: number;
}

const WORDS = ['reconcile', 'certificate', 'issuer', 'secret', 'namespace', 'selector', 'duration', 'renewal', 'status',
  'condition', 'observed', 'generation', 'endpoint', 'backend', 'replica', 'volume', 'template', 'policy', 'scope', 'timeout'];

/** The CRDs; `estimateBytes` is how the size is counted while generating. */
export function generateCrdBundle(options: CrdBundleOptions, estimateBytes: (manifests: readonly Manifest[]) => number): Manifest[] {
  const crds: Manifest[] = [];
  let total = 0;
  for (let i = 0; total < options.bytes; i++) {
    const crd = customResourceDefinition(i);
    crds.push(crd);
    total += estimateBytes([crd]);
  }
  return crds;
}

function customResourceDefinition(i: number): Manifest {
  const kind = `Widget${i}`;
  const plural = `widget${i}s`;
  const group = `group${i % 7}.example.com`;
  const schema = {
    type: 'object',
    description: sentence(i, 3),
    properties: {
      apiVersion: { type: 'string', description: sentence(i + 1, 2) },
      kind: { type: 'string', description: sentence(i + 2, 2) },
      metadata: { type: 'object' },
      spec: objectSchema(i, 3),
      status: objectSchema(i + 100, 2),
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}`, labels: { 'app.kubernetes.io/part-of': 'widget-operator' }, annotations: { 'controller-gen.kubebuilder.io/version': 'v0.16.1' } },
    spec: {
      group,
      names: { kind, listKind: `${kind}List`, plural, singular: `widget${i}`, shortNames: [`w${i}`], categories: ['widgets'] },
      scope: i % 5 === 0 ? 'Cluster' : 'Namespaced',
      versions: ['v1', 'v1beta1'].map((name, v) => ({
        name,
        served: true,
        storage: v === 0,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: { openAPIV3Schema: schema },
      })),
    },
  };
}

/** A nested object schema: strings, integers, enums, arrays of objects, maps; `depth` levels deep. */
function objectSchema(seed: number, depth: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let p = 0; p < 7; p++) {
    const name = `${WORDS[(seed + p) % WORDS.length]}${p === 0 ? '' : WORDS[(seed * 3 + p) % WORDS.length].replace(/^./, (c) => c.toUpperCase())}`;
    const kind = (seed + p) % 6;
    if (depth > 0 && kind === 0) {
      properties[name] = objectSchema(seed * 7 + p, depth - 1);
    } else if (depth > 0 && kind === 1) {
      properties[name] = { 'type': 'array', 'description': sentence(seed + p, 2), 'items': objectSchema(seed * 5 + p, depth - 1), 'x-kubernetes-list-type': 'atomic' };
    } else if (kind === 2) {
      properties[name] = { type: 'string', description: sentence(seed + p, 3), enum: ['Always', 'Never', 'IfNotPresent'] };
    } else if (kind === 3) {
      properties[name] = { type: 'integer', format: 'int32', minimum: 0, maximum: 65535, description: sentence(seed + p, 1) };
    } else if (kind === 4) {
      properties[name] = { type: 'object', additionalProperties: { type: 'string' }, description: sentence(seed + p, 2) };
    } else {
      properties[name] = { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$', description: sentence(seed + p, 2) };
    }
  }
  return { 'type': 'object', 'description': sentence(seed, 2), properties, 'required': Object.keys(properties).slice(0, 2), 'x-kubernetes-preserve-unknown-fields': seed % 9 === 0 };
}

/** Multi-line prose, as controller-gen copies Go doc comments into descriptions. */
function sentence(seed: number, lines: number): string {
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    const words: string[] = [];
    for (let w = 0; w < 12; w++) words.push(WORDS[(seed * 31 + l * 7 + w * 3) % WORDS.length]);
    out.push(`${words.join(' ')}.`);
  }
  return out.join('\n');
}
