import { resourcesRule } from '../../../../src/compliance/rules/hardening/resources';
import { check, paths, runRule } from '../../rule-harness';
import { deployment, pod } from '../pss/pods';

describe('hardening/resources', () => {
  test('GIVEN a container without resources THEN cpu request, memory request and memory limit are reported on its resources; a CPU limit is not required', () => {
    const violations = check(resourcesRule, [deployment({ containers: [{ name: 'app' }] })]);
    expect(paths(violations)).toEqual([
      '/spec/template/spec/containers/0/resources',
      '/spec/template/spec/containers/0/resources',
      '/spec/template/spec/containers/0/resources',
    ]);
    expect(violations.every(v => v.target === 'app')).toBe(true);
    expect(violations.map(v => v.grouping?.item)).toEqual(['resources.requests.cpu', 'resources.requests.memory', 'resources.limits.memory']);
    expect(violations[0].message).toBe("The container 'app' does not set resources.requests.cpu.");
  });

  test('GIVEN a container without resources WHEN the engine reports THEN one finding on the container\'s resources lists the three fields', () => {
    const findings = runRule('hardening/resources', [deployment({ containers: [{ name: 'app' }, { name: 'proxy', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] })]);
    expect(findings.map((f) => [f.path, f.target, f.message])).toEqual([
      ['/spec/template/spec/containers/0/resources', 'app', "The container 'app' does not set resources.requests.cpu, resources.requests.memory, resources.limits.memory."],
      ['/spec/template/spec/containers/1/resources', 'proxy', "The container 'proxy' does not set resources.limits.memory."],
    ]);
  });

  test.each([
    ['null', null],
    ['an empty string', ''],
  ])('GIVEN a quantity that is %s THEN it counts as unset', (_, quantity) => {
    const violations = check(resourcesRule, [pod({ containers: [{ name: 'app', resources: { requests: { cpu: quantity, memory: '16Mi' }, limits: { memory: '16Mi' } } }] })]);
    expect(violations.map((v) => [v.path, v.grouping?.item])).toEqual([['/spec/containers/0/resources', 'resources.requests.cpu']]);
  });

  test('GIVEN requests but no memory limit on an init container THEN only the memory limit is reported', () => {
    expect(check(resourcesRule, [pod({
      initContainers: [{ name: 'init', resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
      containers: [{ name: 'app', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '16Mi' } } }],
    })]).map((v) => [v.path, v.message])).toEqual([['/spec/initContainers/0/resources', "The init container 'init' does not set resources.limits.memory."]]);
  });

  test('GIVEN limits only THEN requests default to the limits and it passes', () => {
    expect(check(resourcesRule, [pod({ containers: [{ name: 'app', resources: { limits: { cpu: '1', memory: '1Gi' } } }] })])).toEqual([]);
  });

  test('GIVEN pod-level resources THEN containers without their own pass', () => {
    expect(check(resourcesRule, [pod({ resources: { requests: { cpu: '1' }, limits: { memory: '1Gi' } }, containers: [{ name: 'app' }] })])).toEqual([]);
  });

  test('GIVEN an ephemeral container without resources THEN it is skipped (the API forbids resources there)', () => {
    expect(check(resourcesRule, [pod({ containers: [], ephemeralContainers: [{ name: 'debug' }] })])).toEqual([]);
  });
});
