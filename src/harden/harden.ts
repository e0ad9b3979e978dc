import { ApiObject, Chart, Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { HardenOptionsError, HardenOptionsModel, ResolvedHardenOptions, TokenContainerChoice } from './harden-options';
import { HardenRewrite, ObjectPlanner } from './harden-rewrite';
import { ManifestEdits } from './manifest-edit';
import { ClosestName } from '../compliance/closest-name';
import { ManifestIndex } from '../compliance/manifest-index';
import { PropertyError } from '../errors';
import type { Manifest } from '../k8s/manifest';
import { Namespaces } from '../k8s/namespace';
import type { PodTemplateKind } from '../k8s/pod-template-kind';

/** Options of `Harden`. */
export interface HardenProps {
  /**
   * The containers that get the API token, per workload: `Kind/namespace/name` (or `Kind/name`
   * for `namespace`) to container names (init or regular). Every other container of that
   * workload gets none; an empty list gives the token to no container.
   *
   * @default - a workload keeps the token in every container that held it (nothing breaks; the
   * `token/sidecar-exposure` rule reports the pods with more than one holder)
   */
  readonly tokenContainers?: { [workload: string]: string[] };

  /**
   * Lifetime of the tokens written, and the longest an existing API token may keep (longer ones,
   * and the 3607 s sentinel that the API server extends to a year, are shortened to it).
   *
   * @default Duration.hours(1)
   */
  readonly tokenTtl?: Duration;

  /**
   * The namespace of namespaced objects that set none, as `kubectl apply -n` would put them; also
   * the namespace of the `Kind/name` form of `tokenContainers`.
   *
   * @default - the namespace of the scope's chart, else 'default'
   */
  readonly namespace?: string;

  /**
   * Kinds added to the table of where pods are (custom resources that run pods), as
   * `GuardrailsCheckOptions.podTemplates`: their pods are hardened like a Deployment's.
   *
   * @default - the built-in table only
   */
  readonly podTemplates?: PodTemplateKind[];
}

/** The kinds the rewrite reads to decide who holds permissions (rendered once per synth for the model). */
const ACCOUNT_KINDS = new Set(['ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** Marks the `toJson` wrappers a `Harden` installed, so each object is wrapped once per `Harden`. */
const WRAPPED_BY = Symbol.for('cdk8s-guardrails.harden.wrappedBy');

const TYPE = 'Harden';

/**
 * Hardens third-party manifests at synth: every ApiObject under the scope (`Include`, `Helm`,
 * raw `ApiObject`s, objects of any cdk8s-plus version) is rewritten on its rendered JSON exactly
 * as `cdk8s-guardrails harden` rewrites YAML: ServiceAccounts and pods get
 * `automountServiceAccountToken: false`; a pod whose ServiceAccount holds permissions (RBAC under
 * the scope, and the built-in roles) gets a projected, short-lived token with the CA and namespace,
 * mounted read-only at `/var/run/secrets/kubernetes.io/serviceaccount` into the containers that
 * need it; API tokens longer than `tokenTtl` (or of 3607 s) are shortened.
 *
 * Each object is rewritten where cdk8s renders it (its `toJson`), so what `Guardrails.of(app).check()`
 * checks and what is written are the same hardened manifests. The ServiceAccounts and RBAC
 * objects under the scope are rendered once more per synth to build the permission model (cdk8s
 * and cdk8s-plus render them the same way each time). Applying it twice changes nothing more.
 */
export class Harden extends Construct {
  /** The namespace of the chart the scope is in, if it is in one that has one. */
  private static chartNamespace(scope: IConstruct): string | undefined {
    for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
      if (Chart.isChart(c)) return c.namespace;
    }
    return undefined;
  }

  /** The options, resolved. */
  private readonly options: ResolvedHardenOptions;
  /** The model of the accounts, built on first use in each synth. */
  private planner?: ObjectPlanner;

  /**
   * @param scope every ApiObject at or below this construct is hardened (a chart, an `Include`, a `Helm`)
   * @param id construct id
   */
  constructor(scope: Construct, id: string, props: HardenProps = {}) {
    super(scope, id);
    const tokenContainers = Object.entries(props.tokenContainers ?? {}).map(([workload, containers]): TokenContainerChoice => {
      try {
        const choice = HardenOptionsModel.parseChoice(`${workload}=`, `tokenContainers['${workload}']`);
        return { ...choice, containers: [...containers] };
      } catch (e) {
        if (!(e instanceof HardenOptionsError)) throw e;
        throw new PropertyError(TYPE, this, 'tokenContainers', e.problem);
      }
    });
    let tokenTtlSeconds: number | undefined;
    try {
      tokenTtlSeconds = props.tokenTtl?.toSeconds();
    } catch {
      throw new PropertyError(TYPE, this, 'tokenTtl', `${props.tokenTtl?.toHumanString()} is not a whole number of seconds`);
    }
    try {
      this.options = HardenOptionsModel.resolve({
        tokenContainers,
        tokenTtlSeconds,
        namespace: props.namespace ?? Harden.chartNamespace(scope),
        podTemplates: props.podTemplates?.map((t) => ({ group: t.group, kind: t.kind, paths: t.paths ?? [] })),
      });
    } catch (e) {
      if (!(e instanceof HardenOptionsError)) throw e;
      throw new PropertyError(TYPE, this, e.option === 'tokenTtlSeconds' ? 'tokenTtl' : e.option, e.problem);
    }
    // cdk8s validates the whole app before it renders anything (app.synth, synthYaml, Testing.synth):
    // the objects present then are the ones written, and the model must be built anew.
    this.node.addValidation({ validate: () => this.beforeSynth() });
  }

  /** Wraps every ApiObject of the scope, forgets the last synth's model, and checks the named workloads exist. */
  private beforeSynth(): string[] {
    this.planner = undefined;
    const objects = this.apiObjects();
    for (const apiObject of objects) this.wrap(apiObject);
    const names = objects.map((o) => this.workloadName(o));
    const problems: string[] = [];
    for (const choice of this.options.tokenContainers) {
      const wanted = HardenOptionsModel.workloadKey(choice.workload, this.options.namespace);
      if (names.some((n) => n.key === wanted)) continue;
      const full = `${choice.workload.kind}/${choice.workload.namespace ?? this.options.namespace}/${choice.workload.name}`;
      problems.push(`${TYPE}: ${choice.origin} names ${full}, which is not an object under '${this.node.scope?.node.path || '(app)'}'`
        + `${ClosestName.hint(full, names.map((n) => n.name))}`);
    }
    return problems;
  }

  /** Makes the object's `toJson` return its hardened JSON (the same object, changed in place). */
  private wrap(apiObject: ApiObject): void {
    const current = apiObject.toJson as ((this: ApiObject) => any) & { [WRAPPED_BY]?: Harden };
    if (current[WRAPPED_BY] === this) return;
    const harden = this;
    const hardened = Object.assign(function hardenedToJson(this: ApiObject) {
      const json = current.call(apiObject);
      harden.rewrite(apiObject, json);
      return json;
    }, { [WRAPPED_BY]: this });
    Object.defineProperty(apiObject, 'toJson', { configurable: true, writable: true, value: hardened });
  }

  /** Rewrites one rendered object in place. @throws Error naming a container of `tokenContainers` the workload does not have */
  private rewrite(apiObject: ApiObject, json: Manifest): void {
    if (json === null || typeof json !== 'object') return;
    const planner = this.planner ??= new ObjectPlanner(this.accounts(), this.options);
    const index = HardenOptionsModel.index([{ manifest: json, source: { constructPath: apiObject.node.path } }], this.options);
    const object = index.objects[0];
    const choice = planner.choiceFor(object);
    if (choice) {
      const problems = HardenRewrite.choiceProblems(index, { ...this.options, tokenContainers: [choice] });
      if (problems.length > 0) throw new Error(`${TYPE} '${this.node.path}': ${problems.join('; ')}`);
    }
    const planned = planner.plan(object, index.podSpecs);
    // cdk8s renders keys sorted: added keys keep that order.
    ManifestEdits.applyTo(json, planned.edits, true);
  }

  /** The ServiceAccounts and RBAC objects of the scope as they render without the rewrite. */
  private accounts(): ManifestIndex {
    const manifests = this.apiObjects()
      .filter((o) => ACCOUNT_KINDS.has(o.kind))
      // The class's own rendering: neither this wrapper nor a recorder of the synth door sees it.
      .map((o) => ({ manifest: Object.getPrototypeOf(o).toJson.call(o) as Manifest }));
    return HardenOptionsModel.index(manifests, this.options);
  }

  private apiObjects(): ApiObject[] {
    const scope = this.node.scope as IConstruct;
    return scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
  }

  /** `Kind/namespace/name` of an object without rendering it, and its key for matching choices. */
  private workloadName(apiObject: ApiObject): { name: string; key: string } {
    const namespaced = Namespaces.isNamespaced(apiObject.apiVersion, apiObject.kind);
    const namespace = namespaced ? apiObject.metadata.namespace ?? this.options.namespace : undefined;
    const name = namespace === undefined ? `${apiObject.kind}/${apiObject.name}` : `${apiObject.kind}/${namespace}/${apiObject.name}`;
    return { name, key: HardenOptionsModel.workloadKey({ kind: apiObject.kind, namespace: namespace ?? '', name: apiObject.name }, this.options.namespace) };
  }
}
