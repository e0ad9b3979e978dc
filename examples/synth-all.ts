/**
 * The main job: synthesizes every example app (each `examples/<name>/app.ts` exporting
 * `createApp(outdir)`) into `dist/examples/<name>/`. Each example checks itself with the
 * synth-time guardrails and writes its compliance report next to its YAML.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname);
const out = path.join(__dirname, '..', 'dist', 'examples');

const examples = fs.readdirSync(root)
  .filter(name => fs.existsSync(path.join(root, name, 'app.ts')))
  .sort();

let failed = 0;
for (const name of examples) {
  const outdir = path.join(out, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createApp } = require(path.join(root, name, 'app'));
    createApp(outdir).synth();
    const files = fs.readdirSync(outdir).sort();
    console.log(`${name}: ${files.join(', ')} -> ${path.relative(process.cwd(), outdir)}`);
  } catch (e) {
    failed++;
    console.error(`${name}: FAILED\n${(e as Error).message}`);
  }
}
console.log(`${examples.length - failed} of ${examples.length} examples synthesized into ${path.relative(process.cwd(), out)}`);
process.exitCode = failed > 0 ? 1 : 0;
