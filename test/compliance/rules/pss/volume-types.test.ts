import { check, paths, pod } from './pods';
import { volumeTypesRule } from '../../../../src/compliance/rules/pss/volume-types';

describe('pss/volume-types', () => {
  test('GIVEN nfs and gitRepo volumes THEN each is reported; hostPath is left to pss/host-path', () => {
    const violations = check(volumeTypesRule, [pod({
      containers: [{ name: 'app' }],
      volumes: [
        { name: 'share', nfs: { server: 'nfs.example', path: '/data' } },
        { name: 'src', gitRepo: { repository: 'https://example.invalid/repo.git' } },
        { name: 'host', hostPath: { path: '/etc' } },
      ],
    })]);
    expect(paths(violations)).toEqual(['/spec/volumes/0/nfs', '/spec/volumes/1/gitRepo']);
    expect(violations[0]).toMatchObject({ target: 'share', message: expect.stringContaining('PersistentVolumeClaim') });
  });

  test('GIVEN a volume with no source THEN the volume is reported', () => {
    expect(paths(check(volumeTypesRule, [pod({ containers: [], volumes: [{ name: 'empty' }] })]))).toEqual(['/spec/volumes/0']);
  });

  test('GIVEN every allowed type THEN nothing is reported', () => {
    const allowed = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
    expect(check(volumeTypesRule, [pod({ containers: [], volumes: allowed.map((type, i) => ({ name: `v${i}`, [type]: {} })) })])).toEqual([]);
  });
});
