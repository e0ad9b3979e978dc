import { Packs } from '../compliance/packs';
import { TOOL_INFORMATION_URI } from '../compliance/report/render-context';
import { RuleSelectors } from '../compliance/rule-selector';
import { ENGINE_RULES, RuleRegistry } from '../compliance/rules';
import { FAIL_ON_LEVELS, RULE_SETTINGS } from '../compliance/settings';
import { MIN_REASON_LENGTH } from '../compliance/suppressions';
import { TokenLifetime } from '../k8s/token-lifetime';

/** The name of the configuration file, found in the working directory or a parent. */
export const CONFIG_FILE_NAME = '.guardrails.yaml';

/** Where the schema ships in the package (and sits in the repository), relative to the package root. */
export const CONFIG_SCHEMA_PATH = 'schemas/guardrails-config.schema.json';

/** A JSON Schema (draft-07), limited to the keywords `SchemaValidator` implements. */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/**
 * The JSON schema of `.guardrails.yaml`, built from the rule catalogue and the packs (so editors
 * complete every rule id, family and pack). The CLI validates with it; the copy in
 * `schemas/guardrails-config.schema.json` ships with the package for editors (a test fails when
 * it drifts: `npx projen docs:rules` rewrites it).
 */
export class ConfigSchema {
  public static build(): JsonSchema {
    const configurable = RuleRegistry.ids().filter((id) => !ENGINE_RULES.some((rule) => rule.id === id));
    const selectors = RuleSelectors.all(configurable);
    const text = (description: string, extra: Record<string, unknown> = {}) => ({ type: 'string', minLength: 1, description, ...extra });
    return {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `${TOOL_INFORMATION_URI}/${CONFIG_SCHEMA_PATH}`,
      title: 'cdk8s-guardrails configuration (.guardrails.yaml)',
      description: 'One configuration for every door: the synth-time check, the cdk8s-guardrails CLI (whose flags override it) and the cdk8s synth plugin.',
      type: 'object',
      additionalProperties: false,
      properties: {
        $schema: { type: 'string', description: 'The schema of this file, for editors.' },
        packs: { type: 'array', description: 'Rule packs to run. Default [recommended].', items: { enum: Packs.names() } },
        failOn: { enum: [...FAIL_ON_LEVELS], description: 'The lowest severity of a finding that fails the run. Default error.' },
        maxTokenTtl: {
          type: 'integer',
          minimum: TokenLifetime.MIN_SECONDS,
          maximum: TokenLifetime.MAX_SECONDS,
          description: `Longest projected ServiceAccount token lifetime allowed, in seconds. Default ${TokenLifetime.DEFAULT_SECONDS}.`,
        },
        podSecurityVersion: text('Pod Security Standards version the pss/* rules follow: latest or v1.N. Default latest.', { pattern: '^(latest|v1\\.[0-9]+)$' }),
        namespace: text('The namespace of namespaced objects that set none, as kubectl apply -n puts them. Default default.'),
        exclude: { type: 'array', description: 'Files not to check: globs (* within a directory, ** across) matched against each file\'s path or any tail of it.', items: text('A glob, e.g. vendor/**/kustomization.yaml.') },
        rules: {
          type: 'object',
          description: 'Per-rule severity, or off. A rule outside the chosen packs is turned on.',
          propertyNames: { enum: configurable },
          additionalProperties: { enum: [...RULE_SETTINGS] },
        },
        suppressions: {
          type: 'array',
          description: 'Suppressions by selector: findings they cover are reported as suppressed with the reason.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['rule', 'reason'],
            properties: {
              rule: { enum: selectors, description: 'A rule id, or a family such as pss/*.' },
              reason: { type: 'string', minLength: MIN_REASON_LENGTH, description: 'Why the findings are acceptable: a sentence.' },
              kind: text('Only objects of this kind (e.g. ClusterRole).'),
              namespace: text('Only objects in this namespace.'),
              name: text('Only objects whose name matches this glob (e.g. vendor-*).'),
              file: text('Only objects read from a file matching this glob (e.g. vendor/**).'),
              target: text('Only the finding with this target (a container, a verb resource permission, a subject).'),
              expires: { type: 'string', pattern: DATE_PATTERN, description: 'The last day (YYYY-MM-DD, UTC) it applies; afterwards guardrails/expired-suppression reports it.' },
            },
          },
        },
        unsuppressible: { type: 'array', description: 'Rule ids or families that no suppression may silence.', items: { enum: selectors } },
        podTemplates: {
          type: 'array',
          description: 'Kinds to add to the table of where pods are (custom resources that run pods), or to declare as holding no pod.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['group', 'kind'],
            properties: {
              group: { type: 'string', description: 'The API group of the kind (example.com for example.com/v1; empty for core).' },
              kind: text('The kind, as written in manifests (e.g. WorkerPool).'),
              paths: {
                type: 'array',
                description: 'Paths to its pod specs: dotted field names, name[*] for every item of a list, * for every value of a map. None: the kind holds no pod.',
                items: text('A path, e.g. spec.pools[*].template.spec.'),
              },
            },
          },
        },
        harden: {
          type: 'object',
          description: 'Settings of cdk8s-guardrails harden (which also checks the workload names).',
          additionalProperties: false,
          properties: {
            tokenTtlSeconds: {
              type: 'integer',
              minimum: TokenLifetime.MIN_SECONDS,
              maximum: TokenLifetime.MAX_SECONDS,
              description: `Lifetime of the projected tokens harden writes, and the longest an existing API token may keep; never ${TokenLifetime.EXTENDED_SENTINEL_SECONDS}. Default ${TokenLifetime.DEFAULT_SECONDS} (or maxTokenTtl if shorter).`,
            },
            tokenContainers: {
              type: 'object',
              description: 'The containers that get the API token, per workload: KIND/NAMESPACE/NAME (or KIND/NAME for namespace) to container names; [] for none.',
              additionalProperties: { type: 'array', items: text('A container name (init or regular).') },
            },
          },
        },
      },
    };
  }

  /** The schema file as it ships: stable JSON with a final newline. */
  public static text(): string {
    return JSON.stringify(ConfigSchema.build(), undefined, 2) + '\n';
  }

  private constructor() {}
}
