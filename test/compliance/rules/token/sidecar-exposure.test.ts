import { SIDECAR_EXPOSURE } from '../../../../src/compliance/rules/token/sidecar-exposure';
import { deployment, projectedTokenVolume, securePodSpec, serviceAccount } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'token/sidecar-exposure';

const tokenMount = { name: 'api-token', mountPath: '/var/run/secrets/tokens', readOnly: true };
const tokenVolume = projectedTokenVolume('api-token', { expirationSeconds: 600 });

/** A pod spec of the secure kind (no automount) with these containers and the token volume. */
function withToken(fields: Record<string, unknown>): Record<string, any> {
  return securePodSpec({ volumes: [tokenVolume], ...fields });
}

/** The same pod spec without the pod's automount field (the ServiceAccount decides). */
function automounting(fields: Record<string, unknown>): Record<string, any> {
  const { automountServiceAccountToken: _, ...spec } = securePodSpec(fields);
  return spec;
}

describe(RULE, () => {
  test('GIVEN a projected token mounted only into the container that needs it THEN no finding', () => {
    const spec = withToken({ containers: [{ name: 'manager', image: 'm:1', volumeMounts: [tokenMount] }, { name: 'proxy', image: 'p:1' }] });
    expect(runRule(RULE, [deployment('op', spec)])).toEqual([]);
  });

  test('GIVEN the token mounted into every container of a two-container pod THEN one warning on the token that names the holders and says they cannot be told apart', () => {
    const spec = withToken({ containers: [{ name: 'manager', image: 'm:1', volumeMounts: [tokenMount] }, { name: 'proxy', image: 'p:1', volumeMounts: [tokenMount] }] });
    expect(runRule(RULE, [deployment('op', spec)])).toEqual([expect.objectContaining({
      severity: 'warning',
      path: '/spec/template/spec/volumes/0/projected/sources/0/serviceAccountToken',
      target: 'api-token',
      message: "An API token reaches all 2 containers of the pod: container 'manager' (projected volume 'api-token'), container 'proxy' (projected volume 'api-token'). "
        + 'The rule cannot tell which of them call the API server.',
    })]);
  });

  test('GIVEN the token only in an init container (a CNI installer writing a kubeconfig, a pre-start migration) THEN no finding: init containers may need the API', () => {
    const spec = withToken({
      initContainers: [{ name: 'install-cni', image: 'cni:1', volumeMounts: [tokenMount] }],
      containers: [{ name: 'agent', image: 'agent:1' }],
    });
    expect(runRule(RULE, [deployment('cni', spec)])).toEqual([]);
  });

  test('GIVEN the token in an init container and the network-facing container THEN one finding names both by role, and nothing says init containers never need it', () => {
    const spec = withToken({
      initContainers: [{ name: 'migrate', image: 'migrate:1', volumeMounts: [tokenMount] }],
      containers: [{ name: 'server', image: 'server:1', volumeMounts: [tokenMount] }],
    });
    const findings = runRule(RULE, [deployment('app', spec)]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain("init container 'migrate' (projected volume 'api-token'), container 'server' (projected volume 'api-token')");
    expect(`${findings[0].message} ${SIDECAR_EXPOSURE.rationale} ${SIDECAR_EXPOSURE.remediation}`).not.toMatch(/[Ii]nit containers (rarely|never)/);
  });

  test('GIVEN the rule THEN its remedy names the library\'s way: apiAccess.containers and harden --token-containers', () => {
    expect(SIDECAR_EXPOSURE.remediation).toContain('`apiAccess.containers`');
    expect(SIDECAR_EXPOSURE.remediation).toContain('cdk8s-guardrails harden --token-containers');
  });

  test('GIVEN an automounted token (pod unset, ServiceAccount unset) in a pod with an init container and two containers THEN one finding on the automount field names all three by role', () => {
    const spec = automounting({ initContainers: [{ name: 'setup', image: 's:1' }], containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] });
    const findings = runRule(RULE, [serviceAccount('web', {}), deployment('web', spec)]);
    expect(findings.map((f) => [f.path, f.target])).toEqual([['/spec/template/spec/automountServiceAccountToken', 'automount']]);
    expect(findings[0].message).toBe("An API token reaches all 3 containers of the pod: init container 'setup' (automounted), container 'a' (automounted), container 'b' (automounted). "
      + 'The rule cannot tell which of them call the API server.');
  });

  test('GIVEN an automounted token in a single-container pod THEN no finding (token/unnecessary-token judges whether it is needed)', () => {
    expect(runRule(RULE, [serviceAccount('web', {}), deployment('web', automounting({}))])).toEqual([]);
  });

  test('GIVEN the pod field unset but the ServiceAccount sets false THEN no token is automounted and no finding', () => {
    const spec = automounting({ containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] });
    expect(runRule(RULE, [serviceAccount('web'), deployment('web', spec)])).toEqual([]);
  });

  test('GIVEN two token volumes, one per container THEN every container holds a token: one finding naming both volumes', () => {
    const spec = securePodSpec({
      volumes: [projectedTokenVolume('manager-token', {}), projectedTokenVolume('proxy-token', {})],
      containers: [
        { name: 'manager', image: 'm:1', volumeMounts: [{ name: 'manager-token', mountPath: '/t' }] },
        { name: 'proxy', image: 'p:1', volumeMounts: [{ name: 'proxy-token', mountPath: '/t' }] },
      ],
    });
    const findings = runRule(RULE, [deployment('op', spec)]);
    expect(findings.map((f) => [f.path, f.target])).toEqual([['/spec/template/spec/volumes/0/projected/sources/0/serviceAccountToken', 'manager-token']]);
    expect(findings[0].message).toContain("container 'manager' (projected volume 'manager-token'), container 'proxy' (projected volume 'proxy-token')");
  });

  test('GIVEN tokens for another audience in every container THEN no finding: they are not API credentials', () => {
    const vault = { name: 'vault-token', mountPath: '/v' };
    const spec = securePodSpec({
      volumes: [projectedTokenVolume('vault-token', { audience: 'vault' })],
      containers: [{ name: 'a', image: 'a:1', volumeMounts: [vault] }, { name: 'b', image: 'b:1', volumeMounts: [vault] }],
    });
    expect(runRule(RULE, [deployment('op', spec)])).toEqual([]);
  });

  test('GIVEN a token whose audience is the API server\'s own in every container THEN it is an API token and reported', () => {
    const spec = securePodSpec({
      volumes: [projectedTokenVolume('api-token', { audience: 'https://kubernetes.default.svc' })],
      containers: [{ name: 'a', image: 'a:1', volumeMounts: [tokenMount] }, { name: 'b', image: 'b:1', volumeMounts: [tokenMount] }],
    });
    expect(runRule(RULE, [deployment('op', spec)])).toHaveLength(1);
  });

  test('GIVEN the second container mounts only ca.crt of the token volume (subPath) THEN it does not hold the token and there is no finding', () => {
    const spec = withToken({
      containers: [
        { name: 'manager', image: 'm:1', volumeMounts: [tokenMount] },
        { name: 'proxy', image: 'p:1', volumeMounts: [{ name: 'api-token', mountPath: '/etc/ca.crt', subPath: 'ca.crt' }] },
      ],
    });
    expect(runRule(RULE, [deployment('op', spec)])).toEqual([]);
  });

  test('GIVEN shareProcessNamespace and the token in one of two containers THEN one finding on shareProcessNamespace: the other can read it through /proc', () => {
    const spec = withToken({
      shareProcessNamespace: true,
      containers: [{ name: 'manager', image: 'm:1', volumeMounts: [tokenMount] }, { name: 'debug-shell', image: 'busybox:1.36' }],
    });
    const findings = runRule(RULE, [deployment('op', spec)]);
    expect(findings.map((f) => [f.path, f.target])).toEqual([['/spec/template/spec/shareProcessNamespace', 'shareProcessNamespace']]);
    expect(findings[0].message).toBe("container 'manager' holds an API token, and container 'debug-shell' can read it through /proc/<pid>/root of the shared process namespace "
      + "(unless it runs as another user without CAP_SYS_PTRACE, which the manifest does not settle): container 'debug-shell' (from 'manager' through the shared process namespace).");
  });

  test('GIVEN shareProcessNamespace and the token in a run-to-completion init container only THEN no finding: it never runs beside the others', () => {
    const spec = withToken({
      shareProcessNamespace: true,
      initContainers: [{ name: 'register', image: 'r:1', volumeMounts: [tokenMount] }],
      containers: [{ name: 'app', image: 'a:1' }],
    });
    expect(runRule(RULE, [deployment('op', spec)])).toEqual([]);
  });

  test('GIVEN shareProcessNamespace and the token in a native sidecar (init container with restartPolicy Always) THEN the regular container can read it: reported', () => {
    const spec = withToken({
      shareProcessNamespace: true,
      initContainers: [{ name: 'proxy', image: 'p:1', restartPolicy: 'Always', volumeMounts: [tokenMount] }],
      containers: [{ name: 'app', image: 'a:1' }],
    });
    const findings = runRule(RULE, [deployment('op', spec)]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^sidecar 'proxy' holds an API token, and container 'app' can read it/);
  });

  test('GIVEN an ephemeral container that targets the token holder THEN it shares that process namespace: reported on its targetContainerName', () => {
    const spec = withToken({
      containers: [{ name: 'manager', image: 'm:1', volumeMounts: [tokenMount] }],
      ephemeralContainers: [{ name: 'debugger', image: 'busybox:1.36', targetContainerName: 'manager' }],
    });
    const findings = runRule(RULE, [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'op' }, spec }]);
    expect(findings.map((f) => [f.path, f.target])).toEqual([['/spec/ephemeralContainers/0/targetContainerName', 'debugger']]);
  });

  test('GIVEN another container that mounts only other volumes (and a null mount entry) THEN it does not see the token and there is no finding', () => {
    const spec = securePodSpec({
      volumes: [tokenVolume, { name: 'cache', emptyDir: {} }],
      containers: [{ name: 'manager', image: 'm:1', volumeMounts: [tokenMount] }, { name: 'proxy', image: 'p:1', volumeMounts: [null, { name: 'cache', mountPath: '/c' }] }],
    });
    expect(runRule(RULE, [deployment('op', spec)])).toEqual([]);
  });
});
