import * as fs from 'fs';
import * as yaml from 'yaml';
import { createApp, NAMESPACE, VENDORED_INSTALL } from '../../examples/third-party-operator/app';
import { ComplianceEngine } from '../../src/compliance/engine';
import type { Manifest } from '../../src/k8s/manifest';
import { readManifests } from '../harden/read-manifests';

function tokens(manifests: readonly Manifest[]): string[] {
  const report = new ComplianceEngine({ packs: ['tokens'], namespace: NAMESPACE }).check(manifests.map((manifest) => ({ manifest })));
  expect(report.inputErrors).toEqual([]);
  return report.findings.map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name}${f.target ? ` ${f.target}` : ''}`);
}

describe('example third-party-operator', () => {
  test('GIVEN the vendored install applied with -n acme-system THEN every pod automounts a token (the manager\'s into its sidecar and init container too)', () => {
    const read = readManifests(fs.readFileSync(VENDORED_INSTALL), VENDORED_INSTALL);
    expect(read.errors).toEqual([]);
    // Namespace-less, as upstream ships it.
    expect(read.manifests.filter((m) => m.metadata.namespace !== undefined)).toEqual([]);
    expect(tokens(read.manifests)).toEqual(expect.arrayContaining([
      'token/automount-service-account ServiceAccount/gadget-operator-controller-manager',
      'token/automount-service-account ServiceAccount/gadget-operator-dashboard',
      'token/automount-pod Deployment/gadget-operator-controller-manager',
      'token/automount-pod Deployment/gadget-operator-dashboard',
      'token/sidecar-exposure Deployment/gadget-operator-controller-manager automount',
      'token/unnecessary-token Deployment/gadget-operator-dashboard automount',
    ]));
    const exposure = new ComplianceEngine({ packs: ['tokens'], namespace: NAMESPACE }).check(read.manifests.map((manifest) => ({ manifest })))
      .findings.find((f) => f.ruleId === 'token/sidecar-exposure');
    expect(exposure?.message).toContain("init container 'install-templates' (automounted), container 'manager' (automounted), container 'metrics-exporter'");
  });

  test('GIVEN the synthesized app THEN the tokens pack finds nothing, and only the manager holds a token', () => {
    const manifests = yaml.parseAllDocuments(createApp().synthYaml()).map((d) => d.toJSON() as Manifest);
    expect(tokens(manifests)).toEqual([]);
    const holders = manifests.flatMap((m) => {
      const spec = m.spec?.template?.spec;
      if (!spec) return [];
      return [...(spec.initContainers ?? []), ...spec.containers]
        .filter((c: any) => (c.volumeMounts ?? []).some((v: any) => v.name === 'api-credentials'))
        .map((c: any) => `${m.metadata.name}/${c.name}`);
    });
    expect(holders).toEqual(['gadget-operator-controller-manager/manager']);
  });

  test('GIVEN the synthesized app THEN every object of the vendored install is written, in its order, with the chart\'s namespace', () => {
    const vendored = readManifests(fs.readFileSync(VENDORED_INSTALL), VENDORED_INSTALL).manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    const written = yaml.parseAllDocuments(createApp().synthYaml()).map((d) => d.toJSON() as Manifest);
    expect(written.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(vendored);
    expect(new Set(written.map((m) => m.metadata.namespace))).toEqual(new Set([NAMESPACE]));
  });
});
