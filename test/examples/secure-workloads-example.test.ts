import * as path from 'path';
import * as yaml from 'yaml';
import { ComplianceEngine } from '../../src/compliance/engine';
import { allContainers, ofKind, onlyOfKind, podSpecOf } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createApp } = require(path.join(__dirname, '..', '..', 'examples', 'secure-workloads', 'app'));

function manifests(): any[] {
  return yaml.parseAllDocuments(createApp().synthYaml()).map((doc) => doc.toJSON()).filter((m) => m);
}

describe('example secure-workloads', () => {
  test('GIVEN the example THEN recommended finds nothing at all, not even a suppressed finding', () => {
    const out = manifests();
    const report = new ComplianceEngine({ packs: ['recommended'] }).check(out.map((manifest) => ({ manifest })));
    expect(report.inputErrors).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.summary.objects).toBe(out.length);
  });

  test('THEN a restricted SecureNamespace comes first and holds a StatefulSet, a DaemonSet, a Job and a CronJob', () => {
    const out = manifests();
    expect(out.slice(0, 2).map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Namespace/ledger', 'ServiceAccount/default']);
    expect(out[0].metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(out[1].automountServiceAccountToken).toBe(false);
    for (const kind of ['StatefulSet', 'DaemonSet', 'Job', 'CronJob']) {
      expect(onlyOfKind(out, kind).metadata.namespace).toBe('ledger');
    }
    expect(out.filter((m) => m.kind !== 'Namespace').map((m) => m.metadata.namespace)).toEqual(out.slice(1).map(() => 'ledger'));
  });

  test('THEN only the CronJob\'s reaper container holds an API token, and its ServiceAccount may only list and delete Jobs', () => {
    const out = manifests();
    const holders = ['StatefulSet', 'DaemonSet', 'Job', 'CronJob'].flatMap((kind) => {
      const spec = podSpecOf(onlyOfKind(out, kind));
      return allContainers(spec)
        .filter((c) => (c.volumeMounts ?? []).some((m: any) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount'))
        .map((c) => `${kind}/${c.name}`);
    });
    expect(holders).toEqual(['CronJob/reaper']);
    const cronJobAccount = podSpecOf(onlyOfKind(out, 'CronJob')).serviceAccountName;
    expect(onlyOfKind(out, 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: cronJobAccount, namespace: 'ledger' }]);
    expect(onlyOfKind(out, 'Role').rules).toEqual([{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['list', 'delete'] }]);
    expect(ofKind(out, 'ClusterRole')).toEqual([]);
  });
});
