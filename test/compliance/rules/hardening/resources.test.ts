import { resourcesRule } from '../../../../src/compliance/rules/hardening/resources';
import { check, paths } from '../../rule-harness';
import { deployment, pod } from '../pss/pods';

describe('hardening/resources', () => {
  test('GIVEN a container without resources THEN cpu request, memory request and memory limit are reported; a CPU limit is not required', () => {
    const violations = check(resourcesRule, [deployment({ containers: [{ name: 'app' }] })]);
    expect(paths(violations)).toEqual([
      '/spec/template/spec/containers/0/resources/requests/cpu',
      '/spec/template/spec/containers/0/resources/requests/memory',
      '/spec/template/spec/containers/0/resources/limits/memory',
    ]);
    expect(violations.every(v => v.target === 'app')).toBe(true);
    expect(violations.map(v => v.message)).toEqual([
      "The container 'app' does not set resources.requests.cpu; set it.",
      "The container 'app' does not set resources.requests.memory; set it.",
      "The container 'app' does not set resources.limits.memory; set it (a memory limit protects the node from one container exhausting its memory).",
    ]);
  });

  test.each([
    ['null', null],
    ['an empty string', ''],
  ])('GIVEN a quantity that is %s THEN it counts as unset', (_, quantity) => {
    const violations = check(resourcesRule, [pod({ containers: [{ name: 'app', resources: { requests: { cpu: quantity, memory: '16Mi' }, limits: { memory: '16Mi' } } }] })]);
    expect(paths(violations)).toEqual(['/spec/containers/0/resources/requests/cpu']);
  });

  test('GIVEN requests but no memory limit on an init container THEN only the memory limit is reported', () => {
    expect(paths(check(resourcesRule, [pod({
      initContainers: [{ name: 'init', resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
      containers: [{ name: 'app', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '16Mi' } } }],
    })]))).toEqual(['/spec/initContainers/0/resources/limits/memory']);
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
