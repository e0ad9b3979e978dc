import { HARDENING_RULES } from '../../../../src/compliance/rules';
import { imageDigestRule } from '../../../../src/compliance/rules/hardening/image-digest';
import { check, paths } from '../../rule-harness';
import { pod } from '../pss/pods';

describe('hardening/image-digest', () => {
  test('GIVEN a tagged image without digest THEN an info-level note says how to pin it', () => {
    const violations = check(imageDigestRule, [pod({ containers: [{ name: 'app', image: 'nginx:1.27.2' }, { name: 'b', image: 'nginx@sha256:abc' }] })]);
    expect(paths(violations)).toEqual(['/spec/containers/0/image']);
    expect(violations[0].message).toContain('nginx:1.27.2@sha256:<digest>');
    expect(imageDigestRule.defaultSeverity).toBe('info');
  });

  test('THEN the hardening list has the documented ids and severities', () => {
    expect(HARDENING_RULES.map(r => `${r.id}=${r.defaultSeverity}`)).toEqual([
      'hardening/read-only-root-fs=warning', 'hardening/resources=warning', 'hardening/image-tag=warning', 'hardening/image-digest=info',
    ]);
  });
});
