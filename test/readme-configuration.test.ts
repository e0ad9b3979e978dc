import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ConfigFile } from '../src/config/config-file';
import { ConfigSchema } from '../src/config/config-schema';

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf-8');

/** The README section under `## title`, up to the next `## `. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(0);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

describe('README: Configuration and CI', () => {
  test('GIVEN the Configuration section THEN its example file is valid, and its table documents every key of the schema', () => {
    const configuration = section('Configuration');
    const example = /```yaml\n([\s\S]*?)```/.exec(configuration)![1];
    expect(ConfigFile.parse(example, '.guardrails.yaml').settings.suppressions).toHaveLength(1);
    const documented = [...configuration.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]);
    const keys = Object.keys(ConfigSchema.build().properties as object).filter((key) => key !== '$schema');
    expect(documented).toEqual(keys);
  });

  test('GIVEN the In CI section THEN a GitHub Actions job runs the check with --format github and a baseline', () => {
    const ci = section('In CI');
    const jobs = [...ci.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]));
    const runs = jobs.flatMap((workflow) => Object.values(workflow.jobs ?? {}).flatMap((job: any) => job.steps.map((step: any) => step.run ?? '')));
    expect(runs).toEqual(expect.arrayContaining([expect.stringMatching(/^npx cdk8s-guardrails check --format github --baseline \S+ /)]));
  });
});
