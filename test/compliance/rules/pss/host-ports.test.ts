import { pod } from './pods';
import { hostPortsRule } from '../../../../src/compliance/rules/pss/host-ports';
import { check, paths } from '../../rule-harness';

describe('pss/host-ports', () => {
  test('GIVEN a container port with hostPort 8080 THEN that port is reported', () => {
    const violations = check(hostPortsRule, [pod({
      initContainers: [{ name: 'init', ports: [{ containerPort: 9000, hostPort: 9000 }] }],
      containers: [{ name: 'app', ports: [{ containerPort: 80 }, { containerPort: 8080, hostPort: 8080 }] }],
    })]);
    expect(paths(violations)).toEqual(['/spec/initContainers/0/ports/0/hostPort', '/spec/containers/0/ports/1/hostPort']);
    expect(violations[1]).toMatchObject({ target: 'app', message: expect.stringContaining('host port 8080') });
  });

  test('GIVEN hostPort 0 or unset THEN nothing is reported', () => {
    expect(check(hostPortsRule, [pod({ containers: [{ name: 'app', ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 81 }] }] })])).toEqual([]);
  });

  test('GIVEN hostPort null and a malformed port entry THEN nothing is reported and nothing crashes', () => {
    expect(check(hostPortsRule, [pod({ containers: [{ name: 'app', ports: [null, 'http', { containerPort: 80, hostPort: null }] }] })])).toEqual([]);
  });
});
