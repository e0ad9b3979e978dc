import * as fs from 'fs';
import * as path from 'path';
import type { Document, Node } from 'yaml';
import { ConfigSchema, CONFIG_FILE_NAME } from './config-schema';
import { DocumentPath, SchemaValidator } from './schema-validator';
import type { ConfiguredSuppression } from '../compliance/configured-suppressions';
import { Settings, SettingsError, SettingsModel } from '../compliance/settings';
import { YamlLibrary } from '../reader/yaml-library';

/** A configuration file that cannot be used: each line names the file, the line and what is wrong. */
export class ConfigError extends Error {
  constructor(public readonly file: string, public readonly problems: ReadonlyArray<{ readonly line?: number; readonly message: string }>) {
    super(problems.map((p) => `${file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** A configuration file, read and validated. */
export interface LoadedConfig {
  /** The file, as messages name it. */
  readonly file: string;
  /** The settings it gives (the doors' own settings override them: `SettingsLayers.merge`). */
  readonly settings: Settings;
  /**
   * The `harden` section (its shape checked by the schema), for `cdk8s-guardrails harden`, which
   * reads it with `HardenConfigSection` (the workload names, and options with the flags).
   */
  readonly harden?: Readonly<Record<string, unknown>>;
}

/** How a door looks for its configuration. */
export interface ConfigLookup {
  /** An explicit file (`--config FILE`, the plugin's `config`, `check({ config })`). */
  readonly config?: string;
  /** No configuration file at all (`--no-config`). */
  readonly noConfig?: boolean;
  /** Where the search starts (the working directory). */
  readonly cwd: string;
}

/** The settings each key of the file fills, for messages about a value the settings model refuses. */
const SETTING_KEYS: Readonly<Record<string, string>> = {
  packs: 'packs',
  failOn: 'failOn',
  maxTokenTtlSeconds: 'maxTokenTtl',
  podSecurityVersion: 'podSecurityVersion',
  namespace: 'namespace',
  exclude: 'exclude',
  severityOverrides: 'rules',
  suppressions: 'suppressions',
  unsuppressible: 'unsuppressible',
  podTemplates: 'podTemplates',
};

/**
 * `.guardrails.yaml`: found in the working directory or its parents up to the repository root
 * (a directory holding `.git`) or the file system root, or named explicitly. It is YAML 1.2 (so
 * `off` is the string off), validated with the schema that ships with the package; every error
 * names the file, the line and, for a name that is not allowed, the closest valid names.
 */
export class ConfigFile {
  /** The configuration a door uses, or undefined when there is none. @throws ConfigError */
  public static resolve(lookup: ConfigLookup): LoadedConfig | undefined {
    if (lookup.noConfig) return undefined;
    if (lookup.config !== undefined) return ConfigFile.load(lookup.config);
    const found = ConfigFile.find(lookup.cwd);
    if (found === undefined) return undefined;
    const relative = path.relative(lookup.cwd, found);
    return ConfigFile.load(found, relative !== '' && !path.isAbsolute(relative) ? relative : found);
  }

  /** The nearest `.guardrails.yaml` from `directory` up to the repository root, or undefined. */
  public static find(directory: string): string | undefined {
    let dir = path.resolve(directory);
    for (;;) {
      const candidate = path.join(dir, CONFIG_FILE_NAME);
      if (fs.existsSync(candidate)) return candidate;
      // `.git` is a directory in a clone and a file in a worktree: either way this is the root.
      if (fs.existsSync(path.join(dir, '.git'))) return undefined;
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  /** Reads and validates a configuration file. @throws ConfigError */
  public static load(file: string, name: string = file): LoadedConfig {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf-8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ConfigError(name, [{ message: `cannot read the configuration file: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}` }]);
    }
    return ConfigFile.parse(text, name);
  }

  /** Validates the text of a configuration file named `file`. @throws ConfigError */
  public static parse(text: string, file: string): LoadedConfig {
    const { LineCounter, parseDocument } = YamlLibrary.load();
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
    if (doc.errors.length > 0) {
      throw new ConfigError(file, doc.errors.map((e) => ({ line: lineCounter.linePos(e.pos[0]).line, message: `not valid YAML: ${e.message.split('\n')[0]}` })));
    }
    const lineOf = (at: DocumentPath, atKey = false) => lineCounter.linePos(offsetOf(doc, at, atKey)).line;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new ConfigError(file, [{ line: 1, message: `not valid YAML: ${(e as Error).message}` }]);
    }
    if (value === null || value === undefined) return { file, settings: {} };
    const problems = SchemaValidator.validate(ConfigSchema.build(), value);
    if (problems.length > 0) {
      throw new ConfigError(file, problems.map((p) => ({ line: lineOf(p.path, p.atKey), message: `${describePath(p.path)}${p.message}` })));
    }
    const config = value as Record<string, any>;
    const settings: Settings = {
      ...defined('packs', config.packs),
      ...defined('failOn', config.failOn),
      ...defined('maxTokenTtlSeconds', config.maxTokenTtl),
      ...defined('podSecurityVersion', config.podSecurityVersion),
      ...defined('namespace', config.namespace),
      ...defined('exclude', config.exclude),
      ...defined('severityOverrides', config.rules),
      ...defined('suppressions', (config.suppressions as ConfiguredSuppression[] | undefined)?.map((s, i) => ({ ...s, origin: `${file}:${lineOf(['suppressions', i])}` }))),
      ...defined('unsuppressible', config.unsuppressible),
      ...defined('podTemplates', (config.podTemplates as Array<{ group: string; kind: string; paths?: string[] }> | undefined)
        ?.map((t) => ({ group: t.group, kind: t.kind, paths: t.paths ?? [] }))),
    };
    // What the schema cannot say (a reason that is no sentence, a date that does not exist, a
    // Pod Security version too old): the settings model decides, and the error points at the key.
    try {
      SettingsModel.resolve(settings);
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      throw new ConfigError(file, [{ line: lineOf(pathOfSetting(e.setting)), message: `${describePath(pathOfSetting(e.setting))}${e.problem}` }]);
    }
    return { file, settings, ...(config.harden !== undefined ? { harden: config.harden } : {}) };
  }

  private constructor() {}
}

/** `{ key: value }` when the value is set, else nothing. */
function defined<K extends keyof Settings>(key: K, value: unknown): Pick<Settings, K> | {} {
  return value === undefined ? {} : { [key]: value };
}

/** `suppressions[1].rule: ` for messages (nothing at the root). */
function describePath(at: DocumentPath): string {
  if (at.length === 0) return '';
  return `${at.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i > 0 ? '.' : ''}${seg}`)).join('')}: `;
}

/** The place in the file of a setting the settings model names (`suppressions[2]`, `severityOverrides['x']`). */
function pathOfSetting(setting: string): DocumentPath {
  const match = /^(\w+)(?:\[(\d+)\]|\['([^']*)'\])?/.exec(setting);
  if (!match) return [];
  const key = SETTING_KEYS[match[1]] ?? match[1];
  if (match[2] !== undefined) return [key, Number(match[2])];
  if (match[3] !== undefined) return [key, match[3]];
  return [key];
}

/** The offset of the node (or its key) at `at`; the deepest existing node when part of the path is missing. */
function offsetOf(doc: Document, at: DocumentPath, atKey: boolean): number {
  const { isMap, isSeq } = YamlLibrary.load();
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (let i = 0; i < at.length && node; i++) {
    const seg = at[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === seg);
      if (!pair) break;
      const key = pair.key as Node | null;
      if (i === at.length - 1 && atKey && key?.range) return key.range[0];
      node = pair.value as Node | null;
      offset = node?.range?.[0] ?? key?.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg] as Node | null;
      offset = node?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}
