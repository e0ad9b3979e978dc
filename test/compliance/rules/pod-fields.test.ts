import { pod } from './pss/pods';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { asObject, describeContainer, isUnset, podMetadataPath } from '../../../src/compliance/rules/pod-fields';
import { privilegedRule } from '../../../src/compliance/rules/pss/privileged';
import { check } from '../rule-harness';

describe('pod-fields: the shared readers of pod and container fields', () => {
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

  test('GIVEN null or undefined THEN isUnset; GIVEN false, 0 or an empty string THEN set', () => {
    expect([null, undefined].map(isUnset)).toEqual([true, true]);
    expect([false, 0, ''].map(isUnset)).toEqual([false, false, false]);
  });

  test('GIVEN a Pod and a Deployment THEN podMetadataPath points at the Pod\'s metadata and the template\'s metadata', () => {
    const index = new ManifestIndex([{ manifest: pod({ containers: [] }) }]);
    expect(podMetadataPath(index.podSpecs[0])).toBe('/metadata');
    const deployment = new ManifestIndex([{ manifest: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers: [] } } } } }]);
    expect(podMetadataPath(deployment.podSpecs[0])).toBe('/spec/template/metadata');
  });
});
