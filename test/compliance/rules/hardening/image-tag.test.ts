import { imageTagRule } from '../../../../src/compliance/rules/hardening/image-tag';
import { check, paths, runRule } from '../../rule-harness';
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

  test.each(['main', 'master', 'edge', 'nightly', 'dev', 'develop', 'canary', 'stable', 'lts', 'Latest', 'stable-alpine', 'lts-slim'])(
    'GIVEN the floating tag :%s THEN a warning like :latest', (tag) => {
      const [violation] = check(imageTagRule, [pod({ containers: [{ name: 'app', image: `ghcr.io/acme/app:${tag}` }] })]);
      expect(violation).toMatchObject({ path: '/spec/containers/0/image', message: `The container 'app' uses image 'ghcr.io/acme/app:${tag}' with the floating tag :${tag} (it follows a branch or release channel); pin it to a version tag or a digest.` });
    });

  test.each(['main-3f2a1b9', 'nightly-2024-06-01', 'v2.0.0-dev', 'devel0p', 'mainline1', '1.27-alpine'])('GIVEN the pinned tag :%s THEN nothing', (tag) => {
    expect(check(imageTagRule, [pod({ containers: [{ name: 'app', image: `ghcr.io/acme/app:${tag}` }] })])).toEqual([]);
  });

  test('GIVEN a floating tag pinned by digest THEN nothing (the digest decides)', () => {
    expect(check(imageTagRule, [pod({ containers: [{ name: 'app', image: 'ghcr.io/acme/app:main@sha256:abc' }] })])).toEqual([]);
  });

  test('GIVEN the pack THEN a floating tag is a warning, as :latest is', () => {
    expect(runRule('hardening/image-tag', [pod({ containers: [{ name: 'app', image: 'ghcr.io/acme/app:nightly' }] })]).map((f) => f.severity)).toEqual(['warning']);
  });
});
