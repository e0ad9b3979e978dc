import { Glob } from '../../src/reader/glob';

describe('Glob', () => {
  test.each([
    ['vendor/**/kustomization.yaml', 'vendor/argo/kustomization.yaml', true],
    ['vendor/**/kustomization.yaml', 'vendor/kustomization.yaml', true],
    ['vendor/**/kustomization.yaml', 'vendor/a/b/c/kustomization.yaml', true],
    ['vendor/**/kustomization.yaml', './vendor/a/kustomization.yaml', true],
    ['vendor/**/kustomization.yaml', '/home/ci/repo/vendor/a/kustomization.yaml', true],
    ['vendor/**/kustomization.yaml', '..\\repo\\vendor\\a\\kustomization.yaml', true],
    ['vendor/**/kustomization.yaml', 'vendor/a/kustomization.yml', false],
    ['vendor/**/kustomization.yaml', 'vendors/a/kustomization.yaml', false],
    ['vendor/*.yaml', 'vendor/a.yaml', true],
    ['vendor/*.yaml', 'vendor/a/b.yaml', false],
    ['*.yaml', 'dist/app.k8s.yaml', true],
    ['app.?8s.yaml', 'dist/app.k8s.yaml', true],
    ['app.(k8s).yaml', 'app.k8s.yaml', false],
    ['vendor/**', 'vendor/x/y.yaml', true],
  ])('GIVEN the glob %s THEN the file %s matches: %s', (pattern, file, matches) => {
    expect(Glob.matchesFile(pattern, file)).toBe(matches);
  });

  test.each([
    ['vendor-*', 'vendor-operator', true],
    ['vendor-*', 'vendor-', true],
    ['vendor-*', 'my-vendor-operator', false],
    ['*-reader', 'metrics-reader', true],
    ['system:*', 'system:controller:x', true],
    ['web', 'web', true],
    ['web', 'web-1', false],
  ])('GIVEN the name glob %s THEN the name %s matches: %s', (pattern, name, matches) => {
    expect(Glob.matchesName(pattern, name)).toBe(matches);
  });

  test('GIVEN an empty or non-string glob THEN it is refused with an example', () => {
    expect(Glob.problem('')).toBe('"" is not a glob: use a non-empty pattern such as \'vendor/**/*.yaml\'');
    expect(Glob.problem(3)).toMatch(/^3 is not a glob/);
    expect(Glob.problem('vendor/**')).toBeUndefined();
  });
});
