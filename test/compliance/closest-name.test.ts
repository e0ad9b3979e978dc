import { ClosestName } from '../../src/compliance/closest-name';

describe('ClosestName', () => {
  test('GIVEN a typo THEN the closest known name, case aside', () => {
    expect(ClosestName.of('manger', ['metrics', 'manager', 'init'])).toBe('manager');
    expect(ClosestName.of('Deployment/ops/MANAGER', ['Deployment/ops/manager'])).toBe('Deployment/ops/manager');
    expect(ClosestName.hint('manger', ['manager'])).toBe("; did you mean 'manager'?");
  });

  test('GIVEN nothing close THEN no guess', () => {
    expect(ClosestName.of('zookeeper', ['manager', 'metrics'])).toBeUndefined();
    expect(ClosestName.of('x', [])).toBeUndefined();
    expect(ClosestName.hint('zookeeper', ['manager'])).toBe('');
  });
});
