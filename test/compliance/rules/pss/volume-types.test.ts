import { pod } from './pods';
import { volumeTypesRule } from '../../../../src/compliance/rules/pss/volume-types';
import { check, paths } from '../../rule-harness';

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

  test('GIVEN a forbidden type on an unnamed volume THEN the volume is named by position and the message lists the allowed types', () => {
    const violations = check(volumeTypesRule, [pod({ containers: [], volumes: [{ nfs: { server: 'nfs.example', path: '/' } }] })]);
    expect(violations).toEqual([{
      objectIndex: 0,
      path: '/spec/volumes/0/nfs',
      message: "Volume '#0' uses the nfs volume type; Restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret, image "
        + '(use a PersistentVolumeClaim for other storage).',
    }]);
  });

  test('GIVEN a volume with no source and a non-string name THEN it is named by position, without a target', () => {
    const [violation] = check(volumeTypesRule, [pod({ containers: [], volumes: [{ name: 42 }] })]);
    expect(violation.target).toBeUndefined();
    expect(violation.message).toBe("Volume '#0' sets no volume source; set one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret, image.");
  });

  test('GIVEN an image volume THEN restricted refuses it at v1.32 and allows it from v1.33 (check_restrictedVolumes.go)', () => {
    const withImage = pod({ containers: [], volumes: [{ name: 'models', image: { reference: 'registry.example.com/models/llm:1.0', pullPolicy: 'IfNotPresent' } }] });
    expect(check(volumeTypesRule, [withImage], { podSecurityVersion: 'v1.32' })).toEqual([{
      objectIndex: 0,
      path: '/spec/volumes/0/image',
      target: 'models',
      message: "Volume 'models' uses the image volume type; Restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret "
        + '(use a PersistentVolumeClaim for other storage).',
    }]);
    expect(check(volumeTypesRule, [withImage], { podSecurityVersion: 'v1.33' })).toEqual([]);
    expect(check(volumeTypesRule, [withImage], { podSecurityVersion: 'latest' })).toEqual([]);
  });

  test('GIVEN forbidden sources set to null or undefined beside an allowed one THEN they count as unset', () => {
    expect(check(volumeTypesRule, [pod({ containers: [], volumes: [{ name: 'a', nfs: null, gitRepo: undefined, emptyDir: {} }] })])).toEqual([]);
  });

  test('GIVEN a volume whose only sources are null THEN it sets no source', () => {
    expect(paths(check(volumeTypesRule, [pod({ containers: [], volumes: [{ name: 'a', nfs: null }] })]))).toEqual(['/spec/volumes/0']);
  });
});
