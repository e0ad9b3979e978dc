import type { Settings } from '../compliance/settings';

/**
 * Precedence: what a door is given (CLI flags, plugin properties, `check()` options) overrides
 * the configuration file key by key; per-rule severities merge, the door's entry winning.
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
    return merged as Settings;
  }

  private constructor() {}
}
