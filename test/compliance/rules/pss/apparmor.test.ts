import { deployment, pod } from './pods';
import { appArmorRule } from '../../../../src/compliance/rules/pss/apparmor';
import { check, paths } from '../../rule-harness';

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

  test('GIVEN appArmorProfile without a type on a container THEN it is reported as (unset) with what to set', () => {
    const violations = check(appArmorRule, [pod({ containers: [{ name: 'app', securityContext: { appArmorProfile: {} } }] })]);
    expect(violations).toEqual([{
      objectIndex: 0,
      path: '/spec/containers/0/securityContext/appArmorProfile/type',
      message: 'The container \'app\' sets securityContext.appArmorProfile.type "(unset)"; set it to RuntimeDefault or Localhost, or remove it.',
      target: 'app',
    }]);
  });

  test('GIVEN a forbidden annotation THEN the message names the annotation, its value and both fixes', () => {
    const [violation] = check(appArmorRule, [pod({ containers: [{ name: 'app' }] }, {
      annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' },
    })]);
    expect(violation.message).toBe('Annotation container.apparmor.security.beta.kubernetes.io/app: "unconfined" overrides the default AppArmor profile; '
      + "use 'runtime/default' or a 'localhost/<profile>' profile, or set securityContext.appArmorProfile.type to RuntimeDefault or Localhost instead.");
  });

  test('GIVEN AppArmor annotations that are empty, null or undefined THEN they count as unset and pass', () => {
    expect(check(appArmorRule, [pod({ containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }, {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/a': '',
        'container.apparmor.security.beta.kubernetes.io/b': null,
        'container.apparmor.security.beta.kubernetes.io/c': undefined,
      },
    })])).toEqual([]);
  });

  test('GIVEN a non-string AppArmor annotation value THEN it is reported instead of crashing', () => {
    expect(paths(check(appArmorRule, [pod({ containers: [{ name: 'app' }] }, {
      annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 42 },
    })]))).toEqual(['/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app']);
  });

  test('GIVEN a Deployment whose template metadata is not a map THEN the field checks still run and nothing crashes', () => {
    const manifest = deployment({ securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [{ name: 'app' }] });
    manifest.spec.template.metadata = 'oops';
    expect(paths(check(appArmorRule, [manifest]))).toEqual(['/spec/template/spec/securityContext/appArmorProfile/type']);
  });
});
