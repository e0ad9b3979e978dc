import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { CliBundle } from '../scripts/cli-bundle';

const ROOT = path.resolve(__dirname, '..');

/**
 * The CLI as users run it, plain JavaScript, so that its child process pays no TypeScript
 * compilation (the parse baseline is plain JavaScript too). `BENCH_CLI` points at a built
 * command (e.g. `lib/cli/cdk8s-guardrails.js` after `npx projen compile`); otherwise `src/` is
 * transpiled file by file into `workDir` (about a second) and bundled as the compile step bundles
 * the package's `bin` (scripts/cli-bundle.ts), so the benchmark always measures the current
 * sources. Also transpiles `bench/yaml11-schema.ts` for the js-yaml children.
 */
export function buildCli(workDir: string): BuiltCli {
  const yaml11Schema = path.join(workDir, 'bench', 'yaml11-schema.js');
  transpile(path.join(__dirname, 'yaml11-schema.ts'), yaml11Schema);
  if (process.env.BENCH_CLI) return { main: path.resolve(process.env.BENCH_CLI), yaml11Schema };
  const outDir = path.join(workDir, 'lib');
  for (const file of listTs(path.join(ROOT, 'src'))) {
    transpile(file, path.join(outDir, path.relative(path.join(ROOT, 'src'), file)).replace(/\.ts$/, '.js'));
  }
  return { main: CliBundle.write(path.join(outDir, 'cli', 'main.js')), yaml11Schema };
}

/** The CLI's bundle, and the Kubernetes YAML 1.1 schema for js-yaml, as JavaScript. */
export interface BuiltCli {
  readonly main: string;
  readonly yaml11Schema: string;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  resolveJsonModule: true,
};

function transpile(file: string, out: string): void {
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf-8'), { compilerOptions: COMPILER_OPTIONS, fileName: file });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, outputText);
}

/** Where the children find `yaml` and the other dependencies when the CLI lives outside the repo. */
export const NODE_PATH = path.join(ROOT, 'node_modules');

function listTs(dir: string): string[] {
  const result: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) result.push(...listTs(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) result.push(full);
  }
  return result;
}
