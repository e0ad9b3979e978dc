import { App, Chart, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ApiResource, DefaultDenyTraffic, Guardrails, Permission, ReportFormat, SecureCronJob, SecureDaemonSet, SecureJob,
  SecureNamespace, SecureStatefulSet,
} from '../../src';

const REGISTRY = 'ghcr.io/acme';
/** Modest requests and limits: the namespace's ResourceQuota counts them. */
const SMALL: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(250) },
  memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
};

/**
 * A `ledger` namespace where nothing holds a standing credential: Pod Security `restricted`
 * admission, an automount-free `default` ServiceAccount, ingress denied unless allowed, and a
 * quota. In it, one of each secure workload kind:
 *
 * - a StatefulSet (`ledger-cache`) with a writable `emptyDir` for its data, no API access;
 * - a DaemonSet (`node-probe`) measuring node-to-node latency, no API access;
 * - a Job (`schema-migrate`) run once per release, no API access;
 * - a CronJob (`job-reaper`) that deletes finished Jobs: the only pod with an API token, mounted
 *   into its `reaper` container alone, for 15 minutes, and a Role allowing exactly
 *   `list` and `delete` on Jobs in `ledger`.
 */
export function createApp(outdir?: string): App {
  const app = new App({ outdir });
  // Check every manifest this app writes; fail the synth on any error; write the report next to the YAML.
  Guardrails.of(app).check({ reports: [ReportFormat.MARKDOWN, ReportFormat.JSON] });
  // Every namespaced object of the chart lands in `ledger`, the SecureNamespace included.
  const chart = new Chart(app, 'secure-workloads', { namespace: 'ledger' });

  new SecureNamespace(chart, 'namespace', {
    podSecurityVersion: 'v1.28',
    defaultDeny: DefaultDenyTraffic.INGRESS,
    resourceQuota: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.units(8) }, memory: { limit: Size.gibibytes(8) }, pods: 30 },
  });

  const cache = new SecureStatefulSet(chart, 'ledger-cache', {
    replicas: 3,
    containers: [{
      name: 'cache',
      image: `${REGISTRY}/ledger-cache:7.2.4@sha256:2f0c2a8e7b4f3d6c1a9e8b7d6c5f4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e`,
      portNumber: 6379,
      resources: SMALL,
      // The root filesystem stays read-only; the data goes to its own volume.
      volumeMounts: [{ path: '/data', volume: kplus.Volume.fromEmptyDir(chart, 'cache-data', 'data') }],
    }],
  });

  const migrate = new SecureJob(chart, 'schema-migrate', {
    backoffLimit: 2,
    ttlAfterFinished: Duration.hours(1),
    containers: [{
      name: 'migrate',
      image: `${REGISTRY}/ledger-migrate:3.1.0@sha256:6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b`,
      resources: SMALL,
    }],
  });
  // The only way into the cache: from the migration Job, on its port.
  cache.connections.allowFrom(migrate, { ports: [kplus.NetworkPolicyPort.tcp(6379)], isolation: kplus.PodConnectionsIsolation.POD });

  new SecureDaemonSet(chart, 'node-probe', {
    containers: [{
      name: 'probe',
      image: `${REGISTRY}/node-probe:1.4.2@sha256:0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d1c`,
      resources: SMALL,
    }],
  });

  const reaper = new SecureCronJob(chart, 'job-reaper', {
    schedule: Cron.schedule({ minute: '17', hour: '*' }),
    containers: [
      { name: 'reaper', image: `${REGISTRY}/job-reaper:0.9.1@sha256:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d`, resources: SMALL },
      { name: 'log-shipper', image: `${REGISTRY}/log-shipper:1.0.3@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9`, resources: SMALL },
    ],
    // A token for the reaper alone; the log shipper gets nothing.
    apiAccess: { containers: ['reaper'], expiration: Duration.minutes(15) },
  });
  // What the token is for: list and delete Jobs in `ledger`, nothing else.
  reaper.secureServiceAccount.grant(Permission.custom({ resources: [ApiResource.JOBS], verbs: ['list', 'delete'] }));

  return app;
}
