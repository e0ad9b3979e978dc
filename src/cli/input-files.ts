import * as fs from 'fs';
import * as path from 'path';
import type { InputError, ManifestInput } from '../reader/input';
import { YamlManifests } from '../reader/yaml-manifests';

/** The name standard input has in findings and errors. */
export const STDIN_NAME = '<stdin>';

/** Everything read from the paths given on the command line. */
export interface ReadInputs {
  readonly inputs: ManifestInput[];
  readonly errors: InputError[];
  /** How many files (and stdin) were read. */
  readonly files: number;
}

const YAML_FILE = /\.ya?ml$/i;

/** Directories that never hold manifests to check, skipped when a directory is searched. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * Turns command-line operands (files, directories, `-` for stdin) into manifests. A path that
 * cannot be read is an input error; the other paths are still read.
 */
export class InputFiles {
  /** @param readStdin returns all of standard input (injected so tests need no real stdin) */
  public static read(operands: readonly string[], readStdin: () => Buffer): ReadInputs {
    const inputs: ManifestInput[] = [];
    const errors: InputError[] = [];
    let files = 0;
    const add = (content: Buffer, name: string) => {
      files++;
      const loaded = YamlManifests.load(content, name);
      for (const input of loaded.inputs) inputs.push(input);
      for (const error of loaded.errors) errors.push(error);
    };
    for (const operand of operands) {
      if (operand === '-') {
        add(readStdin(), STDIN_NAME);
        continue;
      }
      for (const file of InputFiles.expand(operand, errors)) {
        let content: Buffer;
        try {
          content = fs.readFileSync(file);
        } catch (e) {
          errors.push({ file, message: `cannot read file: ${describeFsError(e)}` });
          continue;
        }
        add(content, file);
      }
    }
    return { inputs, errors, files };
  }

  /** A file as itself; a directory as every `*.yaml`/`*.yml` below it, sorted so output is stable. */
  public static expand(operand: string, errors: InputError[]): string[] {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(operand);
    } catch (e) {
      errors.push({ file: operand, message: `cannot read: ${describeFsError(e)}` });
      return [];
    }
    if (!stat.isDirectory()) return [operand];
    const found: string[] = [];
    InputFiles.walk(operand, found, errors);
    if (found.length === 0) {
      errors.push({ file: operand, message: 'directory contains no *.yaml or *.yml file' });
    }
    return found;
  }

  private static walk(dir: string, found: string[], errors: InputError[]): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: dir, message: `cannot read directory: ${describeFsError(e)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // Symbolic links to directories are not followed (no cycles); links to files are read.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) InputFiles.walk(full, found, errors);
      } else if (YAML_FILE.test(entry.name) && (entry.isFile() || isFileLink(full))) {
        found.push(full);
      }
    }
  }
}

function isFileLink(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `ENOENT: no such file or directory` rather than the full Node message with the syscall. */
function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ERR_FS_FILE_TOO_LARGE': return 'file is too large to read';
    default: return err.code ?? String(err.message ?? err);
  }
}
