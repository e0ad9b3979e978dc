import { imageTagRule } from '../../../../src/compliance/rules/hardening/image-tag';
import { check, paths } from '../../rule-harness';
import { pod } from '../pss/pods';

describe('hardening/image-tag', () => {
  test('GIVEN :latest, an untagged image and a registry port without tag THEN each is reported at /image', () => {
    const violations = check(imageTagRule, [pod({
      initContainers: [{ name: 'init', image: 'busybox' }],
      containers: [{ name: 'app', image: 'nginx:latest' }, { name: 'side', image: 'registry.local:5000/team/side' }],
    })]);
    expect(paths(violations)).toEqual(['/spec/initContainers/0/image', '/spec/containers/0/image', '/spec/containers/1/image']);
    expect(violations[0].message).toContain('without a tag');
    expect(violations[1].message).toContain('with the :latest tag');
  });

  test('GIVEN a version tag, a digest, or latest pinned by digest THEN nothing is reported', () => {
    expect(check(imageTagRule, [pod({
      containers: [
        { name: 'a', image: 'nginx:1.27.2' },
        { name: 'b', image: 'registry.local:5000/app@sha256:abc' },
        { name: 'c', image: 'nginx:latest@sha256:abc' },
      ],
    })])).toEqual([]);
  });
});
