import { App, Chart } from 'cdk8s';
import { ApiResource, Guardrails, OperatorBundle, Permission, ReportFormat } from '../../src';

/** A Memcached operator that reconciles Memcached objects in its own namespace only. */
export function createApp(outdir?: string): App {
  const app = new App({ outdir });
  const chart = new Chart(app, 'memcached-operator', { namespace: 'memcached-system' });
  const memcacheds = ApiResource.custom({ apiGroup: 'cache.example.com', resource: 'memcacheds' });

  new OperatorBundle(chart, 'memcached-operator', {
    image: 'ghcr.io/acme/memcached-operator:0.4.2@sha256:f628ad102cdf6b43d3e9287256e831e0c9a30ab64e0d5e5b2896f1e028dd8599',
    permissions: [
      Permission.reconcile(memcacheds),
      Permission.updateStatus(memcacheds),
      Permission.read(ApiResource.PODS),
      Permission.events(),
    ],
    createNamespace: true, // with Pod Security "restricted" labels
    networkPolicy: true, // probes and metrics in, API server out, nothing else
  });

  Guardrails.of(app).check({ reports: [ReportFormat.MARKDOWN, ReportFormat.JSON] });
  return app;
}
