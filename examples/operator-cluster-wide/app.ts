import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { ApiResource, Guardrails, OperatorBundle, Permission, ReportFormat, WatchScope } from '../../src';

/** Why this operator is granted its permissions in every namespace (shown in every report). */
export const CLUSTER_WIDE_REASON = 'Backups are created by every tenant in its own namespace, and tenant namespaces are added daily; a fixed list would always lag behind.';

/** The CRD the operator serves, shipped with it and written unchanged. */
export const BACKUP_CRD = path.join(__dirname, 'crds', 'backups.backup.example.com.yaml');

/**
 * A backup operator that watches every namespace: Backup objects may appear in any of them. Its
 * namespaced permissions are granted by a ClusterRole and a ClusterRoleBinding, which the
 * compliance rule `rbac/cluster-scope` reports; the reason above is written on the binding, so
 * the finding is shown as suppressed with it. Reading its own CRD is a separate, one-object
 * ClusterRole.
 */
export function createApp(outdir?: string): App {
  const app = new App({ outdir });
  const chart = new Chart(app, 'backup-operator', { namespace: 'backup-system' });
  const backups = ApiResource.custom({ apiGroup: 'backup.example.com', resource: 'backups' });

  new OperatorBundle(chart, 'backup-operator', {
    image: 'ghcr.io/acme/backup-operator:3.0.1@sha256:021fdb389036eaee435df4a1652551e81547da83bc273d3d72e721c3e1638a2f',
    watch: WatchScope.allNamespaces(CLUSTER_WIDE_REASON),
    permissions: [
      Permission.reconcile(backups),
      Permission.updateStatus(backups),
      Permission.read(ApiResource.PERSISTENT_VOLUME_CLAIMS),
      Permission.events(),
    ],
    // Checks at start-up that its CRD is installed: `get` on that one CRD, nothing else.
    clusterPermissions: [Permission.getNamed(ApiResource.CUSTOM_RESOURCE_DEFINITIONS, 'backups.backup.example.com')],
    crdFiles: [BACKUP_CRD],
    createNamespace: true,
    networkPolicy: true,
    metricsService: true,
  });

  Guardrails.of(app).check({ reports: [ReportFormat.MARKDOWN, ReportFormat.JSON] });
  return app;
}
