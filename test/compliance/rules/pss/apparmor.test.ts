import { check, deployment, paths, pod } from './pods';
import { appArmorRule } from '../../../../src/compliance/rules/pss/apparmor';

describe('pss/apparmor', () => {
  test('GIVEN appArmorProfile Unconfined on the pod and a container THEN both type fields are reported', () => {
    const violations = check(appArmorRule, [pod({
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
      containers: [{ name: 'app', securityContext: { appArmorProfile: { type: 'Unconfined' } } }],
    })]);
    expect(paths(violations)).toEqual(['/spec/securityContext/appArmorProfile/type', '/spec/containers/0/securityContext/appArmorProfile/type']);
    expect(violations[0].message).toContain('RuntimeDefault or Localhost');
  });

  test('GIVEN an unconfined AppArmor annotation on a Deployment template THEN the annotation is reported with an escaped pointer', () => {
    const violations = check(appArmorRule, [deployment({ containers: [{ name: 'app' }] }, {
      annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' },
    })]);
    expect(paths(violations)).toEqual(['/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app']);
    expect(violations[0].target).toBe('app');
  });

  test('GIVEN RuntimeDefault, Localhost, runtime/default and localhost/* THEN nothing is reported', () => {
    expect(check(appArmorRule, [deployment({
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-app' } } }, { name: 'b' }],
    }, {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/app': 'localhost/k8s-app',
        'container.apparmor.security.beta.kubernetes.io/b': 'runtime/default',
      },
    })])).toEqual([]);
  });
});
