import { deployment } from './pods';
import { hostPathRule } from '../../../../src/compliance/rules/pss/host-path';
import { check, paths } from '../../rule-harness';

describe('pss/host-path', () => {
  test('GIVEN a hostPath volume THEN the hostPath field is reported with the volume name as target', () => {
    const violations = check(hostPathRule, [deployment({
      containers: [{ name: 'app' }],
      volumes: [{ name: 'cache', emptyDir: {} }, { name: 'docker', hostPath: { path: '/var/run/docker.sock' } }],
    })]);
    expect(paths(violations)).toEqual(['/spec/template/spec/volumes/1/hostPath']);
    expect(violations[0]).toMatchObject({ target: 'docker', message: expect.stringContaining('/var/run/docker.sock') });
  });

  test('GIVEN only emptyDir, configMap and secret volumes THEN nothing is reported', () => {
    expect(check(hostPathRule, [deployment({
      containers: [{ name: 'app' }],
      volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', configMap: { name: 'c' } }, { name: 'd', secret: { secretName: 's' } }],
    })])).toEqual([]);
  });

  test('GIVEN a hostPath volume without a name or path THEN the volume is named by position and the message has no path', () => {
    const violations = check(hostPathRule, [deployment({ containers: [{ name: 'app' }], volumes: [{ name: 'a', emptyDir: {} }, { hostPath: {} }] })]);
    expect(violations).toEqual([{
      objectIndex: 0,
      path: '/spec/template/spec/volumes/1/hostPath',
      message: "Volume '#1' is a hostPath volume; use an emptyDir, ConfigMap, Secret, projected volume or PersistentVolumeClaim instead.",
    }]);
    expect('target' in violations[0]).toBe(false);
  });

  test('GIVEN a non-string volume name THEN there is no target and the volume is named by position', () => {
    const [violation] = check(hostPathRule, [deployment({ containers: [], volumes: [{ name: 42, hostPath: { path: '/etc' } }] })]);
    expect(violation.target).toBeUndefined();
    expect(violation.message).toContain("Volume '#0' is a hostPath volume (/etc)");
  });

  test('GIVEN malformed volumes and a scalar hostPath THEN the scalar is reported and nothing crashes', () => {
    expect(paths(check(hostPathRule, [deployment({ containers: [], volumes: [null, 'cache', { name: 'odd', hostPath: true }] })])))
      .toEqual(['/spec/template/spec/volumes/2/hostPath']);
  });

  test('GIVEN hostPath null THEN it counts as unset', () => {
    expect(check(hostPathRule, [deployment({ containers: [], volumes: [{ name: 'a', hostPath: null, emptyDir: {} }] })])).toEqual([]);
  });
});
