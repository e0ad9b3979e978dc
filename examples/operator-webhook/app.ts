import * as path from 'path';
import { App, Chart } from 'cdk8s';
import {
  AdmissionOperation, ApiResource, Guardrails, MetricsAccess, OperatorBundle, Permission, RbacSubject, ReportFormat, WatchScope, WebhookFailurePolicy,
} from '../../src';

/** The CRD the operator serves, shipped with it and written unchanged. */
export const WIDGET_CRD = path.join(__dirname, 'crds', 'widgets.example.com.yaml');

/** The team namespaces the operator reconciles widgets in. */
export const TEAM_NAMESPACES = ['team-a', 'team-b'];

/** kube-prometheus's Prometheus, which scrapes the operator's metrics. */
const PROMETHEUS_NAME = 'prometheus-k8s';
export const PROMETHEUS = RbacSubject.serviceAccount('monitoring', PROMETHEUS_NAME);

/** Why the metrics-reader binding names a ServiceAccount this app does not create. */
export const SCRAPER_REASON = 'prometheus-k8s is created by kube-prometheus in monitoring; this app only grants it get on /metrics.';

/**
 * A widget operator as kubebuilder v4 scaffolds it: a validating webhook on widgets (its serving
 * certificate from cert-manager, mounted into the manager only), metrics behind authentication
 * and authorization with Prometheus bound to the metrics-reader role, and an OLM bundle of the
 * same operator under `bundle/`.
 */
export function createApp(outdir?: string): App {
  const app = new App({ outdir });
  const chart = new Chart(app, 'widget-operator', { namespace: 'widgets-system' });
  const widgets = ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' });

  const operator = new OperatorBundle(chart, 'widget-operator', {
    image: 'ghcr.io/acme/widget-operator:0.3.0@sha256:9b2c4e1f0a7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a4938271605f4e3d',
    watch: WatchScope.namespaces(TEAM_NAMESPACES),
    permissions: [Permission.reconcile(widgets), Permission.updateStatus(widgets), Permission.events()],
    crdFiles: [WIDGET_CRD],
    webhooks: {
      validating: [{
        name: 'vwidget-v1.example.com',
        path: '/validate-example-com-v1-widget',
        resources: [widgets],
        apiVersions: ['v1'],
        operations: [AdmissionOperation.CREATE, AdmissionOperation.UPDATE],
        // Refusing a widget while the manager is down is better than admitting an invalid one.
        failurePolicy: WebhookFailurePolicy.FAIL,
      }],
    },
    metrics: MetricsAccess.authenticated({ scraper: PROMETHEUS }),
    metricsService: true,
    createNamespace: true,
    networkPolicy: true, // probes, metrics and the webhook in; API server out
  });
  // The binding names a ServiceAccount another install creates: accepted, for that subject only.
  // Guardrails.suppress writes the annotation into the YAML, so the CLI and the plugin agree.
  Guardrails.suppress(operator.metricsReaderBinding!, 'rbac/dangling-reference', SCRAPER_REASON, { target: PROMETHEUS_NAME });

  operator.olm({
    version: '0.3.0',
    channels: ['alpha'],
    displayName: 'Widget Operator',
    description: 'Runs widgets for application teams.',
    providerName: 'Acme',
  });

  Guardrails.of(app).check({ reports: [ReportFormat.MARKDOWN, ReportFormat.JSON] });
  return app;
}
