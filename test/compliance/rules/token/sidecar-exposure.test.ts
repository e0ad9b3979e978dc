import { deployment, projectedTokenVolume, securePodSpec, serviceAccount } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'token/sidecar-exposure';

const tokenMount = { name: 'api-token', mountPath: '/var/run/secrets/tokens', readOnly: true };

describe(RULE, () => {
  test('GIVEN a projected token mounted only into the container that needs it THEN no finding', () => {
    const spec = securePodSpec({
      volumes: [projectedTokenVolume('api-token', { expirationSeconds: 600 })],
      containers: [{ name: 'manager', image: 'm:1', volumeMounts: [tokenMount] }, { name: 'proxy', image: 'p:1' }],
    });
    expect(runRule(RULE, [deployment('op', spec)])).toEqual([]);
  });

  test('GIVEN the token mounted into every container of a two-container pod THEN a warning targeting the volume', () => {
    const spec = securePodSpec({
      volumes: [projectedTokenVolume('api-token', { expirationSeconds: 600 })],
      containers: [{ name: 'manager', image: 'm:1', volumeMounts: [tokenMount] }, { name: 'proxy', image: 'p:1', volumeMounts: [tokenMount] }],
    });
    expect(runRule(RULE, [deployment('op', spec)])).toMatchObject([
      { severity: 'warning', target: 'api-token', message: expect.stringContaining('all 2 containers (manager, proxy)') },
    ]);
  });

  test('GIVEN the token mounted into an init container THEN a warning targeting that container', () => {
    const spec = securePodSpec({
      volumes: [projectedTokenVolume('api-token', { expirationSeconds: 600 })],
      initContainers: [{ name: 'setup', image: 's:1', volumeMounts: [tokenMount] }],
      containers: [{ name: 'manager', image: 'm:1', volumeMounts: [tokenMount] }],
    });
    expect(runRule(RULE, [deployment('op', spec)])).toMatchObject([{ target: 'setup', path: '/spec/template/spec/initContainers/0' }]);
  });

  test('GIVEN an automounted token (pod unset, ServiceAccount unset) in a pod with an init container and two containers THEN every exposure is reported', () => {
    const { automountServiceAccountToken: _, ...spec } = securePodSpec({
      initContainers: [{ name: 'setup', image: 's:1' }],
      containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }],
    });
    const findings = runRule(RULE, [serviceAccount('web', {}), deployment('web', spec)]);
    expect(findings.map((f) => f.target).sort()).toEqual(['automount', 'setup']);
  });

  test('GIVEN the pod field unset but the ServiceAccount sets false THEN no token is automounted and no finding', () => {
    const { automountServiceAccountToken: _, ...spec } = securePodSpec({ containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] });
    expect(runRule(RULE, [serviceAccount('web'), deployment('web', spec)])).toEqual([]);
  });

  test('GIVEN another container that mounts only other volumes (and a null mount entry) THEN it does not see the token and there is no finding', () => {
    const spec = securePodSpec({
      volumes: [projectedTokenVolume('api-token', { expirationSeconds: 600 }), { name: 'cache', emptyDir: {} }],
      containers: [{ name: 'manager', image: 'm:1', volumeMounts: [tokenMount] }, { name: 'proxy', image: 'p:1', volumeMounts: [null, { name: 'cache', mountPath: '/c' }] }],
    });
    expect(runRule(RULE, [deployment('op', spec)])).toEqual([]);
  });
});
