import * as path from 'path';
import { App, Chart, Include } from 'cdk8s';
import { Guardrails, Harden, ReportFormat } from '../../src';

/** The operator's install manifest as its vendor ships it, kept unchanged in the repository. */
export const VENDORED_INSTALL = path.join(__dirname, 'vendor', 'acme-gadget-operator.yaml');

/** Where the operator is installed (the vendored YAML names no namespace, like `kubectl apply -n`). */
export const NAMESPACE = 'acme-system';

/**
 * A third-party operator installed from its vendor's YAML, hardened at synth: as shipped, every
 * container of its pods (the manager, a metrics sidecar, an init container, and a dashboard
 * whose account holds no permissions) automounts an API token. `Harden` turns automount off
 * everywhere and gives a short-lived projected token to the one container that calls the API
 * server, the manager; the guardrails check the hardened manifests that are written.
 */
export function createApp(outdir?: string): App {
  const app = new App({ outdir });
  Guardrails.of(app).check({ reports: [ReportFormat.MARKDOWN, ReportFormat.JSON] });
  const chart = new Chart(app, 'gadget-operator', { namespace: NAMESPACE });

  new Include(chart, 'vendor', { url: VENDORED_INSTALL });
  // Kind/name: the chart's namespace. The init container and the metrics sidecar get no token;
  // the dashboard's account is bound to no role, so its pod gets none either.
  new Harden(chart, 'harden', {
    tokenContainers: { 'Deployment/gadget-operator-controller-manager': ['manager'] },
  });
  return app;
}
