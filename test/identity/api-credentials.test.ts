import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ApiCredentials } from '../../src';
import { allContainers, newChart, onlyOfKind, podSpecOf, synth } from '../helpers';

const SA_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

function deploymentWithTwoContainers() {
  const chart = newChart();
  const deployment = new kplus.Deployment(chart, 'web', {
    containers: [{ name: 'app', image: 'app:1.0' }, { name: 'sidecar', image: 'sidecar:1.0' }],
    initContainers: [{ name: 'init', image: 'init:1.0' }],
  });
  return { chart, deployment };
}

describe('ApiCredentials', () => {
  test('reproduces what automount injects: token, ca.crt from kube-root-ca.crt, namespace', () => {
    // GIVEN a plain cdk8s-plus Deployment
    const { chart, deployment } = deploymentWithTwoContainers();
    // WHEN credentials are granted to one container
    new ApiCredentials(deployment, 'Api', { containers: ['app'] });
    // THEN the projected volume has the three sources under their Kubernetes key names
    const spec = podSpecOf(onlyOfKind(synth(chart), 'Deployment'));
    const volume = spec.volumes.find((v: any) => v.name === 'api-credentials');
    expect(volume.projected.sources).toEqual([
      { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ]);
    expect(volume.name).not.toMatch(/^kube-api-access-/);
  });

  test('mounts read-only at the automount path only in the named container', () => {
    const { chart, deployment } = deploymentWithTwoContainers();
    new ApiCredentials(deployment, 'Api', { containers: ['app'] });
    const spec = podSpecOf(onlyOfKind(synth(chart), 'Deployment'));
    const byName = Object.fromEntries(allContainers(spec).map(c => [c.name, c]));
    expect(byName.app.volumeMounts).toEqual([{ name: 'api-credentials', mountPath: SA_PATH, readOnly: true }]);
    // no other container has anything under /var/run/secrets
    for (const name of ['sidecar', 'init']) {
      expect((byName[name].volumeMounts ?? []).filter((m: any) => m.mountPath.startsWith('/var/run/secrets'))).toEqual([]);
    }
  });

  test('expirationSeconds equals the requested lifetime', () => {
    const { chart, deployment } = deploymentWithTwoContainers();
    const credentials = new ApiCredentials(deployment, 'Api', { containers: ['app', 'init'], expiration: Duration.minutes(15) });
    const spec = podSpecOf(onlyOfKind(synth(chart), 'Deployment'));
    expect(spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds).toBe(900);
    expect(credentials.expirationSeconds).toBe(900);
    expect(credentials.tokenPath).toBe(`${SA_PATH}/token`);
  });

  test('an audience token projects only the token, at a configurable path and file', () => {
    const { chart, deployment } = deploymentWithTwoContainers();
    new ApiCredentials(deployment, 'Vault', { containers: ['sidecar'], audience: 'vault', mountPath: '/var/run/secrets/vault', fileName: 'jwt' });
    new ApiCredentials(deployment, 'Sts', { containers: ['app'], audience: 'sts.amazonaws.com', expiration: Duration.hours(2) });
    const spec = podSpecOf(onlyOfKind(synth(chart), 'Deployment'));
    // volumes follow the order of the containers that mount them
    expect(spec.volumes).toEqual([
      { name: 'token-sts-amazonaws-com', projected: { sources: [{ serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 7200, path: 'token' } }] } },
      { name: 'token-vault', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'jwt' } }] } },
    ]);
    const byName = Object.fromEntries(allContainers(spec).map(c => [c.name, c]));
    expect(byName.sidecar.volumeMounts).toEqual([{ name: 'token-vault', mountPath: '/var/run/secrets/vault', readOnly: true }]);
    expect(byName.app.volumeMounts).toEqual([{ name: 'token-sts-amazonaws-com', mountPath: '/var/run/secrets/tokens/token-sts-amazonaws-com', readOnly: true }]);
  });

  describe('refuses bad input with the construct path, the property and what is allowed', () => {
    test.each([
      [Duration.seconds(599), /ApiCredentials 'test\/web\/Api': expiration 599s is below the Kubernetes minimum of 600s \(allowed: 600\.\.4294967296 seconds\)/],
      [Duration.seconds(2 ** 32 + 1), /ApiCredentials 'test\/web\/Api': expiration 4294967297s is above the Kubernetes maximum of 4294967296s/],
      [Duration.seconds(3607), /ApiCredentials 'test\/web\/Api': expiration 3607s is refused: .*silently extends a 3607s token to one year/],
      [Duration.millis(600_500), /ApiCredentials 'test\/web\/Api': expiration .* is not a whole number of seconds/],
    ])('expiration %s', (expiration, message) => {
      const { deployment } = deploymentWithTwoContainers();
      expect(() => new ApiCredentials(deployment, 'Api', { containers: ['app'], expiration })).toThrow(message);
    });

    test('accepts the limits themselves', () => {
      const { deployment } = deploymentWithTwoContainers();
      expect(new ApiCredentials(deployment, 'Min', { containers: ['app'], expiration: Duration.seconds(600) }).expirationSeconds).toBe(600);
      expect(new ApiCredentials(deployment, 'Max', { containers: ['sidecar'], audience: 'x', expiration: Duration.seconds(2 ** 32) }).expirationSeconds).toBe(2 ** 32);
    });

    test('empty audience', () => {
      const { deployment } = deploymentWithTwoContainers();
      expect(() => new ApiCredentials(deployment, 'Api', { containers: ['app'], audience: ' ' }))
        .toThrow(/ApiCredentials 'test\/web\/Api': audience ' ' is empty \(allowed: a non-empty audience/);
    });

    test('unknown container name lists the containers', () => {
      const { deployment } = deploymentWithTwoContainers();
      expect(() => new ApiCredentials(deployment, 'Api', { containers: ['manager'] }))
        .toThrow(/ApiCredentials 'test\/web\/Api': containers names 'manager', which is not a container of the pod \(containers: 'init', 'app', 'sidecar'\)/);
    });

    test('no container at all', () => {
      const { deployment } = deploymentWithTwoContainers();
      expect(() => new ApiCredentials(deployment, 'Api', { containers: [] })).toThrow(/containers is empty/);
    });

    test('clashing volume names', () => {
      const { deployment } = deploymentWithTwoContainers();
      new ApiCredentials(deployment, 'Vault', { containers: ['app'], audience: 'vault' });
      expect(() => new ApiCredentials(deployment, 'Vault2', { containers: ['sidecar'], audience: 'vault', mountPath: '/other' }))
        .toThrow(/ApiCredentials 'test\/web\/Vault2': volumeName 'token-vault' is already a volume of the pod/);
    });

    test('clashing mount paths', () => {
      const { deployment } = deploymentWithTwoContainers();
      new ApiCredentials(deployment, 'Vault', { containers: ['app'], audience: 'vault', mountPath: '/secrets' });
      expect(() => new ApiCredentials(deployment, 'Other', { containers: ['app'], audience: 'other', mountPath: '/secrets/' }))
        .toThrow(/ApiCredentials 'test\/web\/Other': mountPath '\/secrets\/' is already mounted in container 'app' \(volume 'token-vault'\)/);
    });

    test('a reserved automount volume name', () => {
      const { deployment } = deploymentWithTwoContainers();
      expect(() => new ApiCredentials(deployment, 'Api', { containers: ['app'], volumeName: 'kube-api-access-x1' })).toThrow(/volumeName 'kube-api-access-x1' is reserved/);
    });

    test('a workload that still automounts', () => {
      const chart = newChart();
      const deployment = new kplus.Deployment(chart, 'web', { automountServiceAccountToken: true, containers: [{ name: 'app', image: 'app:1.0' }] });
      expect(() => new ApiCredentials(deployment, 'Api', { containers: ['app'] })).toThrow(/automountServiceAccountToken of the workload is true/);
    });
  });
});
