import { check, deployment, paths } from './pods';
import { hostPathRule } from '../../../../src/compliance/rules/pss/host-path';

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
});
