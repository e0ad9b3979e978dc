import * as fs from 'fs';
import * as path from 'path';
import { FileSystem } from './file-system';
import { Glob } from './glob';
import { ManifestReader } from './manifest-reader';
import type { ReadError, ReadObject } from './model';

/** The name standard input has in findings and errors. */
export const STDIN_NAME = '<stdin>';

/** Everything read from the paths given on the command line. */
export interface ReadInputs {
  readonly objects: ReadObject[];
  readonly errors: ReadError[];
  /** One-line remarks for the user (files skipped in directories). */
  readonly notes: string[];
  /** How many files (and stdin) were read. */
  readonly files: number;
}

export interface InputOptions {
  /** Returns all of standard input (injected so tests need no real stdin). */
  readonly readStdin: () => Buffer;
  /** Globs of files and directories to skip inside directories (`--exclude`). */
  readonly exclude?: readonly string[];
  /** Whether a file without any object is fine (otherwise it is an input error). */
  readonly allowEmpty?: boolean;
}

/** The extensions `kubectl apply -f DIR` reads (k8s.io/cli-runtime resource.FileExtensions), compared case-sensitively as kubectl does. */
const KUBECTL_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/**
 * Directories that never hold manifests to check: dependencies, version control, and the state
 * of tools that a cdk8s (projen) project keeps beside its manifests (their YAML and JSON files are
 * CI workflows, editor settings and task definitions).
 */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.github', '.projen', '.vscode', '.idea']);

/**
 * Files that build tools read by a fixed name and that are never objects to apply: in a
 * directory they are skipped (with one note); named explicitly they are read (and, not being
 * Kubernetes objects, are input errors). Kept to exact tool conventions so that no real
 * manifest is ever skipped by accident:
 * kustomize (kustomization.yaml), Helm (Chart.yaml, values*.yaml, values.schema.json,
 * requirements.yaml), pre-commit, the cdk8s CLI (cdk8s.yaml), Skaffold, helmfile, this tool's
 * own configuration (.guardrails.yaml), and the JSON files of a Node.js project (package.json,
 * package-lock.json, tsconfig*.json, .eslintrc.json, .projenrc.json), since directories are read
 * for *.json too; and this tool's own JSON report (`guardrails-report.json`, which synth writes
 * next to the YAML). `BUILD_TOOL_PATHS` adds files known by where they sit: the metadata of an
 * OLM bundle (`<bundle>/metadata/annotations.yaml`, written beside `manifests/`).
 */
const BUILD_TOOL_FILES: readonly RegExp[] = [
  /^kustomization\.ya?ml$/,
  /^Chart\.ya?ml$/,
  /^values.*\.ya?ml$/,
  /^values\.schema\.json$/,
  /^requirements\.ya?ml$/,
  /^\.pre-commit-(config|hooks)\.ya?ml$/,
  /^cdk8s\.ya?ml$/,
  /^skaffold\.ya?ml$/,
  /^helmfile\.ya?ml$/,
  /^\.guardrails\.ya?ml$/,
  /^package(-lock)?\.json$/,
  /^tsconfig.*\.json$/,
  /^\.(eslintrc|projenrc)\.json$/,
  /^guardrails-report\.json$/,
];

/** Build-tool files known by their path relative to the directory read (`/`-separated). */
const BUILD_TOOL_PATHS: readonly RegExp[] = [
  /(^|\/)metadata\/annotations\.ya?ml$/,
];

/**
 * Turns command-line operands (files, directories, `-` for stdin) into objects, as `kubectl
 * apply -R -f` would read them. A path that cannot be read is an input error; the other paths
 * are still read.
 */
export class InputPaths {
  public static read(operands: readonly string[], options: InputOptions): ReadInputs {
    const objects: ReadObject[] = [];
    const errors: ReadError[] = [];
    const skipped: string[] = [];
    const exclude = options.exclude ?? [];
    let files = 0;
    const add = (content: Buffer, name: string) => {
      files++;
      const read = ManifestReader.read(content, name);
      for (const object of read.objects) objects.push(object);
      for (const error of read.errors) errors.push(error);
      if (!options.allowEmpty && read.objects.length === 0 && read.errors.length === 0) {
        errors.push({ file: name, line: 1, message: 'no Kubernetes object: the input is empty or holds only comments' });
      }
    };
    for (const operand of operands) {
      if (operand === '-') {
        add(options.readStdin(), STDIN_NAME);
        continue;
      }
      for (const file of InputPaths.expand(operand, exclude, skipped, errors)) {
        let content: Buffer;
        try {
          content = fs.readFileSync(file);
        } catch (e) {
          errors.push({ file, message: `cannot read file: ${FileSystem.describeError(e)}` });
          continue;
        }
        add(content, file);
      }
    }
    const notes = skipped.length === 0 ? [] : [
      `skipped ${skipped.length} build-tool file${skipped.length === 1 ? '' : 's'} that ${skipped.length === 1 ? 'is' : 'are'} not Kubernetes objects `
      + `(${summarize(skipped)}); name a file explicitly to check it`,
    ];
    return { objects, errors, notes, files };
  }

  /**
   * A file as itself; a directory as every *.yaml, *.yml and *.json below it (except excluded and
   * build-tool files, added to `skipped`), sorted so output is stable.
   */
  public static expand(operand: string, exclude: readonly string[], skipped: string[], errors: ReadError[]): string[] {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(operand);
    } catch (e) {
      errors.push({ file: operand, message: `cannot read: ${FileSystem.describeError(e)}` });
      return [];
    }
    if (!stat.isDirectory()) return [operand];
    const found: string[] = [];
    InputPaths.walk(operand, operand, exclude, found, skipped, errors);
    if (found.length === 0) {
      errors.push({ file: operand, message: 'directory contains no *.yaml, *.yml or *.json file to check' });
    }
    return found;
  }

  private static walk(root: string, dir: string, exclude: readonly string[], found: string[], skipped: string[], errors: ReadError[]): void {
    for (const entry of FileSystem.sortedEntries(dir, errors) ?? []) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (exclude.some((glob) => Glob.matchesFile(glob, relative))) continue;
      // Symbolic links to directories are not followed (no cycles); links to files are read.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) InputPaths.walk(root, full, exclude, found, skipped, errors);
      } else if (KUBECTL_EXTENSIONS.has(path.extname(entry.name)) && (entry.isFile() || FileSystem.isFileLink(full))) {
        if (BUILD_TOOL_FILES.some((name) => name.test(entry.name)) || BUILD_TOOL_PATHS.some((tail) => tail.test(relative))) skipped.push(full);
        else found.push(full);
      }
    }
  }
}

function summarize(files: readonly string[]): string {
  const names = [...new Set(files.map((f) => path.basename(f)))];
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')}, ...`;
}

