import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { BundleFile, CsvInputs, Json, olmBundleFiles, OlmSources } from './cluster-service-version';
import { WatchScopeKind } from './watch-scope';
import { PropertyError } from '../errors';

/** Options of `OperatorBundle.olm()`: the OLM package and release this bundle is. */
export interface OlmBundleOptions {
  /** The release's semantic version, e.g. `1.2.0` (the CSV is named `<packageName>.v<version>`). */
  readonly version: string;

  /** The channels the release is published in, e.g. `['stable']`. At least one. */
  readonly channels: string[];

  /**
   * The channel a subscription without one follows.
   *
   * @default - the first of `channels`
   */
  readonly defaultChannel?: string;

  /**
   * The OLM package name.
   *
   * @default - the bundle's name
   */
  readonly packageName?: string;

  /**
   * The name shown in OperatorHub.
   *
   * @default - the bundle's name
   */
  readonly displayName?: string;

  /**
   * A description for OperatorHub (Markdown).
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * Who publishes the operator.
   *
   * @default - none
   */
  readonly providerName?: string;

  /**
   * The CSV this release upgrades from, e.g. `widget-operator.v1.1.0`.
   *
   * @default - none (the first release)
   */
  readonly replaces?: string;

  /**
   * The oldest Kubernetes version the operator runs on.
   *
   * @default '1.28.0'
   */
  readonly minKubeVersion?: string;

  /**
   * Search keywords for OperatorHub.
   *
   * @default - none
   */
  readonly keywords?: string[];

  /**
   * The bundle's directory, relative to the app's outdir. It holds `manifests/` and `metadata/`,
   * which are rewritten on every synth.
   *
   * @default 'bundle'
   */
  readonly directory?: string;
}

const TYPE = 'OperatorBundle';
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CHANNEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Admission rules OLM refuses: it fails a CSV whose webhooks could lock the cluster or OLM itself. */
const OLM_FORBIDDEN_GROUPS = ['operators.coreos.com'];
const OLM_FORBIDDEN_RESOURCES = ['admissionregistration.k8s.io/validatingwebhookconfigurations', 'admissionregistration.k8s.io/mutatingwebhookconfigurations'];

/** What an OLM bundle reads from its `OperatorBundle` (not imported: the bundle creates it). */
interface OlmSourceProvider extends Construct {
  readonly name: string;
  readonly namespace: string;
  _olmSources(): OlmSources;
}

/** Bundle directories claimed per app: two bundles must not write into one. */
const DIRECTORIES = new WeakMap<App, Map<string, string>>();

/**
 * An OLM (v0, registry+v1) bundle of an `OperatorBundle`, written on every `app.synth()` beside
 * the plain YAML: `<directory>/manifests/<packageName>.clusterserviceversion.yaml`, the CRDs, the
 * other objects OLM installs (metrics Service, metrics-reader role and binding, ServiceMonitor,
 * PodDisruptionBudget, the ServiceAccount), and `<directory>/metadata/annotations.yaml`.
 *
 * The CSV is computed from the manifests the bundle synthesized, so it cannot drift from them:
 *
 * - install strategy `deployment` with the same hardened pod spec (automount off, the projected
 *   token in the manager only); `WATCH_NAMESPACE` comes from the OperatorGroup
 *   (`olm.targetNamespaces`), and the webhook certificate from OLM, which mounts its own at
 *   controller-runtime's directory;
 * - `permissions` and `clusterPermissions` with exactly the rules the plain output binds to the
 *   operator's ServiceAccount through RoleBindings and ClusterRoleBindings. OLM grants
 *   `permissions` in each namespace of the OperatorGroup, so in OLM they hold wherever the
 *   operator watches (leader election included);
 * - `webhookdefinitions` for the webhooks (OLM writes its own `namespaceSelector` from the
 *   OperatorGroup);
 * - the install mode that matches `watch`: `ownNamespace()` is OwnNamespace, one other namespace
 *   SingleNamespace, a list MultiNamespace, `allNamespaces()` AllNamespaces.
 *
 * cert-manager objects are not shipped (OLM installs none): a metrics certificate from
 * cert-manager is left out of the CSV's pod (controller-runtime then serves a self-signed one),
 * and so is a ServiceMonitor that verifies it.
 */
export class OlmBundle extends Construct {
  /** The bundle directory, relative to the app's outdir. */
  public readonly directory: string;
  /** The CSV's name, `<packageName>.v<version>`. */
  public readonly csvName: string;
  /** The install modes the CSV supports. */
  public readonly installModes: string[];

  private readonly inputs: CsvInputs;

  private readonly operatorBundle: OlmSourceProvider;

  /**
   * Create it with `OperatorBundle.olm()`.
   * @param operatorBundle the `OperatorBundle` the bundle is of
   */
  constructor(operatorBundle: Construct, id: string, options: OlmBundleOptions) {
    super(operatorBundle, id);
    if (typeof (operatorBundle as Partial<OlmSourceProvider>)._olmSources !== 'function') {
      throw new PropertyError(TYPE, operatorBundle, 'olm', 'is an OLM bundle of something that is not an OperatorBundle (allowed: create it with bundle.olm())');
    }
    this.operatorBundle = operatorBundle as unknown as OlmSourceProvider;
    const sources = this.operatorBundle._olmSources();
    const packageName = options.packageName ?? this.operatorBundle.name;
    this.validateOptions(options, packageName, sources);
    this.directory = path.normalize(options.directory ?? 'bundle');
    this.claimDirectory();
    this.installModes = installModesOf(sources, this.operatorBundle.namespace);
    this.csvName = `${packageName}.v${options.version}`;
    this.inputs = {
      name: this.operatorBundle.name,
      namespace: this.operatorBundle.namespace,
      packageName,
      version: options.version,
      displayName: options.displayName ?? this.operatorBundle.name,
      description: options.description,
      providerName: options.providerName,
      replaces: options.replaces,
      minKubeVersion: options.minKubeVersion ?? '1.28.0',
      keywords: [...(options.keywords ?? [])],
      channels: [...options.channels],
      defaultChannel: options.defaultChannel ?? options.channels[0],
      installModes: this.installModes,
      serviceAccountName: this.operatorBundle.name,
      droppedVolumes: sources.droppedVolumes,
      droppedArgPrefixes: sources.droppedArgPrefixes,
      webhookPort: sources.webhookPort,
      conversionCrds: sources.conversionCrds,
      omittedObjects: sources.omittedObjects,
    };
    this.writeOnSynth();
  }

  /** The bundle's files, from the manifests the operator synthesized. @internal */
  public _files(manifests: Json[]): BundleFile[] {
    return olmBundleFiles(this.inputs, manifests);
  }

  /**
   * Writes the bundle after the app's YAML, from the very JSON that `app.synth()` wrote: each of
   * the operator's objects records what its `toJson()` returned during the synth, so nothing is
   * rendered twice (some cdk8s-plus objects render differently on a second call).
   */
  private writeOnSynth(): void {
    const app = App.of(this);
    const synth = app.synth;
    app.synth = () => {
      const recorded = new Map<ApiObject, Json>();
      const objects = this.operatorBundle.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
      const restore = objects.map((o) => recordToJson(o, recorded));
      try {
        synth.call(app);
      } finally {
        for (const undo of restore.reverse()) undo();
      }
      const manifests = objects.map((o) => recorded.get(o)).filter((m): m is Json => m !== undefined);
      this.write(app.outdir, this._files(manifests));
    };
  }

  private write(outdir: string, files: BundleFile[]): void {
    const root = path.join(outdir, this.directory);
    // The bundle is regenerated whole: a CRD dropped from the operator must leave the bundle too.
    for (const sub of ['manifests', 'metadata']) {
      fs.rmSync(path.join(root, sub), { recursive: true, force: true });
      fs.mkdirSync(path.join(root, sub), { recursive: true });
    }
    // Through Yaml.save, like the charts: the synth-time guardrails hold these writes back too
    // until the check has passed.
    for (const file of files) Yaml.save(path.join(root, file.path), [file.document]);
  }

  private claimDirectory(): void {
    const app = App.of(this);
    const claimed = DIRECTORIES.get(app) ?? new Map<string, string>();
    DIRECTORIES.set(app, claimed);
    const other = claimed.get(this.directory);
    if (other !== undefined) {
      throw new PropertyError(TYPE, this.operatorBundle, 'olm.directory', `'${this.directory}' is already the bundle directory of '${other}' (allowed: a directory of its own per operator)`);
    }
    claimed.set(this.directory, this.operatorBundle.node.path);
  }

  private validateOptions(options: OlmBundleOptions, packageName: string, sources: OlmSources): void {
    const fail = (property: string, problem: string): never => {
      throw new PropertyError(TYPE, this.operatorBundle, `olm.${property}`, problem);
    };
    if (typeof options.version !== 'string' || !SEMVER.test(options.version)) {
      fail('version', `'${options.version}' is not a semantic version (allowed: MAJOR.MINOR.PATCH, e.g. '1.2.0', with an optional -prerelease)`);
    }
    const channels = options.channels ?? [];
    if (channels.length === 0) fail('channels', 'is empty (allowed: one or more channel names, e.g. [\'stable\'])');
    channels.forEach((channel, i) => {
      if (!CHANNEL.test(channel)) fail(`channels[${i}]`, `'${channel}' is not a channel name (allowed: letters, digits, '.', '_' and '-', no commas)`);
    });
    if (new Set(channels).size !== channels.length) fail('channels', `[${channels.join(', ')}] lists a channel twice`);
    if (options.defaultChannel !== undefined && !channels.includes(options.defaultChannel)) {
      fail('defaultChannel', `'${options.defaultChannel}' is not one of the channels (allowed: ${channels.map((c) => `'${c}'`).join(', ')})`);
    }
    if (!DNS_SUBDOMAIN.test(packageName) || packageName.length > 63) {
      fail('packageName', `'${packageName}' is not a package name (allowed: lowercase letters, digits, '-' and '.', at most 63 characters)`);
    }
    if (options.replaces !== undefined && (!DNS_SUBDOMAIN.test(options.replaces) || options.replaces.length > 253)) {
      fail('replaces', `'${options.replaces}' is not a CSV name (allowed: '<package>.v<version>', e.g. '${packageName}.v0.9.0')`);
    }
    if (options.minKubeVersion !== undefined && !SEMVER.test(options.minKubeVersion)) {
      fail('minKubeVersion', `'${options.minKubeVersion}' is not a semantic version (allowed: e.g. '1.28.0')`);
    }
    const directory = options.directory ?? 'bundle';
    const normalized = path.normalize(directory);
    if (directory.trim() === '' || path.isAbsolute(directory) || normalized === '.' || normalized.startsWith('..')) {
      fail('directory', `'${directory}' is not a directory inside the outdir (allowed: a relative path such as 'bundle', not '.', not leaving the outdir)`);
    }
    if (sources.conversionCrds.length > 0 && sources.watchKind !== WatchScopeKind.ALL_NAMESPACES) {
      fail('version', 'cannot be bundled: OLM installs CSVs with conversion webhooks only in the AllNamespaces install mode, and this operator does not watch all namespaces (allowed: watch: WatchScope.allNamespaces(reason), or no conversion webhook)');
    }
    for (const resource of sources.webhookResources) {
      const [group] = resource.split('/');
      if (OLM_FORBIDDEN_GROUPS.includes(group) || OLM_FORBIDDEN_RESOURCES.includes(resource)) {
        fail('version', `cannot be bundled: a webhook intercepts ${resource}, and OLM fails a CSV whose webhooks intercept OLM's own API (operators.coreos.com) or webhook configurations`);
      }
    }
  }
}

/** The install mode matching the watch scope (OLM's OperatorGroup then supplies the namespaces). */
function installModesOf(sources: OlmSources, ownNamespace: string): string[] {
  switch (sources.watchKind) {
    case WatchScopeKind.OWN_NAMESPACE:
      return ['OwnNamespace'];
    case WatchScopeKind.ALL_NAMESPACES:
      return ['AllNamespaces'];
    default:
      if (sources.watchNamespaces.length > 1) return ['MultiNamespace'];
      return sources.watchNamespaces[0] === ownNamespace ? ['OwnNamespace'] : ['SingleNamespace'];
  }
}

/** Makes an ApiObject record what its `toJson()` returns, without calling it. Returns the undo. */
function recordToJson(apiObject: ApiObject, recorded: Map<ApiObject, Json>): () => void {
  const own = Object.getOwnPropertyDescriptor(apiObject, 'toJson');
  const toJson = apiObject.toJson;
  Object.defineProperty(apiObject, 'toJson', {
    configurable: true,
    writable: true,
    value: function recordedToJson(this: ApiObject) {
      const json = toJson.call(apiObject);
      if (!recorded.has(apiObject)) recorded.set(apiObject, json);
      return json;
    },
  });
  return () => {
    if (own) Object.defineProperty(apiObject, 'toJson', own);
    else delete (apiObject as { toJson?: unknown }).toJson;
  };
}
