import type { HardenChange, HardenedObject, HardenNote, HardenPlan } from './harden-rewrite';
import type { RewrittenDocument } from './harden-stream';

/** What the report covers besides the plan. */
export interface HardenReportContext {
  /** Objects read. */
  readonly objects: number;
  /** Documents written anew rather than edited in place. */
  readonly rewritten?: readonly RewrittenDocument[];
  /** True for `--check`: nothing was written. */
  readonly checkOnly?: boolean;
}

/** GitHub's limit for a comment: the report must fit in a pull-request comment. */
const MAX_CHARACTERS = 65_536;
/** Room kept for the line that says what was left out. */
const RESERVE = 600;

/**
 * `harden --report`: every change (object, field, before, after), the pods whose token stays in
 * more than one container, and what the user should know (tokens removed, legacy token Secrets,
 * documents written anew), in Markdown that fits a GitHub comment. Past the limit, the tables are
 * cut and the report says how many rows it left out and how to see them all.
 */
export class HardenReport {
  public static markdown(plan: HardenPlan, context: HardenReportContext): string {
    const changedObjects = new Set(plan.changes.map((c) => objectName(c.object))).size;
    const severalHolders = plan.notes.filter((n) => n.kind === 'several-holders');
    const other = plan.notes.filter((n) => n.kind !== 'several-holders');
    const verb = context.checkOnly ? 'would change' : 'changed';
    const head = [
      '# cdk8s-guardrails harden',
      '',
      `${context.objects} objects read; ${changedObjects} ${verb} (${plan.changes.length} fields); `
        + `${severalHolders.length} pods keep the API token in more than one container.`,
      '',
    ];
    // What the user must act on first; the long list of changes last, where the limit cuts.
    const sections: Array<{ title: string; intro?: string; header?: string; rows: string[] }> = [
      {
        title: 'Pods with more than one token holder',
        intro: 'No containers were named for these pods, so every container that held the token keeps it. Name the ones that call the API server (`--token-containers`, or `harden.tokenContainers` in `.guardrails.yaml`).',
        header: '| Workload | Containers with the token | Suggestion |\n|---|---|---|',
        rows: severalHolders.map(holderRow),
      },
      { title: 'Notes', rows: other.map((n) => `- ${objectName(n.object)}: ${escape(n.message)}`) },
      {
        title: 'Documents written anew',
        intro: 'These documents could not be edited in place; their comments and layout were not kept.',
        rows: (context.rewritten ?? []).map((r) => `- ${r.file}:${r.line}: ${escape(r.reason)}`),
      },
      {
        title: 'Changes',
        header: '| Object | Field | Before | After |\n|---|---|---|---|',
        rows: plan.changes.map(changeRow),
      },
    ];
    let text = head.join('\n');
    let left = 0;
    for (const section of sections) {
      if (section.rows.length === 0) continue;
      const start = `\n## ${section.title}\n\n${section.intro ? `${section.intro}\n\n` : ''}${section.header ? `${section.header}\n` : ''}`;
      let body = '';
      let shown = 0;
      for (const row of section.rows) {
        if (text.length + start.length + body.length + row.length + 1 > MAX_CHARACTERS - RESERVE) break;
        body += `${row}\n`;
        shown++;
      }
      left += section.rows.length - shown;
      if (shown > 0) text += start + body;
    }
    if (left > 0) {
      text += `\n_${left} more rows left out to fit GitHub's comment limit of ${MAX_CHARACTERS} characters: `
        + 'compare the input with the hardened output (e.g. `diff`) to see every change._\n';
    }
    return text;
  }

  private constructor() {}
}

function changeRow(change: HardenChange): string {
  return `| ${objectName(change.object)} | \`${change.field}\` | ${escape(change.before)} | ${escape(change.after)} |`;
}

function holderRow(note: HardenNote): string {
  const suggestion = note.suggestion ? `\`--token-containers ${note.suggestion}\`` : '';
  return `| ${objectName(note.object)} | ${(note.containers ?? []).join(', ')} | ${suggestion} |`;
}

function objectName(object: HardenedObject): string {
  return `${object.kind} ${object.namespace === undefined ? '' : `${object.namespace}/`}${object.name}`;
}

/** Keeps table cells in one cell: no pipe or line break of a value breaks the table. */
function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
