import * as fs from 'fs';
import * as path from 'path';
import { App, Yaml, YamlOutputType } from 'cdk8s';

/**
 * Runs `app.synth()` so that its YAML files are written only when the check passes: a failing
 * synth leaves no non-compliant YAML behind, and each object is still rendered once.
 */
export class HeldWrites {
  /**
   * Runs `synth` holding back the app's writes; `onStagingDirectory` is told where reports must
   * go while a staging directory stands in for the outdir (undefined afterwards).
   */
  public static run(app: App, synth: () => void, onStagingDirectory: (realOutdir: string | undefined) => void): void {
    // These outputs write more than `Yaml.save` files (per-chart folders, construct metadata):
    // they go through a staging directory. The common outputs buffer the writes instead.
    const recordsMetadata = (app as unknown as { recordConstructMetadata?: boolean }).recordConstructMetadata === true;
    if (app.yamlOutputType === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE || recordsMetadata) {
      HeldWrites.throughStaging(app, synth, onStagingDirectory);
    } else {
      HeldWrites.buffered(app, synth);
    }
  }

  /**
   * Holds back cdk8s's `Yaml.save(filePath, docs)` calls for files in the outdir during the synth
   * and makes them after the check passes: the same files, from the same documents, without the
   * cost of a staging directory (mkdtemp, rename, rm on every synth).
   */
  private static buffered(app: App, synth: () => void): void {
    const outdir = path.resolve(app.outdir);
    const held: Array<{ filePath: string; docs: any[] }> = [];
    const save = Yaml.save;
    Yaml.save = function heldSave(filePath: string, docs: any[]): void {
      // Only the app's own output waits; anything else (e.g. `Yaml.tmp`) is written as usual.
      if (isInside(outdir, filePath)) held.push({ filePath, docs });
      else save.call(Yaml, filePath, docs);
    };
    try {
      synth();
    } finally {
      Yaml.save = save;
    }
    for (const { filePath, docs } of held) save.call(Yaml, filePath, docs);
  }

  /**
   * Runs `app.synth()` into a staging directory inside the outdir and moves the files into
   * place only when the check passes (the files are renamed, not rewritten).
   */
  private static throughStaging(app: App, synth: () => void, onStagingDirectory: (realOutdir: string | undefined) => void): void {
    const outdir = app.outdir;
    const descriptor = Object.getOwnPropertyDescriptor(app, 'outdir');
    fs.mkdirSync(outdir, { recursive: true });
    const staging = fs.mkdtempSync(path.join(outdir, '.guardrails-staging-'));
    onStagingDirectory(outdir);
    Object.defineProperty(app, 'outdir', { value: staging, configurable: true, writable: true, enumerable: true });
    try {
      synth();
      moveInto(staging, outdir);
    } finally {
      if (descriptor) Object.defineProperty(app, 'outdir', descriptor);
      else delete (app as { outdir?: string }).outdir;
      onStagingDirectory(undefined);
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  private constructor() {}
}

/** True when `filePath` is at or below `directory` (an absolute, resolved path). */
function isInside(directory: string, filePath: string): boolean {
  const relative = path.relative(directory, path.resolve(filePath));
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** Moves every file below `from` to the same place below `to`, replacing files that exist. */
function moveInto(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      moveInto(source, target);
    } else {
      fs.renameSync(source, target);
    }
  }
}
