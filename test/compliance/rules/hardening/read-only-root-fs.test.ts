import { readOnlyRootFsRule } from '../../../../src/compliance/rules/hardening/read-only-root-fs';
import { check, paths } from '../../rule-harness';
import { cronJob, pod } from '../pss/pods';

describe('hardening/read-only-root-fs', () => {
  test('GIVEN containers with the field unset or false THEN each is reported at the field to set', () => {
    const violations = check(readOnlyRootFsRule, [cronJob({
      initContainers: [{ name: 'init', securityContext: { readOnlyRootFilesystem: false } }],
      containers: [{ name: 'app' }, { name: 'ok', securityContext: { readOnlyRootFilesystem: true } }],
    })]);
    expect(paths(violations)).toEqual([
      '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/readOnlyRootFilesystem',
      '/spec/jobTemplate/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem',
    ]);
    expect(violations[0].message).toBe("The init container 'init' sets false for securityContext.readOnlyRootFilesystem; set it to true and mount an emptyDir where it must write.");
    expect(violations[1]).toMatchObject({ target: 'app', message: "The container 'app' does not set securityContext.readOnlyRootFilesystem; set it to true and mount an emptyDir where it must write." });
    expect(readOnlyRootFsRule.defaultSeverity).toBe('warning');
  });

  test('GIVEN an ephemeral container without the field THEN it is reported', () => {
    expect(paths(check(readOnlyRootFsRule, [pod({ containers: [], ephemeralContainers: [{ name: 'debug' }] })])))
      .toEqual(['/spec/ephemeralContainers/0/securityContext/readOnlyRootFilesystem']);
  });

  test('GIVEN a Windows pod THEN it is skipped (the API forbids the field on Windows)', () => {
    expect(check(readOnlyRootFsRule, [pod({ os: { name: 'windows' }, containers: [{ name: 'app' }] })])).toEqual([]);
  });
});
