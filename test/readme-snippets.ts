import * as path from 'path';
import * as ts from 'typescript';

/**
 * The TypeScript snippets of a Markdown file: extracted, compiled together in one program, and
 * run. `cdk8s-guardrails` resolves to this repository's `src/`.
 *
 * Context convention: a snippet that uses names defined elsewhere (a `chart`, `MyChart`) says so
 * in an HTML comment right before its fence (blank lines between are allowed), invisible on
 * GitHub and npm:
 *
 *     <!-- snippet-context
 *     import { Chart } from 'cdk8s';
 *     declare const chart: Chart;
 *     -->
 *     ```ts
 *     new SecureServiceAccount(chart, 'sa');
 *     ```
 *
 * or on one line: `<!-- snippet-context: declare const chart: Chart; -->`. The comment's body is
 * TypeScript put before the snippet; every snippet is its own module.
 */

/** One ```ts block. */
export interface Snippet {
  /** 1-based among the TypeScript blocks of the file. */
  readonly index: number;
  /** The 1-based line, in the Markdown file, of the snippet's first line of code. */
  readonly line: number;
  /** The nearest heading above the block, e.g. `## Quick start` (empty before the first). */
  readonly heading: string;
  readonly code: string;
  /** The body of the `snippet-context` comment before the fence ('' if none). */
  readonly context: string;
  /** The 1-based line where that comment's body starts (0 if none). */
  readonly contextLine: number;
}

const FENCE = /^(`{3,}|~{3,})\s*([^\s`]*)/;
const TYPESCRIPT = new Set(['ts', 'typescript']);

/** Every TypeScript block of a Markdown text, in order (blocks of other languages are skipped). */
export function extractSnippets(markdown: string): Snippet[] {
  const lines = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) {
      if (/^#{1,6}\s/.test(lines[i])) heading = lines[i].trim();
      continue;
    }
    // A fence closes with at least as many of the same character, and nothing else on the line.
    const closing = new RegExp(`^${open[1][0]}{${open[1].length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end])) end++;
    if (TYPESCRIPT.has(open[2].toLowerCase())) {
      snippets.push({
        index: snippets.length + 1,
        line: i + 2,
        heading,
        code: lines.slice(i + 1, end).join('\n'),
        ...contextBefore(lines, i),
      });
    }
    i = end;
  }
  return snippets;
}

/** The body of a `<!-- snippet-context ... -->` comment that ends right before line `fence` (0-based). */
function contextBefore(lines: readonly string[], fence: number): { context: string; contextLine: number } {
  const none = { context: '', contextLine: 0 };
  let last = fence - 1;
  while (last >= 0 && lines[last].trim() === '') last--;
  if (last < 0 || !lines[last].trimEnd().endsWith('-->')) return none;
  let first = last;
  while (first >= 0 && !lines[first].includes('<!--')) first--;
  if (first < 0) return none;
  const comment = lines.slice(first, last + 1).join('\n');
  const opening = /<!--\s*snippet-context:?\s*/.exec(comment);
  if (!opening || opening.index !== comment.indexOf('<!--')) return none;
  const bodyStart = opening.index + opening[0].length;
  return {
    context: comment.slice(bodyStart, comment.lastIndexOf('-->')).trimEnd(),
    contextLine: first + 1 + comment.slice(0, bodyStart).split('\n').length - 1,
  };
}

/** The compiler options of the snippets: what a user's strict project would use. */
export function snippetCompilerOptions(root: string): ts.CompilerOptions {
  return {
    strict: true,
    noUnusedLocals: true,
    noImplicitReturns: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node', 'jest'],
    typeRoots: [path.join(root, 'node_modules', '@types')],
    baseUrl: root,
    paths: { 'cdk8s-guardrails': ['src/index.ts'] },
    noEmit: true,
  };
}

const PARSED = new Map<string, ts.SourceFile>();

/** The source of a snippet as compiled: its context, its code, and `export {}` to make it a module. */
export function snippetSource(snippet: Snippet): string {
  return `${snippet.context}\n${snippet.code}\nexport {};\n`;
}

/**
 * Compiles every snippet in one program and returns one readable line per error: where it is
 * in the Markdown file, which snippet (its heading), and the compiler's message. Empty when
 * every snippet compiles.
 */
export function compileSnippets(snippets: readonly Snippet[], root: string, markdownName = 'README.md'): string[] {
  const options = snippetCompilerOptions(root);
  const directory = path.join(root, '.readme-snippets');
  const sources = new Map(snippets.map((s) => [path.join(directory, `snippet-${s.index}.ts`), s]));
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => sources.has(file) || fileExists.call(host, file);
  host.readFile = (file) => {
    const snippet = sources.get(file);
    return snippet ? snippetSource(snippet) : readFile.call(host, file);
  };
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
    const snippet = sources.get(file);
    if (snippet) return ts.createSourceFile(file, snippetSource(snippet), languageVersion, true);
    // Libraries and src/ are parsed once per test file, whatever the number of compilations.
    const key = `${file}\0${JSON.stringify(languageVersion)}`;
    let parsed = PARSED.get(key);
    if (!parsed) {
      parsed = getSourceFile.call(host, file, languageVersion, onError, shouldCreate);
      if (parsed) PARSED.set(key, parsed);
    }
    return parsed;
  };
  const program = ts.createProgram({ rootNames: [...sources.keys()], options, host });
  const errors: string[] = [];
  // Only the snippets' diagnostics: checking them type-checks what they use of src/, not all of it.
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...sources.keys()].flatMap((file) => {
      const sourceFile = program.getSourceFile(file)!;
      return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    }),
  ];
  for (const diagnostic of diagnostics) {
    const snippet = diagnostic.file ? sources.get(diagnostic.file.fileName) : undefined;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ');
    if (!snippet || diagnostic.start === undefined) {
      errors.push(`${diagnostic.file?.fileName ?? 'compiler'}: TS${diagnostic.code}: ${message}`);
      continue;
    }
    errors.push(`${where(snippet, diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start).line, markdownName)}: TS${diagnostic.code}: ${message}`);
  }
  return errors;
}

/** `README.md:42 (ts snippet 1, under "## Quick start")`, or its context comment. */
function where(snippet: Snippet, sourceLine: number, markdownName: string): string {
  const contextLines = snippet.context.split('\n').length;
  const label = `ts snippet ${snippet.index}, under "${snippet.heading}"`;
  if (sourceLine < contextLines) return `${markdownName}:${snippet.contextLine + sourceLine} (in the snippet-context comment before ${label})`;
  return `${markdownName}:${snippet.line + sourceLine - contextLines} (${label})`;
}

/**
 * Runs a snippet as CommonJS: `modules` answers its imports (anything else is an error) and
 * `globals` defines free names (e.g. `test` and `expect`).
 */
export function runSnippet(snippet: Snippet, modules: Record<string, unknown>, globals: Record<string, unknown> = {}): void {
  const js = ts.transpileModule(snippetSource(snippet), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const load = (id: string): unknown => {
    if (!(id in modules)) throw new Error(`ts snippet ${snippet.index} imports '${id}', which the test does not provide`);
    return modules[id];
  };
  const module = { exports: {} };
  const names = Object.keys(globals);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'module', 'exports', ...names, js)(load, module, module.exports, ...names.map((n) => globals[n]));
}

/** The first snippet under a heading that matches (up to the next heading). */
export function snippetUnder(snippets: readonly Snippet[], heading: RegExp): Snippet | undefined {
  return snippets.find((s) => heading.test(s.heading));
}
