import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { KubeMutatingWebhookConfiguration, KubeValidatingWebhookConfiguration, ValidatingWebhook } from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { dropChartNamespaceOf } from './cluster-scoped';
import { AdmissionOperation, AdmissionWebhookOptions, OperatorWebhooksOptions, WebhookFailurePolicy } from './operator-webhooks';
import { ServingCertificate } from './serving-certificate';
import { INJECT_CA_FROM_ANNOTATION, MountedCertificate, ServingCertificateObjects, ServingCertificateOwner } from './serving-certificate-objects';
import { PropertyError } from '../errors';
import { KubernetesNames } from '../k8s/names';

/** The directory controller-runtime's webhook server reads `tls.crt` and `tls.key` from by default. */
export const WEBHOOK_CERT_DIR = '/tmp/k8s-webhook-server/serving-certs';
/** The path controller-runtime serves CRD conversion on. */
export const CONVERSION_PATH = '/convert';
/** The namespace label the API server sets on every namespace (Kubernetes 1.21+). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const DEFAULT_TIMEOUT_SECONDS = 5;
/** A webhook name: a fully qualified DNS name, at least three labels. */
const WEBHOOK_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?){2,}$/;
const OPERATIONS = Object.values(AdmissionOperation) as string[];
const FAILURE_POLICIES = Object.values(WebhookFailurePolicy) as string[];

/** What the webhooks are wired into. */
export interface WebhookObjectsContext extends ServingCertificateOwner {
  /** The manager Deployment: the Service selects its pods. */
  readonly deployment: kplus.Deployment;
  readonly certificates: ServingCertificateObjects;
  /** The bundle's CRDs: conversion webhooks patch them. */
  readonly crdObjects: ApiObject[];
  /** The watched namespaces; undefined when all are watched. */
  readonly watchedNamespaces?: string[];
  /** `group/resource` of everything the manager reconciles in the watched namespaces. */
  readonly watchedResources: Set<string>;
}

/**
 * Everything an operator's webhooks need: the Service, the serving certificate (mounted into the
 * manager only), the Validating/MutatingWebhookConfigurations and the CRD conversion settings.
 */
export class WebhookObjects extends Construct {
  public readonly service: kplus.Service;
  public readonly certificate: MountedCertificate;
  public readonly validating?: ApiObject;
  public readonly mutating?: ApiObject;
  /** The CRDs given a conversion webhook. */
  public readonly conversionCrds: string[];
  /** `group/resource` of every resource an admission webhook intercepts. */
  public readonly interceptedResources: string[];

  constructor(scope: Construct, id: string, private readonly context: WebhookObjectsContext, options: OperatorWebhooksOptions, port: number) {
    super(scope, id);
    const validating = options.validating ?? [];
    const mutating = options.mutating ?? [];
    this.conversionCrds = [...(options.conversion ?? [])];
    if (validating.length + mutating.length + this.conversionCrds.length === 0) {
      this.fail('webhooks', 'lists no webhook (allowed: at least one of validating, mutating, conversion)');
    }
    const serviceName = `${context.name}-webhook`;
    if (!KubernetesNames.isDnsLabel(serviceName)) {
      this.fail('name', `'${context.name}' is too long for the webhook Service '${serviceName}' (a DNS label, at most 63 characters)`);
    }
    const checkedValidating = validating.map((w, i) => this.validated(w, `webhooks.validating[${i}]`));
    const checkedMutating = mutating.map((w, i) => this.validated(w, `webhooks.mutating[${i}]`));
    this.unique(checkedValidating, 'webhooks.validating');
    this.unique(checkedMutating, 'webhooks.mutating');
    const crds = this.conversionCrds.map((name, i) => this.conversionCrd(name, `webhooks.conversion[${i}]`));
    this.interceptedResources = [...checkedValidating, ...checkedMutating].flatMap((w) => w.resources.map((r) => `${r.apiGroup}/${r.resource}`));

    this.service = new kplus.Service(this, 'Service', {
      metadata: { name: serviceName, namespace: context.namespace, labels: { 'app.kubernetes.io/name': context.name, 'app.kubernetes.io/component': 'webhook' } },
      selector: context.deployment,
      ports: [{ name: 'https', port: 443, targetPort: port }],
    });
    const dnsNames = [`${serviceName}.${context.namespace}.svc`, `${serviceName}.${context.namespace}.svc.cluster.local`];
    this.certificate = context.certificates.mount('webhook', options.certificate ?? ServingCertificate.certManager(), 'webhooks.certificate', dnsNames, WEBHOOK_CERT_DIR);

    const annotations = this.certificate.injectCaFrom ? { annotations: { [INJECT_CA_FROM_ANNOTATION]: this.certificate.injectCaFrom } } : {};
    if (checkedValidating.length > 0) {
      this.validating = new KubeValidatingWebhookConfiguration(this, 'Validating', {
        metadata: { name: `${context.name}-validating`, ...annotations },
        webhooks: checkedValidating.map((w) => this.admissionWebhook(w, serviceName)),
      });
      dropChartNamespaceOf(this.validating);
    }
    if (checkedMutating.length > 0) {
      this.mutating = new KubeMutatingWebhookConfiguration(this, 'Mutating', {
        metadata: { name: `${context.name}-mutating`, ...annotations },
        webhooks: checkedMutating.map((w) => this.admissionWebhook(w, serviceName)),
      });
      dropChartNamespaceOf(this.mutating);
    }
    for (const crd of crds) this.addConversion(crd, serviceName);
  }

  private admissionWebhook(webhook: AdmissionWebhookOptions, serviceName: string): ValidatingWebhook {
    const { namespace } = this.context;
    const excluded = webhook.interceptOperatorNamespace ? ['kube-system'] : [...new Set([namespace, 'kube-system'])];
    const byGroup = new Map<string, string[]>();
    for (const resource of webhook.resources) byGroup.set(resource.apiGroup, [...(byGroup.get(resource.apiGroup) ?? []), resource.resource]);
    return {
      name: webhook.name,
      admissionReviewVersions: ['v1'],
      clientConfig: {
        service: { name: serviceName, namespace, path: webhook.path, port: 443 },
        ...(this.certificate.caBundle ? { caBundle: this.certificate.caBundle } : {}),
      },
      failurePolicy: webhook.failurePolicy,
      matchPolicy: 'Equivalent',
      namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: excluded }] },
      rules: [...byGroup.entries()].map(([group, resources]) => ({
        apiGroups: [group],
        apiVersions: [...webhook.apiVersions],
        operations: [...webhook.operations],
        resources: [...new Set(resources)],
      })),
      sideEffects: 'None',
      timeoutSeconds: webhook.timeout?.toSeconds() ?? DEFAULT_TIMEOUT_SECONDS,
    };
  }

  private addConversion(crd: ApiObject, serviceName: string): void {
    const clientConfig = {
      service: { name: serviceName, namespace: this.context.namespace, path: CONVERSION_PATH, port: 443 },
      ...(this.certificate.caBundle ? { caBundle: this.certificate.caBundle } : {}),
    };
    crd.addJsonPatch(JsonPatch.add('/spec/conversion', { strategy: 'Webhook', webhook: { clientConfig, conversionReviewVersions: ['v1'] } }));
    if (this.certificate.injectCaFrom) crd.metadata.addAnnotation(INJECT_CA_FROM_ANNOTATION, this.certificate.injectCaFrom);
  }

  private validated(webhook: AdmissionWebhookOptions, property: string): AdmissionWebhookOptions {
    if (typeof webhook.name !== 'string' || !WEBHOOK_NAME.test(webhook.name) || webhook.name.length > 253) {
      this.fail(`${property}.name`, `'${webhook.name}' is not a fully qualified webhook name (allowed: a lowercase DNS name of at least three labels, e.g. 'vwidget-v1.example.com')`);
    }
    if (typeof webhook.path !== 'string' || !/^\/[^\s]*$/.test(webhook.path)) {
      this.fail(`${property}.path`, `'${webhook.path}' is not an HTTP path (allowed: a path starting with '/', without spaces, e.g. '/validate-example-com-v1-widget')`);
    }
    if (!FAILURE_POLICIES.includes(webhook.failurePolicy)) {
      this.fail(`${property}.failurePolicy`, `${webhook.failurePolicy === undefined ? 'is not set' : `'${webhook.failurePolicy}' is not a failure policy`} (allowed: WebhookFailurePolicy.FAIL, which blocks matching requests while the manager is down, or WebhookFailurePolicy.IGNORE, which admits them unchecked; there is no default, choose one)`);
    }
    const resources = webhook.resources ?? [];
    if (resources.length === 0) this.fail(`${property}.resources`, 'is empty (allowed: one or more resources, e.g. ApiResource.custom({ apiGroup: \'example.com\', resource: \'widgets\' }))');
    resources.forEach((resource, i) => {
      const problem = [...resource._wildcards().map((w) => `${w} is a wildcard: a webhook on every resource intercepts the cluster's own traffic`), ...resource._problems()][0];
      if (problem) this.fail(`${property}.resources[${i}]`, problem);
    });
    const versions = webhook.apiVersions ?? [];
    if (versions.length === 0 || versions.some((v) => !KubernetesNames.isDnsLabel(v))) {
      this.fail(`${property}.apiVersions`, `[${versions.map((v) => `'${v}'`).join(', ')}] is not a list of API versions (allowed: one or more versions such as 'v1', no '*')`);
    }
    const operations = webhook.operations ?? [];
    if (operations.length === 0 || operations.some((o) => !OPERATIONS.includes(o))) {
      this.fail(`${property}.operations`, `[${operations.map((o) => `'${o}'`).join(', ')}] is not a list of operations (allowed: one or more of ${OPERATIONS.join(', ')})`);
    }
    const seconds = webhook.timeout?.toSeconds() ?? DEFAULT_TIMEOUT_SECONDS;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 30) {
      this.fail(`${property}.timeout`, `${seconds}s is not allowed (allowed: 1 to 30 whole seconds, the API server's limits)`);
    }
    this.checkReachesWatched(webhook, property);
    return { ...webhook, timeout: Duration.seconds(seconds) };
  }

  /**
   * A webhook on a resource the manager reconciles only in namespaces its own selector excludes
   * would never see one of those objects: refuse it rather than ship a webhook that never runs.
   */
  private checkReachesWatched(webhook: AdmissionWebhookOptions, property: string): void {
    const watched = this.context.watchedNamespaces;
    if (watched === undefined || webhook.interceptOperatorNamespace) return;
    if (!watched.every((ns) => ns === this.context.namespace || ns === 'kube-system')) return;
    const reconciled = webhook.resources.find((r) => this.context.watchedResources.has(`${r.apiGroup}/${r.resource.split('/')[0]}`));
    if (reconciled) {
      this.fail(`${property}.interceptOperatorNamespace`, `is not set, so the webhook never sees ${reconciled.resource}: the manager reconciles them only in '${watched.join(', ')}', which the webhook's namespaceSelector excludes (allowed: interceptOperatorNamespace: true, or watch other namespaces)`);
    }
  }

  private unique(webhooks: AdmissionWebhookOptions[], property: string): void {
    const seen = new Set<string>();
    for (const webhook of webhooks) {
      if (seen.has(webhook.name)) this.fail(property, `names webhook '${webhook.name}' twice (allowed: unique names within a configuration)`);
      seen.add(webhook.name);
    }
  }

  private conversionCrd(name: string, property: string): ApiObject {
    const crd = this.context.crdObjects.find((o) => o.name === name);
    if (!crd) {
      const known = this.context.crdObjects.map((o) => `'${o.name}'`).join(', ') || 'none';
      this.fail(property, `'${name}' is not a CRD of the bundle (CRDs in crdFiles and crds: ${known})`);
    }
    // A CRD here is a plain ApiObject built from its props, so reading its JSON changes nothing.
    const spec = crd!.toJson().spec ?? {};
    const versions = Array.isArray(spec.versions) ? spec.versions : [];
    if (versions.length < 2) {
      this.fail(property, `'${name}' has ${versions.length} version(s): a conversion webhook converts between versions (allowed: a CRD with two or more versions)`);
    }
    if (spec.preserveUnknownFields === true) {
      this.fail(property, `'${name}' sets spec.preserveUnknownFields: true, which the API server refuses with a conversion webhook (allowed: false or unset)`);
    }
    return crd!;
  }

  private fail(property: string, problem: string): never {
    throw new PropertyError(this.context.typeName, this.context.owner, property, problem);
  }
}
