import type { Settings } from '../compliance/settings';

/**
 * Precedence: what a door is given (CLI flags, plugin properties, `check()` options) overrides
 * the configuration file key by key; per-rule severities and pod templates (by group and kind)
 * merge, the door's entry winning.
 */
export class SettingsLayers {
  public static merge(file: Settings, door: Settings): Settings {
    const merged: Record<string, unknown> = { ...file };
    for (const [key, value] of Object.entries(door)) {
      if (value !== undefined) merged[key] = value;
    }
    if (file.severityOverrides !== undefined || door.severityOverrides !== undefined) {
      merged.severityOverrides = { ...file.severityOverrides, ...door.severityOverrides };
    }
    if (file.podTemplates !== undefined && door.podTemplates !== undefined) {
      const key = (t: { readonly group: string; readonly kind: string }) => `${t.group}/${t.kind}`;
      const fromDoor = new Set(door.podTemplates.map(key));
      merged.podTemplates = [...file.podTemplates.filter((t) => !fromDoor.has(key(t))), ...door.podTemplates];
    }
    return merged as Settings;
  }

  private constructor() {}
}
