import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-guardrails',
  description: 'Secure-by-default cdk8s constructs (no automounted tokens, projected short-lived credentials, least-privilege RBAC, operator bundles) and a compliance engine that checks every synthesized manifest.',
  author: 'cdk8s-guardrails maintainers',
  authorAddress: 'maintainers@users.noreply.example',
  repositoryUrl: 'https://example.invalid/cdk8s-guardrails.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // engines: 22 and 24 are what users run (CI tests 24: .ci/node24.sh); 20 is past its end of life
  // but still builds and passes the whole suite here, so it is not refused (README, Install).
  minNodeVersion: '20.0.0',
  jsiiVersion: '~6.0.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // Non-jsii runtime dependencies must be bundled into the jsii package.
  bundledDeps: ['yaml@^2.8.0'],
  devDeps: [
    'fast-check@^4',
    // A newer cdk8s-plus than the peer: the tests show what its users can use (check, Harden).
    'cdk8s-plus-33@^2.5.57',
    'cdk8s-cli@^2',
    'typescript@~5.9.0',
    '@types/node@^20',
    'ajv@^8',
    'ajv-formats@^3',
    // Ships the official SARIF 2.1.0 JSON schema (lib/schemas/sarif-2.1.0-rtm.5.json).
    '@microsoft/jest-sarif@1.0.0-beta.0',
    '@bufbuild/cel@^0.6.1',
    'kubernetes-models@^5',
    // Typed cert-manager and prometheus-operator objects: the operator tests validate the
    // Issuer, Certificate and ServiceMonitor the bundle writes against their schemas.
    '@kubernetes-models/cert-manager@^6',
    '@kubernetes-models/prometheus-operator@^6',
    // The benchmark compares the CLI's parser with js-yaml (bench/parser-choice.ts).
    'js-yaml@^4',
    // Stryker 10 needs Node 22; 9.6 is the last line that runs on Node 20.
    '@stryker-mutator/core@~9.6.1',
    '@stryker-mutator/jest-runner@~9.6.1',
    // Bundles the command into one file at compile time (scripts/cli-bundle.ts).
    'esbuild@~0.28.2',
  ],
  keywords: ['cdk8s', 'kubernetes', 'security', 'serviceaccount', 'rbac', 'compliance'],

  // Nothing is published or released from here, and no GitHub workflow can run here.
  release: false,
  github: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  sampleCode: false,
  licensed: true,
  license: 'Apache-2.0',

  jestOptions: {
    // A snapshot is a guard: it must never be rewritten by the test run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 60_000,
      // Coverage instrumentation quadruples the run (about 210 of 264 s): opt in with `npx projen test:coverage`.
      collectCoverage: false,
      // jest's default is one worker less than the cores: one worker on a 2-core machine. The
      // main process only waits, so use every core (77 s instead of 120 s for the suite on 2 cores).
      maxWorkers: '100%',
    },
  },
});

// ts-jest transpiles test files one by one (isolatedModules) and so never reports a type error.
// Type-check everything that is not compiled by jsii (tests, examples, benchmarks) up front.
new JsonFile(project, 'tsconfig.check.json', {
  obj: {
    extends: './tsconfig.json',
    compilerOptions: { noEmit: true, rootDir: '.' },
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'mutation/**/*.ts', 'scripts/**/*.ts'],
    exclude: ['node_modules'],
  },
});
// eslint's project service needs a tsconfig next to each linted tree.
for (const dir of ['examples', 'bench', 'mutation', 'scripts']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..' },
      include: ['**/*.ts'],
      exclude: ['node_modules'],
    },
  });
}
project.eslint?.addLintPattern('examples');
project.eslint?.allowDevDeps('bench/**');
project.eslint?.allowDevDeps('examples/**');
project.eslint?.addLintPattern('bench');
project.eslint?.allowDevDeps('mutation/**');
project.eslint?.allowDevDeps('scripts/**');
project.eslint?.addLintPattern('scripts');
project.eslint?.addLintPattern('mutation');

// The test run: type-check, then jest (with a machine-readable result for .ci/run), then eslint.
project.testTask.reset();
project.testTask.exec('tsc -p tsconfig.check.json');
project.testTask.exec('jest --ci --json --outputFile=test-reports/jest-results.json', { receiveArgs: true });
project.testTask.spawn(project.tasks.tryFind('eslint')!);
project.tasks.tryFind('test:update')?.reset('echo "Snapshots are never updated by a task: delete the stale snapshot and review the new one." && exit 1');
// The same run with coverage (opt-in: instrumenting every file makes the suite about five times slower).
project.addTask('test:coverage', {
  description: 'Run the type-checked tests with coverage (coverage/ and the text summary)',
  steps: [
    { exec: 'tsc -p tsconfig.check.json' },
    { exec: 'jest --ci --coverage --json --outputFile=test-reports/jest-results.json', receiveArgs: true },
  ],
});

// The command-line door: `cdk8s-guardrails check|access|...`. The compile step ends by bundling
// lib/cli/main.js into one file (scripts/cli-bundle.ts: start-up and first pass are most of a run).
project.compileTask.exec('ts-node --project tsconfig.check.json --transpile-only scripts/cli-bundle.ts lib/cli/main.js');
project.addBins({ 'cdk8s-guardrails': 'lib/cli/cdk8s-guardrails.js' });

// The main job: synthesize every example app into dist/examples/<example>/ with its compliance report.
project.addTask('synth:examples', {
  description: 'Synthesize every app in examples/ into dist/examples/<example>/ with its compliance report',
  exec: 'ts-node --project tsconfig.check.json --transpile-only examples/synth-all.ts',
});

// Generated from the rule files (a test fails when any of them drifts): the README's rule table,
// the rule reference docs/rules.md (SARIF helpUri links there) and the JSON schema of
// .guardrails.yaml, which ships with the package for editors.
project.addTask('docs:rules', {
  description: 'Regenerate the rule table in README.md, docs/rules.md and schemas/guardrails-config.schema.json from the rule files',
  exec: 'ts-node --project tsconfig.check.json --transpile-only -e "'
    + 'const fs = require(\'fs\'); '
    + 'const { RuleCatalogue } = require(\'./src/compliance/rule-table\'); '
    + 'const { RuleDocs } = require(\'./src/compliance/rule-docs\'); '
    + 'const { ConfigSchema, CONFIG_SCHEMA_PATH } = require(\'./src/config/config-schema\'); '
    + 'fs.writeFileSync(\'README.md\', RuleCatalogue.withTable(fs.readFileSync(\'README.md\', \'utf-8\'))); '
    + 'fs.writeFileSync(\'docs/rules.md\', RuleDocs.markdown()); '
    + 'fs.writeFileSync(CONFIG_SCHEMA_PATH, ConfigSchema.text());"',
});

// Benchmarks against plain cdk8s-plus-28 and the YAML floor (BENCH_QUICK=1 for a short run).
project.addTask('bench', {
  description: 'Benchmark the cost of the guardrails against plain cdk8s-plus-28 and YAML parsing',
  exec: 'ts-node --project tsconfig.check.json --transpile-only bench/run.ts',
});

// Mutation testing of the rule engine and the RBAC model, batch by batch (not part of the default
// test run): `npx projen mutation [batch...]`, batches in mutation/batches.json.
project.addTask('mutation', {
  description: 'Stryker mutation testing over src/compliance and src/rbac; prints the score',
  exec: 'ts-node --project tsconfig.check.json --transpile-only mutation/run.ts',
  receiveArgs: true,
});

project.gitignore.exclude('.scratch/', '.stryker-tmp*/', '/reports/');
// The configuration schema ships with the package (editors read it from node_modules).
project.npmignore?.include('/schemas/');
project.npmignore?.exclude('.scratch/', '.stryker-tmp*/', '/reports/', '/bench/', '/examples/', '/mutation/', '/scripts/', 'stryker.config.mjs');
// CI's scripts (.ci/run, the Node 24 run) are not part of the package.
project.npmignore?.exclude('/.ci/');

project.synth();
