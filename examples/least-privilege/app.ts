import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ApiResource, Guardrails, Permission, ReportFormat, SecureDeployment, SecureServiceAccount } from '../../src';

/** The namespaces the operator watches (passed to the manager as WATCH_NAMESPACE). */
export const WATCHED_NAMESPACES = ['team-a', 'team-b'];

/** The operator's custom resource. */
export const WIDGETS = ApiResource.custom({ apiGroup: 'widgets.example.com', resource: 'widgets' });

/**
 * An operator-like app granted only what it needs: it reconciles Widgets in two team
 * namespaces (creating ConfigMaps and Services for them, updating their status, recording
 * events) and elects a leader in its own namespace. No wildcard, no Secrets, nothing
 * cluster-wide.
 */
export function createApp(outdir?: string): App {
  const app = new App({ outdir });
  // Check every manifest this app writes; fail the synth on any error; write the report next to the YAML.
  Guardrails.of(app).check({ reports: [ReportFormat.MARKDOWN, ReportFormat.JSON] });
  const chart = new Chart(app, 'least-privilege', { namespace: 'widget-system' });

  const serviceAccount = new SecureServiceAccount(chart, 'operator-sa', { metadata: { name: 'widget-operator' } });

  // Leader election in its own namespace: leases get/create/update, events create/patch.
  serviceAccount.grant(Permission.leaderElection());

  // Reconciling in the watched namespaces only: one Role and RoleBinding per namespace.
  serviceAccount.grantInNamespaces(WATCHED_NAMESPACES,
    Permission.reconcile(WIDGETS),
    Permission.updateStatus(WIDGETS),
    Permission.manage(ApiResource.CONFIG_MAPS, ApiResource.SERVICES),
    Permission.events(),
  );

  new SecureDeployment(chart, 'operator', {
    serviceAccount,
    containers: [{
      name: 'manager',
      image: 'ghcr.io/acme/widget-operator:1.3.0@sha256:5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b',
      envVariables: { WATCH_NAMESPACE: kplus.EnvValue.fromValue(WATCHED_NAMESPACES.join(',')) },
    }],
    apiAccess: { containers: ['manager'], expiration: Duration.hours(1) },
  });

  return app;
}
