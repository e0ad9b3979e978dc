/**
 * The globs of the settings (`exclude`, and the `name` and `file` selectors of suppressions):
 * `*` matches within one path segment, `**` across segments, `?` one character; nothing else is
 * special. One matcher for every door, so that a glob means the same in the CLI and the plugin.
 */
export class Glob {
  /**
   * True when `pattern` matches the file `file`, or any tail of it that starts after a `/`
   * (like a .gitignore pattern: `vendor/**` matches `vendor/a.yaml`, `./vendor/a.yaml`,
   * `../repo/vendor/a.yaml` and `/abs/repo/vendor/a.yaml`). Backslashes count as `/`, so a path
   * from Windows matches the same glob.
   */
  public static matchesFile(pattern: string, file: string): boolean {
    const regex = Glob.compile(Glob.normalize(pattern));
    const path = Glob.normalize(file);
    if (regex.test(path)) return true;
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      if (regex.test(path.slice(i + 1))) return true;
    }
    return false;
  }

  /** True when `pattern` matches the whole of `name` (an object name: `*` and `**` are the same there). */
  public static matchesName(pattern: string, name: string): boolean {
    return Glob.compile(pattern).test(name);
  }

  /** Why a glob cannot be used (empty, or not a string), or undefined. */
  public static problem(pattern: unknown): string | undefined {
    if (typeof pattern !== 'string' || pattern.trim() === '') return `${JSON.stringify(pattern)} is not a glob: use a non-empty pattern such as 'vendor/**/*.yaml'`;
    return undefined;
  }

  private static readonly cache = new Map<string, RegExp>();

  private static compile(pattern: string): RegExp {
    let regex = Glob.cache.get(pattern);
    if (regex) return regex;
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '*' && pattern[i + 1] === '*') {
        // `**/` also matches no directory at all (`a/**/b` matches `a/b`).
        if (pattern[i + 2] === '/') {
          source += '(?:.*/)?';
          i += 2;
        } else {
          source += '.*';
          i += 1;
        }
      } else if (c === '*') {
        source += '[^/]*';
      } else if (c === '?') {
        source += '[^/]';
      } else {
        source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
    }
    regex = new RegExp(`^${source}$`);
    Glob.cache.set(pattern, regex);
    return regex;
  }

  /** Slashes only, no leading `./`. */
  private static normalize(path: string): string {
    return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  }

  private constructor() {}
}
