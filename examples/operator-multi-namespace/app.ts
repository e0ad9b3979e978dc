import { App, Chart, Duration } from 'cdk8s';
import { ApiResource, Guardrails, OperatorBundle, Permission, ReportFormat, WatchScope } from '../../src';

/** The team namespaces the operator serves: it holds no permission anywhere else. */
export const TEAM_NAMESPACES = ['team-a', 'team-b', 'team-c'];

/**
 * A database operator run by a platform team for three application teams: it reconciles
 * Database objects (and the Services and ConfigMaps it creates for them) in the team namespaces,
 * runs two replicas with leader election, and ships traces through a sidecar that gets no token.
 */
export function createApp(outdir?: string): App {
  const app = new App({ outdir });
  const chart = new Chart(app, 'database-operator', { namespace: 'platform-operators' });
  const databases = ApiResource.custom({ apiGroup: 'db.example.com', resource: 'databases' });

  new OperatorBundle(chart, 'database-operator', {
    image: 'ghcr.io/acme/database-operator:2.1.0@sha256:08a79e5662b2530fda14d11ac8a59acaaa520664fa6b4317d157bf0da57fad4e',
    replicas: 2, // leader election is on by default with more than one replica
    watch: WatchScope.namespaces(TEAM_NAMESPACES), // a Role and a RoleBinding in each
    permissions: [
      Permission.reconcile(databases),
      Permission.updateStatus(databases),
      Permission.manage(ApiResource.SERVICES, ApiResource.CONFIG_MAPS),
      Permission.events(),
    ],
    clusterPermissions: [Permission.read(ApiResource.NAMESPACES)], // to follow team namespaces' labels
    tokenExpiration: Duration.minutes(30),
    sidecars: [{
      name: 'otel-agent', // exports traces; needs no API access, so it gets no token
      image: 'ghcr.io/acme/otel-agent:0.98.0@sha256:6eaee6a31275ca9743128cd382334171a34ac9501cb39a60d720c212e8b3ec28',
    }],
    metricsService: true,
    podDisruptionBudget: true,
  });

  Guardrails.of(app).check({ reports: [ReportFormat.MARKDOWN, ReportFormat.JSON] });
  return app;
}
