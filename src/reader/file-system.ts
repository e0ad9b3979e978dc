import * as fs from 'fs';

/** What the readers of manifests and of audit logs need from the file system, with the same wording of every failure. */
export class FileSystem {
  /** `no such file or directory` rather than Node's full message with the syscall. */
  public static describeError(e: unknown): string {
    const err = e as NodeJS.ErrnoException | undefined;
    switch (err?.code) {
      case 'ENOENT': return 'no such file or directory';
      case 'EACCES': case 'EPERM': return 'permission denied';
      case 'EISDIR': return 'is a directory';
      case 'ERR_FS_FILE_TOO_LARGE': return 'file is too large to read';
      case 'Z_DATA_ERROR': return `not valid gzip data (${err.message})`;
      case 'Z_BUF_ERROR': return 'gzip data ends early (truncated file)';
      default: return err?.code ?? String(err?.message ?? err);
    }
  }

  /**
   * The entries of a directory sorted by name (the same order on every machine), or undefined
   * when it cannot be read, with the reason added to `errors`.
   */
  public static sortedEntries(dir: string, errors: Array<{ file: string; message: string }>): fs.Dirent[] | undefined {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: dir, message: `cannot read directory: ${FileSystem.describeError(e)}` });
      return undefined;
    }
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** True for a symbolic link to a file (links to directories are not followed: no cycles). */
  public static isFileLink(file: string): boolean {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  }

  private constructor() {}
}
