import { CREDENTIALS_AT_REST } from '../../../../src/compliance/rules/token/credentials-at-rest';
import { deployment, jwt, securePodSpec } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'token/credentials-at-rest';

const SA_TOKEN = jwt({ iss: 'kubernetes/serviceaccount', sub: 'system:serviceaccount:ci:deployer' });
const b64 = (text: string) => Buffer.from(text).toString('base64');

function secret(fields: Record<string, unknown>, type = 'Opaque') {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'ci-creds', namespace: 'ci' }, type, ...fields };
}

const KUBECONFIG = [
  'apiVersion: v1', 'kind: Config',
  'clusters: [{ name: prod, cluster: { server: "https://203.0.113.10:6443" } }]',
  `users: [{ name: deployer, user: { token: "${SA_TOKEN}" } }]`,
  'contexts: [{ name: prod, context: { cluster: prod, user: deployer } }]',
].join('\n');

describe(RULE, () => {
  test('GIVEN a JWT in an Opaque Secret\'s data (base64) THEN an error on that key that says what it is and never prints the value', () => {
    const findings = runRule(RULE, [secret({ data: { token: b64(SA_TOKEN), username: b64('deployer') } })]);
    expect(findings.map((f) => [f.severity, f.path, f.target, f.message])).toEqual([
      ['error', '/data/token', 'token', "The Secret's key 'token' holds a Kubernetes ServiceAccount token for 'ci/deployer' that never expires (no exp claim)."],
    ]);
    for (const part of SA_TOKEN.split('.')) expect(findings[0].message).not.toContain(part);
  });

  test('GIVEN a kubeconfig with a token in stringData, and one in a ConfigMap THEN each is reported on its key', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'deploy-config', namespace: 'ci' }, data: { 'config.yaml': KUBECONFIG, 'retries': '3' } };
    const findings = runRule(RULE, [secret({ stringData: { kubeconfig: KUBECONFIG } }), configMap]);
    expect(findings.map((f) => [f.object.kind, f.path, f.message])).toEqual([
      ['Secret', '/stringData/kubeconfig', "The Secret's key 'kubeconfig' holds a kubeconfig whose user 'deployer' authenticates with a bearer token."],
      ['ConfigMap', '/data/config.yaml', "The ConfigMap's key 'config.yaml' holds a kubeconfig whose user 'deployer' authenticates with a bearer token."],
    ]);
    for (const f of findings) expect(f.message).not.toContain(SA_TOKEN);
  });

  test('GIVEN a JWT in a ConfigMap\'s binaryData and a key with / and ~ THEN the pointer escapes the key', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', namespace: 'ci' }, binaryData: { 'a/b~c': b64(`Bearer ${SA_TOKEN}`) } };
    expect(runRule(RULE, [configMap]).map((f) => [f.path, f.target])).toEqual([['/binaryData/a~1b~0c', 'a/b~c']]);
  });

  test('GIVEN Secrets and ConfigMaps without credentials (passwords, certificates, an exec kubeconfig, data that is not base64) THEN nothing', () => {
    expect(runRule(RULE, [
      secret({ data: { 'password': b64('correct-horse-battery-staple'), 'tls.crt': b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'), 'broken': '%%%' } }),
      secret({ stringData: { kubeconfig: CREDENTIALS_AT_REST.examples.passing[0].stringData.kubeconfig } }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', namespace: 'ci' }, data: { 'app.properties': 'retries=3\ntimeout=10s' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'empty', namespace: 'ci' }, data: null },
      secret({ data: ['not', 'a', 'map'] }),
    ])).toEqual([]);
  });

  test('GIVEN a Secret of type kubernetes.io/service-account-token THEN this rule leaves it to token/legacy-token-secret', () => {
    expect(runRule(RULE, [secret({ data: { token: b64(SA_TOKEN) } }, 'kubernetes.io/service-account-token')])).toEqual([]);
  });

  test('GIVEN hostPath and local PersistentVolumes on the kubelet\'s pod directory or a parent THEN an error on the path; elsewhere nothing', () => {
    const pv = (name: string, source: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage: '1Gi' }, ...source } });
    const findings = runRule(RULE, [
      pv('innocent-cache', { hostPath: { path: '/var/lib/kubelet' } }),
      pv('node-scratch', { local: { path: '/var/lib/kubelet/pods/' } }),
      pv('logs', { hostPath: { path: '/var/log' } }),
      pv('ssd', { local: { path: '/mnt/disks/ssd0' } }),
    ]);
    expect(findings.map((f) => [f.object.name, f.path, f.message])).toEqual([
      ['innocent-cache', '/spec/hostPath/path', "The PersistentVolume's hostPath path /var/lib/kubelet exposes the kubelet's pod directory (/var/lib/kubelet/pods): any claim bound to it reads the token of every pod on the node."],
      ['node-scratch', '/spec/local/path', "The PersistentVolume's local path /var/lib/kubelet/pods/ exposes the kubelet's pod directory (/var/lib/kubelet/pods): any claim bound to it reads the token of every pod on the node."],
    ]);
  });

  test('GIVEN pod volumes on the kubelet\'s pod directory, directly or through a claim bound to such a volume THEN an error on each volume, naming the claim and the volume', () => {
    const spec = securePodSpec({
      volumes: [
        { name: 'pods', hostPath: { path: '/var/lib/kubelet/pods', type: 'Directory' } },
        { name: 'cache', persistentVolumeClaim: { claimName: 'cache' } },
        { name: 'logs', hostPath: { path: '/var/log' } },
      ],
      containers: [{ name: 'agent', image: 'a:1' }],
    });
    const findings = runRule(RULE, [
      deployment('agent', spec, 'ops'),
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'cache', namespace: 'ops' }, spec: { volumeName: 'node-cache' } },
      { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'node-cache' }, spec: { hostPath: { path: '/var/lib' } } },
    ]);
    expect(findings.filter((f) => f.object.kind === 'Deployment').map((f) => [f.path, f.target, f.message])).toEqual([
      ['/spec/template/spec/volumes/0/hostPath/path', 'pods', "Volume 'pods' mounts host path /var/lib/kubelet/pods, which exposes the kubelet's pod directory (/var/lib/kubelet/pods) and the token of every pod on the node."],
      ['/spec/template/spec/volumes/1/persistentVolumeClaim/claimName', 'cache', "Volume 'cache' uses claim 'cache', bound to PersistentVolume 'node-cache' on host path /var/lib, which exposes the kubelet's pod directory (/var/lib/kubelet/pods) and the token of every pod on the node."],
    ]);
    expect(findings.filter((f) => f.object.kind === 'PersistentVolume').map((f) => f.object.name)).toEqual(['node-cache']);
  });
});
