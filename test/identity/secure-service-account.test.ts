import * as kplus from 'cdk8s-plus-28';
import { SecureServiceAccount } from '../../src';
import { newChart, onlyOfKind, synth } from '../helpers';

describe('SecureServiceAccount', () => {
  test('automount is false and no token Secret is listed', () => {
    const chart = newChart();
    new SecureServiceAccount(chart, 'sa');
    const sa = onlyOfKind(synth(chart), 'ServiceAccount');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(sa.secrets).toBeUndefined();
    expect(sa.imagePullSecrets).toBeUndefined();
  });

  test('labels, annotations and image pull secrets are written', () => {
    const chart = newChart();
    const sa = new SecureServiceAccount(chart, 'sa', {
      metadata: { name: 'builder', labels: { team: 'platform' }, annotations: { owner: 'sre' } },
      imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'regcred', 'regcred')],
    });
    sa.addImagePullSecret(kplus.Secret.fromSecretName(chart, 'mirror', 'mirror-cred'));
    const manifest = onlyOfKind(synth(chart), 'ServiceAccount');
    expect(manifest.metadata).toEqual({ name: 'builder', namespace: 'apps', labels: { team: 'platform' }, annotations: { owner: 'sre' } });
    expect(manifest.imagePullSecrets).toEqual([{ name: 'regcred' }, { name: 'mirror-cred' }]);
    expect(sa.imagePullSecretNames).toEqual(['regcred', 'mirror-cred']);
  });

  test('is usable wherever a cdk8s-plus ServiceAccount is', () => {
    const chart = newChart();
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'worker' } });
    new kplus.Deployment(chart, 'd', { serviceAccount: sa, containers: [{ image: 'x:1' }] });
    const binding = new kplus.RoleBinding(chart, 'rb', { role: new kplus.Role(chart, 'r') });
    binding.addSubjects(sa);
    const out = synth(chart);
    expect(onlyOfKind(out, 'Deployment').spec.template.spec.serviceAccountName).toBe('worker');
    expect(onlyOfKind(out, 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'worker', namespace: 'apps', apiGroup: '' }]);
  });

  test('refuses token Secrets, duplicate pull secrets and the name default', () => {
    const chart = newChart();
    const sa = new SecureServiceAccount(chart, 'sa');
    const secret = kplus.Secret.fromSecretName(chart, 's', 'token');
    expect(() => sa.addSecret(secret)).toThrow(/SecureServiceAccount 'test\/sa': secrets cannot hold 'token': Secrets on a ServiceAccount are long-lived token mounts/);
    sa.addImagePullSecret(secret);
    expect(() => sa.addImagePullSecret(secret)).toThrow(/imagePullSecrets already contains 'token'/);
    expect(() => new SecureServiceAccount(chart, 'd', { metadata: { name: 'default' } })).toThrow(/SecureServiceAccount 'test\/d': metadata.name 'default' is refused/);
  });
});

test('metadata keys given as undefined do not erase the generated name', () => {
  const chart = newChart();
  new SecureServiceAccount(chart, 'sa', { metadata: { name: undefined, labels: { a: 'b' } } });
  const manifest = onlyOfKind(synth(chart), 'ServiceAccount');
  expect(manifest.metadata.name).toMatch(/^test-sa-/);
});
