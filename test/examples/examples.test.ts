import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as yaml from 'yaml';

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');

/** Every example app: a directory with an app.ts exporting createApp(outdir). */
export const EXAMPLES = fs.readdirSync(EXAMPLES_DIR)
  .filter(name => fs.existsSync(path.join(EXAMPLES_DIR, name, 'app.ts')))
  .sort();

export function loadExample(name: string): (outdir?: string) => App {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(EXAMPLES_DIR, name, 'app')).createApp;
}

describe('examples', () => {
  test('there are examples to check', () => {
    expect(EXAMPLES).toContain('secure-workload');
  });

  test.each(EXAMPLES)('%s has a cdk8s.yaml and a main.ts so `npx cdk8s synth` works there', name => {
    const config = yaml.parse(fs.readFileSync(path.join(EXAMPLES_DIR, name, 'cdk8s.yaml'), 'utf-8'));
    expect(config.app).toBe('npx ts-node main.ts');
    expect(fs.readFileSync(path.join(EXAMPLES_DIR, name, 'main.ts'), 'utf-8')).toContain('createApp().synth()');
  });

  test.each(EXAMPLES)('%s synthesizes deterministically into its outdir', name => {
    const createApp = loadExample(name);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
    createApp(outdir).synth();
    const files = fs.readdirSync(outdir).filter(f => f.endsWith('.k8s.yaml'));
    expect(files.length).toBeGreaterThan(0);
    const first = files.map(f => fs.readFileSync(path.join(outdir, f), 'utf-8')).join('\n');
    expect(createApp(outdir).synthYaml()).toEqual(createApp(outdir).synthYaml());
    expect(first.length).toBeGreaterThan(0);
    for (const doc of yaml.parseAllDocuments(first)) {
      const manifest = doc.toJSON();
      // no example ships a standing credential
      expect(manifest.automountServiceAccountToken === true).toBe(false);
      expect(manifest.type).not.toBe('kubernetes.io/service-account-token');
    }
  });
});
