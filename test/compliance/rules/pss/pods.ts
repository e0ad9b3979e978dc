import type { Manifest } from '../../../../src/k8s/manifest';

/** Test helpers: pod-carrying manifests as they appear in synthesized YAML. */

export function pod(spec: any, metadata: any = {}): Manifest {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'prod', ...metadata }, spec };
}

export function deployment(spec: any, templateMetadata: any = {}): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'prod' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' }, ...templateMetadata }, spec } },
  };
}

export function cronJob(spec: any, templateMetadata: any = {}): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'prod' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { metadata: templateMetadata, spec } } } },
  };
}

/** A container that passes every PSS restricted and hardening rule. */
export function hardenedContainer(name = 'app', overrides: any = {}): any {
  return {
    name,
    image: 'registry.example/app:1.2.3@sha256:0123456789abcdef',
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
    ...overrides,
    securityContext: {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      ...overrides.securityContext,
    },
  };
}
