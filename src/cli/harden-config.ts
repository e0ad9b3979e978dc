import { UsageError } from './arguments';
import { HardenOptionsError, HardenOptionsModel, TokenContainerChoice } from '../harden/harden-options';

/** What the `harden` section of `.guardrails.yaml` gives. */
export interface HardenConfig {
  readonly tokenContainers: readonly TokenContainerChoice[];
  readonly tokenTtlSeconds?: number;
}

const KEYS = ['tokenContainers', 'tokenTtlSeconds'];

/**
 * The `harden` section of `.guardrails.yaml` (the configuration module reads the file and hands
 * the section over), the shape of `HardenOptions`:
 *
 * ```yaml
 * harden:
 *   tokenTtlSeconds: 3600
 *   tokenContainers:
 *     Deployment/argocd/argocd-server: [argocd-server]
 * ```
 */
export class HardenConfigSection {
  /** @throws UsageError naming the file, the key, the value and what is allowed */
  public static of(section: unknown, file: string): HardenConfig {
    const fail = (key: string, problem: string) => new UsageError(`${file}: ${key} ${problem}`, 'harden');
    if (section === undefined || section === null) return { tokenContainers: [] };
    if (!isMapping(section)) throw fail('harden', `must be a mapping with ${KEYS.join(', ')}`);
    const unknown = Object.keys(section).find((k) => !KEYS.includes(k));
    if (unknown !== undefined) throw fail(`harden.${unknown}`, `is not a setting (allowed: ${KEYS.join(', ')})`);
    const ttl = section.tokenTtlSeconds;
    if (ttl !== undefined && !Number.isInteger(ttl)) throw fail('harden.tokenTtlSeconds', `${JSON.stringify(ttl)} is not allowed: expected whole seconds`);
    const containers = section.tokenContainers ?? {};
    if (!isMapping(containers)) {
      throw fail('harden.tokenContainers', 'must map workloads (KIND/NAMESPACE/NAME or KIND/NAME) to lists of container names');
    }
    const tokenContainers = Object.entries(containers).map(([workload, names]): TokenContainerChoice => {
      const key = `harden.tokenContainers.${workload}`;
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || n === '')) {
        throw fail(key, `${JSON.stringify(names)} is not allowed: expected a list of container names ([] for none)`);
      }
      try {
        return { workload: HardenOptionsModel.parseWorkload(workload), containers: names as string[], origin: `${file} ${key}` };
      } catch (e) {
        if (!(e instanceof HardenOptionsError)) throw e;
        throw fail(key, e.problem);
      }
    });
    return ttl === undefined ? { tokenContainers } : { tokenContainers, tokenTtlSeconds: ttl as number };
  }

  private constructor() {}
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
