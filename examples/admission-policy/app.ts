import { App, Chart, Duration } from 'cdk8s';
import { AdmissionAction, AdmissionApiVersion, Guardrails, ReportFormat, TokenAdmissionPolicy } from '../../src';

/**
 * The same token rules as at synth time, enforced by the API server for everything the cluster
 * receives (`kubectl apply`, Helm, other operators): a ValidatingAdmissionPolicy and its binding.
 *
 * This is the first step of a rollout: `Warn` (clients see each violation, nothing is rejected),
 * only in the namespaces that opted in with the label `guardrails.cdk8s.io/enforce=tokens`.
 * Once the warnings are gone, switch `actions` to `[AdmissionAction.DENY, AdmissionAction.AUDIT]`.
 */
export function createApp(outdir?: string): App {
  const app = new App({ outdir });
  // The policy itself passes the synth-time checks (the recommended pack) like any other chart.
  Guardrails.of(app).check({ reports: [ReportFormat.MARKDOWN, ReportFormat.JSON] });
  const chart = new Chart(app, 'admission-policy');

  new TokenAdmissionPolicy(chart, 'tokens', {
    // Kubernetes 1.30+; use AdmissionApiVersion.V1BETA1 on 1.28/1.29 (feature gate required).
    apiVersion: AdmissionApiVersion.V1,
    actions: [AdmissionAction.WARN],
    maxTokenTtl: Duration.hours(1),
    namespaceSelector: { matchLabels: { 'guardrails.cdk8s.io/enforce': 'tokens' } },
  });

  return app;
}
