import { HardenReport } from '../../src/harden/harden-report';
import type { HardenChange, HardenPlan } from '../../src/harden/harden-rewrite';

const DEPLOYMENT = { kind: 'Deployment', namespace: 'ops', name: 'manager' };

function plan(changes: HardenChange[] = []): HardenPlan {
  return {
    objects: [{ index: 1, edits: [] }],
    changes,
    notes: [
      { kind: 'several-holders', object: DEPLOYMENT, containers: ['init', 'manager'], suggestion: 'Deployment/ops/manager=manager', message: '2 containers keep it' },
      { kind: 'legacy-token-secret', object: { kind: 'Secret', namespace: 'ops', name: 't' }, message: 'a token | that never expires' },
    ],
  };
}

describe('HardenReport.markdown', () => {
  test('GIVEN a plan THEN the pods with several holders, the notes and the rewritten documents come first, then every change as a row (object, field, before, after)', () => {
    const text = HardenReport.markdown(plan([
      { object: DEPLOYMENT, field: '/spec/template/spec/automountServiceAccountToken', before: '(unset)', after: 'false' },
      { object: { kind: 'ClusterRole', name: 'x' }, field: '/a', before: 'a|b', after: 'c' },
    ]), { objects: 7, rewritten: [{ file: 'in.yaml', line: 12, reason: 'a merge key (<<) in an edited mapping' }] });
    expect(text).toBe(`# cdk8s-guardrails harden

7 objects read; 2 changed (2 fields); 1 pods keep the API token in more than one container.

## Pods with more than one token holder

No containers were named for these pods, so every container that held the token keeps it. Name the ones that call the API server (\`--token-containers\`, or \`harden.tokenContainers\` in \`.guardrails.yaml\`).

| Workload | Containers with the token | Suggestion |
|---|---|---|
| Deployment ops/manager | init, manager | \`--token-containers Deployment/ops/manager=manager\` |

## Notes

- Secret ops/t: a token \\| that never expires

## Documents written anew

These documents could not be edited in place; their comments and layout were not kept.

- in.yaml:12: a merge key (<<) in an edited mapping

## Changes

| Object | Field | Before | After |
|---|---|---|---|
| Deployment ops/manager | \`/spec/template/spec/automountServiceAccountToken\` | (unset) | false |
| ClusterRole x | \`/a\` | a\\|b | c |
`);
  });

  test('GIVEN --check THEN it says what would change', () => {
    expect(HardenReport.markdown(plan(), { objects: 1, checkOnly: true })).toContain('1 objects read; 0 would change (0 fields)');
  });

  test('GIVEN more changes than a GitHub comment holds THEN it stays within 65,536 characters and says how many rows it left out', () => {
    const changes = Array.from({ length: 5000 }, (_, i) => ({
      object: { kind: 'Deployment', namespace: 'ops', name: `workload-${i}` }, field: '/spec/template/spec/automountServiceAccountToken', before: '(unset)', after: 'false',
    }));
    const text = HardenReport.markdown(plan(changes), { objects: 5000 });
    expect(text.length).toBeLessThanOrEqual(65_536);
    const shown = text.split('\n').filter((l) => l.startsWith('| Deployment ops/workload-')).length;
    expect(shown).toBeGreaterThan(100);
    expect(text).toContain(`_${5000 - shown} more rows left out to fit GitHub's comment limit of 65536 characters`);
    // What the user must act on is never cut.
    expect(text).toContain('| Deployment ops/manager | init, manager |');
  });
});
