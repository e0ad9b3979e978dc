import * as fs from 'fs';
import * as path from 'path';
import { inBatch } from '../../mutation/batch-files';

const ROOT = path.resolve(__dirname, '..', '..');

describe('mutation batch membership', () => {
  test('GIVEN ** and * globs THEN files at any depth below the folder match, other folders and extensions do not', () => {
    const globs = ['src/compliance/rules/pss/**/*.ts'];
    expect(inBatch('src/compliance/rules/pss/sysctls.ts', globs)).toBe(true);
    expect(inBatch('src/compliance/rules/pss/deep/er/x.ts', globs)).toBe(true);
    expect(inBatch('src/compliance/rules/pssx/sysctls.ts', globs)).toBe(false);
    expect(inBatch('src/compliance/rules/pss/sysctls.js', globs)).toBe(false);
    expect(inBatch('src/compliance/rules/pss/a/b.tsx', globs)).toBe(false);
  });

  test('GIVEN an exact path THEN only that file matches (dots are literal)', () => {
    expect(inBatch('src/compliance/engine.ts', ['src/compliance/engine.ts'])).toBe(true);
    expect(inBatch('src/compliance/engineXts', ['src/compliance/engine.ts'])).toBe(false);
  });

  test('GIVEN a ! glob THEN it excludes from the files the others include', () => {
    const globs = ['src/rbac/**/*.ts', '!src/rbac/effective-access.ts'];
    expect(inBatch('src/rbac/permission.ts', globs)).toBe(true);
    expect(inBatch('src/rbac/effective-access.ts', globs)).toBe(false);
  });

  test('GIVEN the batches of mutation/batches.json THEN every file of src/k8s, src/compliance and src/rbac is in exactly one batch, except the type-only files', () => {
    const { batches } = JSON.parse(fs.readFileSync(path.join(ROOT, 'mutation', 'batches.json'), 'utf-8'));
    const files = ['src/k8s', 'src/compliance', 'src/rbac'].flatMap((dir) => listTs(dir));
    const owners = (file: string) => Object.keys(batches).filter((b) => inBatch(file, batches[b].mutate));
    const typesOnly = ['src/compliance/model.ts', 'src/compliance/rule.ts'];
    expect(files.filter((f) => owners(f).length !== 1 && !typesOnly.includes(f)).map((f) => `${f}: ${owners(f).join(', ') || 'none'}`)).toEqual([]);
    // Each batch's test globs name test files that exist.
    for (const [name, batch] of Object.entries<{ tests: string[] }>(batches)) {
      for (const glob of batch.tests.filter((g) => !g.includes('*'))) expect(`${name}: ${fs.existsSync(path.join(ROOT, glob)) ? 'exists' : 'missing'} ${glob}`).toBe(`${name}: exists ${glob}`);
    }
  });
});

function listTs(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const p = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return listTs(p);
    return p.endsWith('.ts') ? [p] : [];
  }).sort();
}
