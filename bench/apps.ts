import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ApiResource } from '../src/rbac/api-resource';
import { Permission } from '../src/rbac/permission';
import { Guardrails } from '../src/synth/guardrails';
import { SecureDeployment } from '../src/workloads/secure-deployment';

/** Workloads per chart: a GitOps repository has one chart per team or service group. */
const WORKLOADS_PER_CHART = 50;

/** Pinned by digest, as the `hardening` pack asks. */
const IMAGE = `registry.example.com/shop/api@sha256:${'0123456789abcdef'.repeat(4)}`;

/** Objects each workload emits in both apps: Deployment, ServiceAccount, Role, RoleBinding. */
export const OBJECTS_PER_WORKLOAD = 4;

/** Where `app.synth()` writes (a fresh temporary directory per benchmark run). */
export interface AppOptions {
  readonly workloads: number;
  readonly outdir: string;
}

/**
 * N `SecureDeployment`s, each with its own `SecureServiceAccount` and a Role + RoleBinding from
 * the library's grant API (read ConfigMaps). Clean under `recommended`, so synth never throws.
 */
export function secureApp(options: AppOptions): App {
  const app = new App({ outdir: options.outdir });
  forEachWorkload(app, options.workloads, (chart, id) => {
    const deployment = new SecureDeployment(chart, id, {
      containers: [{ image: IMAGE, portNumber: 8080 }],
    });
    deployment.secureServiceAccount!.grant(Permission.read(ApiResource.CONFIG_MAPS));
  });
  return app;
}

/** The same app as `secureApp`, checked at synth time by the `recommended` pack. */
export function guardedSecureApp(options: AppOptions): App {
  const app = secureApp(options);
  Guardrails.of(app).check({ packs: ['recommended'] });
  return app;
}

/**
 * The plain cdk8s-plus-28 equivalent of `secureApp`: Deployment + ServiceAccount + Role +
 * RoleBinding per workload, with the same hardening spelled out by hand, so both apps emit the
 * same objects with the same fields.
 */
export function plainApp(options: AppOptions): App {
  const app = new App({ outdir: options.outdir });
  forEachWorkload(app, options.workloads, (chart, id) => {
    const serviceAccount = new kplus.ServiceAccount(chart, `${id}-sa`, { automountToken: false });
    new kplus.Deployment(chart, id, {
      serviceAccount,
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true, user: 65532, group: 65532, fsGroup: 65532 },
      containers: [{
        name: 'main',
        image: IMAGE,
        portNumber: 8080,
        securityContext: {
          ensureNonRoot: true,
          privileged: false,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: [kplus.Capability.ALL] },
          seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        },
      }],
    });
    const role = new kplus.Role(chart, `${id}-role`);
    role.allowRead(kplus.ApiResource.CONFIG_MAPS);
    role.bind(serviceAccount);
  });
  return app;
}

function forEachWorkload(app: App, workloads: number, add: (chart: Chart, id: string) => void): void {
  let chart: Chart | undefined;
  for (let i = 0; i < workloads; i++) {
    if (i % WORKLOADS_PER_CHART === 0) {
      const team = `team-${i / WORKLOADS_PER_CHART}`;
      chart = new Chart(app, team, { namespace: team });
    }
    add(chart!, `svc-${i}`);
  }
}
