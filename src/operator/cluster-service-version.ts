/**
 * The registry+v1 bundle OLM (v0) installs, computed from the manifests an `OperatorBundle`
 * synthesized: one ClusterServiceVersion whose install strategy carries the same Deployment and
 * exactly the RBAC rules the plain output binds to the operator's ServiceAccount, the CRDs, the
 * other objects OLM can install, and `metadata/annotations.yaml`. Pure: JSON in, JSON out.
 *
 * What OLM does itself, and so is left out: the Namespace (the OperatorGroup's), Roles and
 * bindings of the operator's ServiceAccount (from `permissions`/`clusterPermissions`), the webhook
 * Service, configurations and certificates (from `webhookdefinitions`; OLM mounts its own
 * certificate at controller-runtime's directory), and cert-manager objects (OLM installs none).
 * NetworkPolicy is not a kind registry+v1 bundles may carry.
 */

import type { WatchScopeKind } from './watch-scope';

/** A manifest as synthesized: plain JSON. */
export type Json = Record<string, any>;

/** OLM's install modes, in the order operator-sdk writes them. */
export const INSTALL_MODE_TYPES = ['OwnNamespace', 'SingleNamespace', 'MultiNamespace', 'AllNamespaces'];

/** The annotation OLM stamps on the operator's pods with the OperatorGroup's target namespaces. */
const OLM_TARGET_NAMESPACES = "metadata.annotations['olm.targetNamespaces']";
const WATCH_NAMESPACE = 'WATCH_NAMESPACE';

/** The facts of the operator that the manifests alone do not tell. */
export interface CsvInputs {
  readonly name: string;
  readonly namespace: string;
  readonly packageName: string;
  readonly version: string;
  readonly displayName: string;
  readonly description?: string;
  readonly providerName?: string;
  readonly replaces?: string;
  readonly minKubeVersion: string;
  readonly keywords: string[];
  readonly channels: string[];
  readonly defaultChannel: string;
  /** The supported install mode types. */
  readonly installModes: string[];
  /** The operator's ServiceAccount name (in `namespace`). */
  readonly serviceAccountName: string;
  /** Pod volumes that hold certificates OLM replaces or cannot provide: dropped with their mounts. */
  readonly droppedVolumes: string[];
  /** Manager arguments that point at a dropped volume: dropped too. */
  readonly droppedArgPrefixes: string[];
  /** The port of the webhook server, when there are webhooks. */
  readonly webhookPort?: number;
  /** CRDs served by the conversion webhook. */
  readonly conversionCrds: string[];
  /** Names of objects that must not be shipped (e.g. a ServiceMonitor whose CA OLM cannot provide). */
  readonly omittedObjects: string[];
}

/** The facts of an `OperatorBundle` an OLM bundle is computed from. */
export interface OlmSources {
  readonly name: string;
  readonly namespace: string;
  readonly watchKind: WatchScopeKind;
  readonly watchNamespaces: string[];
  readonly droppedVolumes: string[];
  readonly droppedArgPrefixes: string[];
  readonly omittedObjects: string[];
  readonly webhookPort?: number;
  readonly conversionCrds: string[];
  /** `group/resource` of every admission webhook rule. */
  readonly webhookResources: string[];
}

/** One file of the bundle. */
export interface BundleFile {
  /** Path relative to the bundle directory, e.g. `manifests/x.clusterserviceversion.yaml`. */
  readonly path: string;
  readonly document: Json;
}

/** Kinds OLM installs from a bundle's manifests besides the CSV and CRDs (operator-registry's list). */
const EXTRA_KINDS = ['Service', 'ServiceAccount', 'ConfigMap', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ServiceMonitor', 'PodDisruptionBudget'];

/** The ClusterServiceVersion, the CRDs and the other manifests, and `metadata/annotations.yaml`. */
export function olmBundleFiles(inputs: CsvInputs, manifests: Json[]): BundleFile[] {
  const objects = manifests.map(clone);
  const deployment = objects.find((m) => m.kind === 'Deployment' && m.metadata?.name === inputs.name);
  if (!deployment) throw new Error(`OLM bundle of '${inputs.name}': its Deployment was not synthesized`);
  const { permissions, clusterPermissions, boundObjects } = operatorRbac(inputs, objects);
  const crds = objects.filter((m) => m.kind === 'CustomResourceDefinition').map((crd) => olmCrd(crd, inputs.conversionCrds));
  const isWebhookService = (m: Json) => m.kind === 'Service' && m.metadata?.labels?.['app.kubernetes.io/component'] === 'webhook';
  const extras = objects.filter((m) => EXTRA_KINDS.includes(m.kind) && !boundObjects.has(m) && !isWebhookService(m) && !inputs.omittedObjects.includes(`${m.kind}/${m.metadata?.name}`));

  const install: Json = {
    deployments: [{ name: inputs.name, label: { ...(deployment.metadata.labels ?? {}) }, spec: olmDeploymentSpec(deployment.spec, inputs) }],
  };
  if (permissions.length > 0) install.permissions = [{ serviceAccountName: inputs.serviceAccountName, rules: permissions }];
  if (clusterPermissions.length > 0) install.clusterPermissions = [{ serviceAccountName: inputs.serviceAccountName, rules: clusterPermissions }];
  const webhooks = webhookDefinitions(inputs, objects);
  const images = relatedImages(deployment.spec.template.spec);

  const csv: Json = {
    apiVersion: 'operators.coreos.com/v1alpha1',
    kind: 'ClusterServiceVersion',
    metadata: {
      name: `${inputs.packageName}.v${inputs.version}`,
      annotations: {
        'capabilities': 'Basic Install',
        'containerImage': images[0]?.image ?? '',
        'operators.operatorframework.io/suggested-namespace': inputs.namespace,
      },
    },
    spec: {
      displayName: inputs.displayName,
      ...(inputs.description !== undefined ? { description: inputs.description } : {}),
      version: inputs.version,
      ...(inputs.replaces !== undefined ? { replaces: inputs.replaces } : {}),
      minKubeVersion: inputs.minKubeVersion,
      ...(inputs.keywords.length > 0 ? { keywords: [...inputs.keywords] } : {}),
      ...(inputs.providerName !== undefined ? { provider: { name: inputs.providerName } } : {}),
      installModes: INSTALL_MODE_TYPES.map((type) => ({ type, supported: inputs.installModes.includes(type) })),
      install: { strategy: 'deployment', spec: install },
      ...(crds.length > 0 ? { customresourcedefinitions: { owned: crds.map(ownedCrd) } } : {}),
      ...(webhooks.length > 0 ? { webhookdefinitions: webhooks } : {}),
      relatedImages: images,
    },
  };

  const files: BundleFile[] = [{ path: `manifests/${inputs.packageName}.clusterserviceversion.yaml`, document: csv }];
  for (const crd of crds) files.push({ path: `manifests/${crd.spec.group}_${crd.spec.names.plural}.yaml`, document: crd });
  for (const extra of extras) {
    // OLM creates namespaced objects in the namespace the operator is installed into.
    delete extra.metadata.namespace;
    files.push({ path: `manifests/${manifestFileName(extra)}`, document: extra });
  }
  files.push({
    path: 'metadata/annotations.yaml',
    document: {
      annotations: {
        'operators.operatorframework.io.bundle.mediatype.v1': 'registry+v1',
        'operators.operatorframework.io.bundle.manifests.v1': 'manifests/',
        'operators.operatorframework.io.bundle.metadata.v1': 'metadata/',
        'operators.operatorframework.io.bundle.package.v1': inputs.packageName,
        'operators.operatorframework.io.bundle.channels.v1': inputs.channels.join(','),
        'operators.operatorframework.io.bundle.channel.default.v1': inputs.defaultChannel,
      },
    },
  });
  return files;
}

/**
 * The rules bound to the operator's ServiceAccount: through RoleBindings (`permissions`, which OLM
 * grants in the OperatorGroup's namespaces) and ClusterRoleBindings (`clusterPermissions`). Each
 * rule once, in the order the plain output lists them.
 */
function operatorRbac(inputs: CsvInputs, objects: Json[]): { permissions: Json[]; clusterPermissions: Json[]; boundObjects: Set<Json> } {
  const permissions: Json[] = [];
  const clusterPermissions: Json[] = [];
  const boundObjects = new Set<Json>();
  const add = (into: Json[], rules: Json[]) => {
    for (const rule of rules ?? []) {
      if (!into.some((r) => JSON.stringify(r) === JSON.stringify(rule))) into.push(rule);
    }
  };
  for (const binding of objects.filter((m) => m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding')) {
    const bindingNamespace = binding.metadata?.namespace;
    const boundToOperator = (binding.subjects ?? []).some((s: Json) => s.kind === 'ServiceAccount' && s.name === inputs.serviceAccountName
      && (s.namespace || bindingNamespace) === inputs.namespace);
    if (!boundToOperator) continue;
    const ref = binding.roleRef ?? {};
    const role = objects.find((m) => m.kind === ref.kind && m.metadata?.name === ref.name
      && (ref.kind === 'ClusterRole' || m.metadata?.namespace === bindingNamespace));
    if (!role) throw new Error(`OLM bundle of '${inputs.name}': ${binding.kind} '${binding.metadata?.name}' references ${ref.kind} '${ref.name}', which the bundle did not synthesize`);
    add(binding.kind === 'RoleBinding' ? permissions : clusterPermissions, role.rules);
    boundObjects.add(binding);
    boundObjects.add(role);
  }
  return { permissions, clusterPermissions, boundObjects };
}

/** The Deployment's spec as OLM should create it. */
function olmDeploymentSpec(spec: Json, inputs: CsvInputs): Json {
  const result = clone(spec);
  const pod = result.template.spec;
  pod.volumes = (pod.volumes ?? []).filter((v: Json) => !inputs.droppedVolumes.includes(v.name));
  if (pod.volumes.length === 0) delete pod.volumes;
  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    if (container.volumeMounts) {
      container.volumeMounts = container.volumeMounts.filter((m: Json) => !inputs.droppedVolumes.includes(m.name));
      if (container.volumeMounts.length === 0) delete container.volumeMounts;
    }
    if (container.args) container.args = container.args.filter((a: string) => !inputs.droppedArgPrefixes.some((p) => a.startsWith(p)));
    for (const env of container.env ?? []) {
      // The OperatorGroup, not the bundle, decides the watched namespaces under OLM.
      if (env.name === WATCH_NAMESPACE) {
        delete env.value;
        env.valueFrom = { fieldRef: { fieldPath: OLM_TARGET_NAMESPACES } };
      }
    }
  }
  return result;
}

/** A CRD as shipped: OLM writes the conversion webhook settings of the CRDs it serves itself. */
function olmCrd(crd: Json, conversionCrds: string[]): Json {
  if (!conversionCrds.includes(crd.metadata?.name)) return crd;
  delete crd.spec.conversion;
  const annotations = crd.metadata.annotations ?? {};
  delete annotations['cert-manager.io/inject-ca-from'];
  if (Object.keys(annotations).length === 0) delete crd.metadata.annotations;
  return crd;
}

function ownedCrd(crd: Json): Json {
  const versions: Json[] = crd.spec.versions ?? [];
  const storage = versions.find((v) => v.storage) ?? versions[0] ?? {};
  return { name: crd.metadata.name, version: storage.name, kind: crd.spec.names.kind, displayName: crd.spec.names.kind };
}

function webhookDefinitions(inputs: CsvInputs, objects: Json[]): Json[] {
  const definitions: Json[] = [];
  const common = { deploymentName: inputs.name, containerPort: 443, targetPort: inputs.webhookPort };
  for (const [kind, type] of [['ValidatingWebhookConfiguration', 'ValidatingAdmissionWebhook'], ['MutatingWebhookConfiguration', 'MutatingAdmissionWebhook']]) {
    for (const configuration of objects.filter((m) => m.kind === kind)) {
      for (const webhook of configuration.webhooks ?? []) {
        definitions.push({
          type,
          generateName: webhook.name,
          ...common,
          admissionReviewVersions: webhook.admissionReviewVersions,
          sideEffects: webhook.sideEffects,
          failurePolicy: webhook.failurePolicy,
          matchPolicy: webhook.matchPolicy,
          timeoutSeconds: webhook.timeoutSeconds,
          rules: webhook.rules,
          ...(webhook.objectSelector ? { objectSelector: webhook.objectSelector } : {}),
          ...(webhook.reinvocationPolicy ? { reinvocationPolicy: webhook.reinvocationPolicy } : {}),
          webhookPath: webhook.clientConfig?.service?.path,
        });
      }
    }
  }
  if (inputs.conversionCrds.length > 0) {
    definitions.push({
      type: 'ConversionWebhook',
      generateName: `conversion.${inputs.conversionCrds[0]}`,
      ...common,
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      webhookPath: '/convert',
      conversionCRDs: [...inputs.conversionCrds],
    });
  }
  return definitions;
}

function relatedImages(podSpec: Json): Json[] {
  return [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])].map((c: Json) => ({ name: c.name, image: c.image }));
}

/** operator-sdk's names: `<name>_<group>_<version>_<kind>.yaml`, the core group written as nothing. */
function manifestFileName(object: Json): string {
  const [group, version] = String(object.apiVersion).includes('/') ? String(object.apiVersion).split('/') : ['', object.apiVersion];
  return `${object.metadata.name}_${group ? `${group}_` : ''}${version}_${String(object.kind).toLowerCase()}.yaml`;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
