import type { Manifest } from '../../src/k8s/manifest';
import { deployment, projectedTokenVolume, role, securePodSpec, serviceAccount } from '../compliance/helpers';
import { runRule } from '../compliance/rule-harness';

/**
 * Boundary cases of the token rules, the manifest index and the engine's input checks that
 * mutation testing showed no other test pinned down: each test fails if the condition it names
 * is inverted, dropped or widened.
 */

const SA = serviceAccount('web');

function cronJob(podSpec: Record<string, any>, templateMetadata: Record<string, any>): Manifest {
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: templateMetadata, spec: podSpec } } } } };
}

describe('the pod metadata each workload kind carries (read by annotation-based rules)', () => {
  const unconfined = { annotations: { 'container.apparmor.security.beta.kubernetes.io/main': 'unconfined' } };

  test.each([
    ['CronJob', cronJob(securePodSpec(), unconfined), '/spec/jobTemplate/spec/template/metadata/annotations/'],
    ['PodTemplate', { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { metadata: unconfined, spec: securePodSpec() } }, '/template/metadata/annotations/'],
    ['Deployment', { ...deployment('d', securePodSpec()), spec: { selector: {}, template: { metadata: unconfined, spec: securePodSpec() } } }, '/spec/template/metadata/annotations/'],
    ['Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...unconfined }, spec: securePodSpec() }, '/metadata/annotations/'],
  ])('%s: the AppArmor annotation of its pod template is found', (_, manifest, path) => {
    const findings = runRule('pss/apparmor', [manifest, SA]);
    expect(findings.map((f) => f.path)).toEqual([`${path}container.apparmor.security.beta.kubernetes.io~1main`]);
  });

  test('a Deployment does not read its own metadata as pod metadata', () => {
    const manifest = { ...deployment('d', securePodSpec()), metadata: { name: 'd', ...unconfined } };
    expect(runRule('pss/apparmor', [manifest, SA])).toEqual([]);
  });
});

describe('which ServiceAccount a pod runs as', () => {
  test.each([
    [{ serviceAccount: 'default', serviceAccountName: undefined }, ['/spec/template/spec/serviceAccount']],
    [{ serviceAccountName: 'default' }, ['/spec/template/spec/serviceAccountName']],
    [{ serviceAccountName: undefined }, ['/spec/template/spec/serviceAccountName']],
    [{ serviceAccountName: '', serviceAccount: 'web' }, []],
    [{ serviceAccountName: '', serviceAccount: '' }, ['/spec/template/spec/serviceAccountName']],
  ])('%j: token/default-service-account paths %j', (fields: Record<string, string | undefined>, paths) => {
    const spec = { ...securePodSpec(), ...fields };
    for (const key of Object.keys(fields)) if (fields[key] === undefined) delete spec[key];
    expect(runRule('token/default-service-account', [deployment('d', spec), SA]).map((f) => f.path)).toEqual(paths);
  });

  test('a missing ServiceAccount is named with its namespace (default when the workload has none) and the field used', () => {
    const [inDefault] = runRule('token/service-account-exists', [deployment('d', securePodSpec({ serviceAccountName: 'ghost' }))]);
    expect(inDefault.message).toBe("ServiceAccount 'ghost' is not defined in namespace 'default' of the input. Add it, or fix serviceAccountName.");
    expect(inDefault.path).toBe('/spec/template/spec/serviceAccountName');
    const legacy = securePodSpec({ serviceAccount: 'ghost' });
    delete legacy.serviceAccountName;
    const [viaLegacyField] = runRule('token/service-account-exists', [deployment('d', legacy, 'ops')]);
    expect(viaLegacyField.message).toContain("namespace 'ops'");
    expect(viaLegacyField.path).toBe('/spec/template/spec/serviceAccount');
  });

  test('a ServiceAccount without a namespace and a pod in namespace default (or the reverse) are the same account', () => {
    const saWithoutNamespace = serviceAccount('web');
    const saInDefault = serviceAccount('web', { automountServiceAccountToken: false }, 'default');
    const podSpec = securePodSpec({ containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] });
    delete podSpec.automountServiceAccountToken;
    // The pod-level field is unset, so the ServiceAccount decides: false in both pairings.
    expect(runRule('token/sidecar-exposure', [deployment('d', podSpec, 'default'), saWithoutNamespace])).toEqual([]);
    expect(runRule('token/sidecar-exposure', [deployment('d', podSpec), saInDefault])).toEqual([]);
    expect(runRule('token/sidecar-exposure', [deployment('d', podSpec, 'other'), saInDefault]).map((f) => f.target)).toEqual(['automount']);
  });
});

describe('token rule messages and edges', () => {
  test('automount on a ServiceAccount: explicit true and unset get their own message', () => {
    const findings = runRule('token/automount-service-account', [serviceAccount('on', { automountServiceAccountToken: true }), serviceAccount('unset', {})]);
    expect(findings.map((f) => f.message)).toEqual([
      'The ServiceAccount sets automountServiceAccountToken: true. Set it to false.',
      expect.stringMatching(/^The ServiceAccount does not set automountServiceAccountToken \(Kubernetes defaults to true\)/),
    ]);
  });

  test('a legacy token Secret names its ServiceAccount when annotated', () => {
    const secret = (annotations?: Record<string, string>): Manifest => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', ...(annotations ? { annotations } : {}) }, type: 'kubernetes.io/service-account-token' });
    const [named] = runRule('token/legacy-token-secret', [secret({ 'kubernetes.io/service-account.name': 'builder' })]);
    const [anonymous] = runRule('token/legacy-token-secret', [secret()]);
    expect(named.message).toMatch(/^Secret of type kubernetes.io\/service-account-token is a long-lived API token for ServiceAccount 'builder'\. /);
    expect(anonymous.message).toMatch(/^Secret of type kubernetes.io\/service-account-token is a long-lived API token\. /);
  });

  test.each([
    [{ expirationSeconds: null }, 1800, / \(unset, so Kubernetes uses 3600\)/],
    [{}, 1800, / \(unset, so Kubernetes uses 3600\)/],
    [{ expirationSeconds: 3000 }, 1800, /^(?!.*unset)/],
    [{ expirationSeconds: '900' }, 3600, /./],
    [{ expirationSeconds: 900.5 }, 3600, /./],
  ])('projected TTL %j with a maximum of %d s is reported', (token, max, message) => {
    const pod = securePodSpec({ volumes: [projectedTokenVolume('t', { audience: 'vault', ...token })] });
    pod.containers = [{ name: 'main', image: 'nginx:1.27', volumeMounts: [{ name: 't', mountPath: '/t' }] }];
    const findings = runRule('token/projected-ttl', [deployment('d', pod), SA], { maxTokenTtlSeconds: max });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(message);
    expect(findings[0].message).toMatch(/^Projected token in volume 't'/);
  });

  test('an API-audience token (no, null or empty audience) of an account without permissions is unnecessary; another audience is not', () => {
    const podWith = (audience: unknown) => {
      const spec = securePodSpec({ volumes: [projectedTokenVolume('t', audience === undefined ? {} : { audience })] });
      spec.containers = [{ name: 'main', image: 'nginx:1.27', volumeMounts: [null, { name: 't', mountPath: '/t' }] }];
      return deployment('d', spec);
    };
    for (const audience of [undefined, null, '']) {
      const [finding] = runRule('token/unnecessary-token', [podWith(audience), SA]);
      expect(finding.message).toBe("Volume 't' projects an API server token, but ServiceAccount 'web' holds no permission in the input beyond what every account holds. Remove the projection, or give it the audience of the service that consumes it.");
    }
    expect(runRule('token/unnecessary-token', [podWith('vault'), SA])).toEqual([]);
    const bound = [role('r', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]), {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'web' }],
    }];
    expect(runRule('token/unnecessary-token', [podWith(undefined), SA, ...bound])).toEqual([]);
    const emptyRole = [role('r', []), bound[1]];
    expect(runRule('token/unnecessary-token', [podWith(undefined), SA, ...emptyRole])).toHaveLength(1);
  });

  test('an automounted token of an account without permissions is unnecessary', () => {
    const spec = { ...securePodSpec(), automountServiceAccountToken: true };
    const [finding] = runRule('token/unnecessary-token', [deployment('d', spec), SA]);
    expect(finding.message).toBe("The pod gets an automounted API token, but ServiceAccount 'web' holds no permission in the input beyond what every account holds. Set automountServiceAccountToken: false.");
  });

  test('sidecar exposure: one finding per pod (a volume listed twice reads once), messages name what and where', () => {
    const spec = securePodSpec({ volumes: [projectedTokenVolume('t', {}), projectedTokenVolume('t', {})] });
    spec.initContainers = [{ name: 'init', image: 'busybox:1.36', volumeMounts: [{ name: 'other', mountPath: '/o' }, { name: 't', mountPath: '/t' }] }];
    spec.containers = [
      { name: 'a', image: 'a:1', volumeMounts: [{ name: 't', mountPath: '/t' }] },
      { name: 'b', image: 'b:1', volumeMounts: [{ name: 't', mountPath: '/t' }] },
    ];
    const messages = runRule('token/sidecar-exposure', [deployment('d', spec), SA]).map((f) => f.message);
    expect(messages).toEqual([
      "An API token reaches all 3 containers of the pod: init container 'init' (projected volume 't'), container 'a' (projected volume 't'), container 'b' (projected volume 't'). "
      + 'The rule cannot tell which of them call the API server.',
    ]);
    const automounted = { ...securePodSpec(), automountServiceAccountToken: true, containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] };
    const [auto] = runRule('token/sidecar-exposure', [deployment('d', automounted), SA]);
    expect(auto.message).toMatch(/^An API token reaches all 2 containers of the pod: container 'a' \(automounted\)/);
    expect(auto.path).toBe('/spec/template/spec/automountServiceAccountToken');
  });
});
