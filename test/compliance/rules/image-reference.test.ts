import { pod } from './pss/pods';
import { imageDigestRule } from '../../../src/compliance/rules/hardening/image-digest';
import { imageTagRule } from '../../../src/compliance/rules/hardening/image-tag';
import { FLOATING_TAGS, isFloatingTag, parseImageReference } from '../../../src/compliance/rules/image-reference';
import { check } from '../rule-harness';

describe('image references', () => {
  test.each([
    ['nginx', {}],
    ['nginx:1.27.2', { tag: '1.27.2' }],
    ['nginx@sha256:abc', { digest: 'sha256:abc' }],
    ['nginx:1.27.2@sha256:abc', { tag: '1.27.2', digest: 'sha256:abc' }],
    ['registry.local:5000/team/app', {}],
    ['registry.local:5000/team/app@sha256:abc', { digest: 'sha256:abc' }],
    ['@sha256:abc', { digest: 'sha256:abc' }],
    ['nginx:', {}],
    ['nginx@', {}],
  ])('GIVEN %s THEN the tag and digest are split at the right separators', (image, expected) => {
    expect(parseImageReference(image)).toEqual({ tag: undefined, digest: undefined, ...expected });
  });

  test.each([
    ['without an image', { name: 'app' }],
    ['with an empty image', { name: 'app', image: '' }],
    ['with a non-string image', { name: 'app', image: 42 }],
  ])('GIVEN a container %s THEN the image rules leave it to schema validation and report nothing', (_, container) => {
    const manifests = [pod({ containers: [container] })];
    expect(check(imageTagRule, manifests)).toEqual([]);
    expect(check(imageDigestRule, manifests)).toEqual([]);
  });
});

describe('isFloatingTag', () => {
  test('GIVEN channel and branch tags, alone or with a variant without a version THEN floating; pinned builds and versions THEN not', () => {
    expect(FLOATING_TAGS).toEqual(expect.arrayContaining(['latest', 'main', 'master', 'edge', 'nightly', 'dev']));
    for (const tag of ['latest', 'MAIN', 'edge', 'stable-alpine', 'lts-bookworm-slim']) expect(`${tag} ${isFloatingTag(tag)}`).toBe(`${tag} true`);
    for (const tag of ['1.27.2', 'main-3f2a1b9', 'nightly-2024-06-01', 'v1-dev', 'development-2']) expect(`${tag} ${isFloatingTag(tag)}`).toBe(`${tag} false`);
  });
});
