import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AccessReport } from '../../src/access/access-report';
import { KnownResources } from '../../src/k8s/known-resources';
import type { ManifestInput } from '../../src/reader/input';
import { loadInputs } from '../reader/load-inputs';

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
const OPERATOR_EXAMPLES = fs.readdirSync(EXAMPLES_DIR)
  .filter((name) => name.startsWith('operator-') && fs.existsSync(path.join(EXAMPLES_DIR, name, 'app.ts')))
  .sort();

/** Synthesizes an example and reads its YAML back, as the CLI would. */
function synthesize(name: string): ManifestInput[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApp } = require(path.join(EXAMPLES_DIR, name, 'app'));
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `access-${name}-`));
  try {
    createApp(outdir).synth();
    const inputs: ManifestInput[] = [];
    for (const file of fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml')).sort()) {
      const loaded = loadInputs(fs.readFileSync(path.join(outdir, file)), file);
      expect(loaded.errors).toEqual([]);
      inputs.push(...loaded.inputs);
    }
    return inputs;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The grants written in the YAML, expanded by hand: every rule of every role bound to the
 * ServiceAccount, in the binding's namespace (`*` for a ClusterRoleBinding); a RoleBinding
 * never grants cluster-scoped resources.
 */
function grantsWrittenFor(inputs: readonly ManifestInput[], namespace: string, name: string): string[] {
  const manifests = inputs.map((i) => i.manifest);
  const lines = new Set<string>();
  for (const binding of manifests.filter((m) => m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding')) {
    const bindingNamespace = binding.kind === 'RoleBinding' ? binding.metadata.namespace ?? 'default' : '*';
    const names = (binding.subjects ?? []).some((s: any) => s.kind === 'ServiceAccount' && s.name === name
      && (s.namespace ?? (binding.kind === 'RoleBinding' ? bindingNamespace : undefined)) === namespace);
    if (!names) continue;
    const role = manifests.find((m) => m.kind === binding.roleRef.kind && m.metadata.name === binding.roleRef.name
      && (m.kind === 'ClusterRole' || (m.metadata.namespace ?? 'default') === bindingNamespace));
    expect(role).toBeDefined();
    for (const rule of role!.rules ?? []) {
      for (const group of rule.apiGroups ?? []) {
        for (const resource of rule.resources ?? []) {
          if (bindingNamespace !== '*' && KnownResources.isClusterScoped(group, resource)) continue;
          for (const verb of rule.verbs) lines.add(`${bindingNamespace} ${group} ${resource} ${verb}`);
        }
      }
    }
  }
  return [...lines].sort();
}

describe('access report over the operator examples', () => {
  test('there are operator examples', () => {
    expect(OPERATOR_EXAMPLES.length).toBeGreaterThan(0);
  });

  test.each(OPERATOR_EXAMPLES)('%s: exactly the granted permissions, and the token only where the Deployment mounts it', (name) => {
    // GIVEN the synthesized example
    const inputs = synthesize(name);
    const deployment = inputs.map((i) => i.manifest).find((m) => m.kind === 'Deployment')!;
    const namespace = deployment.metadata.namespace ?? 'default';
    const serviceAccount = deployment.spec.template.spec.serviceAccountName;

    // WHEN the access report is built
    const model = AccessReport.build(inputs);
    const sa = model.serviceAccounts.find((s) => s.namespace === namespace && s.name === serviceAccount)!;

    // THEN its permissions are exactly the rules bound to the operator's ServiceAccount
    const reported = sa.permissions.flatMap((p) => p.verbs.map((v) => `${p.namespace} ${p.apiGroup} ${p.resource} ${v}`)).sort();
    expect([...new Set(reported)]).toEqual(grantsWrittenFor(inputs, namespace, serviceAccount));
    expect(reported.length).toBeGreaterThan(0);
    // AND the token is in exactly the containers that mount the projected token volume
    const podSpec = deployment.spec.template.spec;
    const tokenVolumes = (podSpec.volumes ?? [])
      .filter((v: any) => (v.projected?.sources ?? []).some((s: any) => s.serviceAccountToken))
      .map((v: any) => v.name);
    const mounting = [...(podSpec.initContainers ?? []), ...podSpec.containers]
      .filter((c: any) => (c.volumeMounts ?? []).some((m: any) => tokenVolumes.includes(m.name)))
      .map((c: any) => c.name);
    expect(sa.tokens.flatMap((t) => t.containers).sort()).toEqual(mounting.sort());
    expect(sa.tokens.every((t) => t.mount === 'projected')).toBe(true);
    // a sidecar that needs no API access gets no token
    const sidecars = podSpec.containers.slice(1).map((c: any) => c.name);
    expect(sa.tokens.flatMap((t) => t.containers).filter((c) => sidecars.includes(c))).toEqual([]);
  });
});
