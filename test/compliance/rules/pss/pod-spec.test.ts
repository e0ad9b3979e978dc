import { check, pod } from './pods';
import { ManifestIndex } from '../../../../src/compliance/manifest-index';
import { asObject, describeContainer, podViolation, pointerSegment } from '../../../../src/compliance/rules/pss/pod-spec';
import { privilegedRule } from '../../../../src/compliance/rules/pss/privileged';

describe('pss pod-spec helpers', () => {
  test('GIVEN a segment with ~ and / THEN pointerSegment escapes both as RFC 6901 says', () => {
    expect(pointerSegment('a~b/c')).toBe('a~0b~1c');
    expect(pointerSegment(3)).toBe('3');
  });

  test('GIVEN null, an array or a scalar THEN asObject returns undefined; GIVEN an object THEN the object', () => {
    const object = { a: 1 };
    expect(asObject(object)).toBe(object);
    expect(asObject(null)).toBeUndefined();
    expect(asObject([1])).toBeUndefined();
    expect(asObject('text')).toBeUndefined();
    expect(asObject(undefined)).toBeUndefined();
  });

  test('GIVEN init, regular and ephemeral containers THEN describeContainer names each kind', () => {
    const index = new ManifestIndex([{ manifest: pod({ initContainers: [{ name: 'i' }], containers: [{ name: 'c' }], ephemeralContainers: [{ name: 'e' }] }) }]);
    expect(index.podSpecs[0].containers.map(describeContainer)).toEqual(["init container 'i'", "container 'c'", "ephemeral container 'e'"]);
  });

  test('GIVEN an ephemeral container finding THEN the message says ephemeral container', () => {
    const [violation] = check(privilegedRule, [pod({ containers: [], ephemeralContainers: [{ name: 'debug', securityContext: { privileged: true } }] })]);
    expect(violation.message).toBe("The ephemeral container 'debug' sets securityContext.privileged: true; remove it or set it to false.");
  });

  test('GIVEN no target THEN podViolation leaves the target key out', () => {
    const index = new ManifestIndex([{ manifest: pod({ containers: [] }) }]);
    expect(podViolation(index.podSpecs[0], '/spec/x', 'm')).toStrictEqual({ objectIndex: 0, path: '/spec/x', message: 'm' });
    expect(podViolation(index.podSpecs[0], '/spec/x', 'm', 't')).toStrictEqual({ objectIndex: 0, path: '/spec/x', message: 'm', target: 't' });
  });
});
