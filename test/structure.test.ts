import * as fs from 'fs';
import * as path from 'path';

/**
 * The layers of src/ (CONTRIBUTING.md): each folder imports only from folders of a lower layer
 * or from itself, doors never import each other, there are no import cycles between files, and
 * the engine never imports cdk8s.
 */

const SRC = path.join(__dirname, '..', 'src');

/** Layer of each top-level folder (or root file) of src/. */
const LAYERS: Record<string, number> = {
  'k8s': 0,
  'errors.ts': 0,
  'metadata.ts': 0,
  'string-order.ts': 0,
  'reader': 1,
  'rbac': 1,
  'compliance': 2,
  // Reads .guardrails.yaml (I/O) into the engine's settings: above the pure engine, below every door.
  'config': 2.5,
  'synth': 3,
  'access': 3,
  'harden': 3,
  'identity': 4,
  'audit': 4,
  'admission': 4,
  'workloads': 5,
  'operator': 6,
  'cli': 7,
  'plugin': 7,
  'index.ts': 8,
};
const DOORS = ['synth/guardrails.ts', 'cli', 'plugin'];

interface Edge { readonly from: string; readonly to: string }

function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

/** Every import (static, type-only included) of every file, relative ones resolved to files of src/. */
function imports(): { internal: Edge[]; external: Edge[] } {
  const internal: Edge[] = [];
  const external: Edge[] = [];
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(path.join(SRC, file), 'utf-8');
    for (const match of text.matchAll(/^(?:import|export)\b[^;]*?\sfrom\s+'([^']+)'/gms)) {
      const spec = match[1];
      if (!spec.startsWith('.')) {
        external.push({ from: file, to: spec });
        continue;
      }
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const target = [`${base}.ts`, `${base}/index.ts`].find((candidate) => fs.existsSync(path.join(SRC, candidate)));
      if (!target) throw new Error(`${file} imports ${spec}, which is not a file of src/`);
      internal.push({ from: file, to: target });
    }
  }
  return { internal, external };
}

const topOf = (file: string) => file.split('/')[0];
const layerOf = (file: string) => {
  const layer = LAYERS[topOf(file)];
  if (layer === undefined) throw new Error(`src/${topOf(file)} has no layer in test/structure.test.ts: add it (and to CONTRIBUTING.md)`);
  return layer;
};
const doorOf = (file: string) => DOORS.find((door) => file === door || file.startsWith(`${door}/`));

describe('the layers of src/', () => {
  let edges: { internal: Edge[]; external: Edge[] };
  beforeEach(() => {
    edges = imports();
  });

  test('GIVEN every import between folders THEN it points to a lower layer', () => {
    const upwards = edges.internal
      .filter((e) => topOf(e.from) !== topOf(e.to) && layerOf(e.to) >= layerOf(e.from))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(upwards).toEqual([]);
  });

  test('GIVEN the doors (synth, CLI, plugin) THEN none imports another', () => {
    const crossing = edges.internal.filter((e) => doorOf(e.from) && doorOf(e.to) && doorOf(e.from) !== doorOf(e.to)).map((e) => `${e.from} -> ${e.to}`);
    expect(crossing).toEqual([]);
  });

  test('GIVEN the engine, the reader and the Kubernetes facts THEN none imports cdk8s, cdk8s-plus or constructs (they work on plain manifests)', () => {
    const bound = edges.external
      .filter((e) => ['compliance', 'reader', 'k8s'].includes(topOf(e.from)))
      .filter((e) => /^(cdk8s|cdk8s-plus-\d+|constructs)(\/|$)/.test(e.to))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(bound).toEqual([]);
  });

  test('GIVEN the rewriter (src/harden) THEN only its synth-time construct imports cdk8s or constructs (the rewrite works on plain manifests)', () => {
    const bound = edges.external
      .filter((e) => topOf(e.from) === 'harden' && e.from !== 'harden/harden.ts')
      .filter((e) => /^(cdk8s|cdk8s-plus-\d+|constructs)(\/|$)/.test(e.to))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(bound).toEqual([]);
    expect(edges.external).toEqual(expect.arrayContaining([{ from: 'harden/harden.ts', to: 'cdk8s' }]));
  });

  test('GIVEN every file THEN the imports between files have no cycle', () => {
    const graph = new Map<string, string[]>();
    for (const e of edges.internal) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of sourceFiles()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  test('GIVEN the checker itself THEN it sees the imports it judges (a known upward import would be caught)', () => {
    expect(edges.internal).toEqual(expect.arrayContaining([{ from: 'compliance/engine.ts', to: 'k8s/manifest.ts' }]));
    expect(edges.internal.length).toBeGreaterThan(200);
    expect(layerOf('compliance/engine.ts')).toBeGreaterThan(layerOf('k8s/manifest.ts'));
  });
});
