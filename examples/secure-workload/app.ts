import { App, Chart, Duration } from 'cdk8s';
import { ApiResource, Guardrails, Permission, ReportFormat, SecureDeployment } from '../../src';

/**
 * A web front end that needs no API access, and a worker whose `worker` container reads
 * ConfigMaps through the API while its `log-shipper` sidecar gets no token at all.
 */
export function createApp(outdir?: string): App {
  const app = new App({ outdir });
  // Check every manifest this app writes; fail the synth on any error; write the report next to the YAML.
  Guardrails.of(app).check({ reports: [ReportFormat.MARKDOWN, ReportFormat.JSON] });
  const chart = new Chart(app, 'secure-workload', { namespace: 'shop' });

  // No API access: no token anywhere in the pod.
  new SecureDeployment(chart, 'frontend', {
    replicas: 2,
    containers: [{
      name: 'web',
      image: 'ghcr.io/acme/shop-frontend:2.4.1@sha256:4b4b4e6b0ab0f8a1e0a7f0f2b3e6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e',
      portNumber: 8080,
    }],
  });

  // API access for one container only, with a 30-minute token.
  const worker = new SecureDeployment(chart, 'worker', {
    containers: [
      { name: 'worker', image: 'ghcr.io/acme/shop-worker:2.4.1@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0' },
      { name: 'log-shipper', image: 'ghcr.io/acme/log-shipper:1.0.3@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9' },
    ],
    apiAccess: { containers: ['worker'], expiration: Duration.minutes(30) },
  });

  // The worker's ServiceAccount may read ConfigMaps in its own namespace, nothing more:
  // a Role (get/list/watch on configmaps) and its RoleBinding.
  worker.secureServiceAccount.grant(Permission.read(ApiResource.CONFIG_MAPS));

  return app;
}
