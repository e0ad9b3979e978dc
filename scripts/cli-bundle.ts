import * as path from 'path';
import { buildSync } from 'esbuild';

/**
 * The `cdk8s-guardrails` command as one file: the compiled `lib/cli/main.js` and every module it
 * reaches, bundled by esbuild (dependencies such as `yaml` stay in node_modules). Why: the CLI
 * runs once per invocation, so its start-up and its first pass over the input are most of what a
 * user waits for. Unbundled, node resolves and wraps about 150 modules, and every call between them
 * reads a property of another module's `exports` while the code is still interpreted; bundled,
 * they are one scope (measured in docs/performance.md).
 *
 * The package's `bin` is the bundle; `lib/cli/main.js` stays what the library and the tests
 * import. The benchmark bundles its build of `src/` with the same function.
 */
export class CliBundle {
  /** The bundle's file name, next to `main.js`. */
  public static readonly FILE_NAME = 'cdk8s-guardrails.js';

  /**
   * Bundles `main` (a compiled `cli/main.js`) into `cli/cdk8s-guardrails.js` beside it, where
   * `version.ts` still finds ../../package.json from `__dirname`; returns the bundle's path.
   */
  public static write(main: string): string {
    const outfile = path.join(path.dirname(main), CliBundle.FILE_NAME);
    // buildSync throws, with esbuild's messages, when the bundle cannot be built.
    buildSync({
      entryPoints: [main],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      // The lowest Node the package supports (package.json engines): no syntax is rewritten for it.
      target: 'node20',
      // Dependencies are resolved from node_modules at run time, as for the library.
      packages: 'external',
      logLevel: 'warning',
    });
    return outfile;
  }

  private constructor() {}
}

// `ts-node scripts/cli-bundle.ts lib/cli/main.js` (the compile task's last step).
if (require.main === module) {
  const main = process.argv[2];
  if (!main) {
    process.stderr.write('usage: cli-bundle.ts <path to the compiled cli/main.js>\n');
    process.exit(2);
  }
  process.stdout.write(`bundled ${CliBundle.write(path.resolve(main))}\n`);
}
