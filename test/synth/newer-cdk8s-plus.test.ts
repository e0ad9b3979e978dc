import { Chart, Testing } from 'cdk8s';
import * as kplus33 from 'cdk8s-plus-33';
import { Harden } from '../../src/harden/harden';
import { FailOn, Guardrails } from '../../src/synth/guardrails';
import { SecureDeployment } from '../../src/workloads/secure-deployment';

/**
 * What a user of a newer cdk8s-plus than the peer (cdk8s-plus-28) can use today, as the README's
 * Install section says: the synth-time check and `Harden` work on any ApiObject, so on objects of
 * cdk8s-plus-33 too, and the secure constructs (cdk8s-plus-28 classes) live beside them in one app.
 */
describe('an app written with cdk8s-plus-33', () => {
  function app() {
    const a = Testing.app();
    Guardrails.of(a).check({ packs: ['tokens'], failOn: FailOn.NEVER, silent: true });
    const chart = new Chart(a, 'shop', { namespace: 'shop' });
    const account = new kplus33.ServiceAccount(chart, 'api-reader');
    const role = new kplus33.Role(chart, 'reader');
    role.allowRead(kplus33.ApiResource.CONFIG_MAPS);
    role.bind(account);
    const deployment = new kplus33.Deployment(chart, 'web', {
      serviceAccount: account,
      automountServiceAccountToken: true,
      containers: [{ name: 'web', image: 'nginx', portNumber: 8080 }],
    });
    return { app: a, chart, deployment };
  }

  test('GIVEN a cdk8s-plus-33 Deployment that automounts THEN Guardrails.check reports it', () => {
    const { app: a } = app();
    a.synthYaml();
    const findings = Guardrails.of(a).report().findings.map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name}`);
    expect(findings).toEqual(expect.arrayContaining([expect.stringMatching(/^token\/automount-pod Deployment\/shop-web-c8/)]));
  });

  test('GIVEN Harden on the same chart THEN the token pack finds nothing: automount is off and the token is a projected volume', () => {
    const { app: a, chart } = app();
    new Harden(chart, 'harden');
    const manifests = Testing.synth(chart);
    expect(Guardrails.of(a).report().findings.filter((f) => !f.suppressed)).toEqual([]);
    const pod = manifests.find((m) => m.kind === 'Deployment').spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].volumeMounts).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'api-credentials', readOnly: true })]));
  });

  test('GIVEN a SecureDeployment beside the cdk8s-plus-33 objects THEN both synthesize in one chart and the SecureDeployment has no finding', () => {
    const { app: a, chart } = app();
    new SecureDeployment(chart, 'worker', { containers: [{ name: 'worker', image: 'ghcr.io/acme/worker:1.0.0' }] });
    a.synthYaml();
    const findings = Guardrails.of(a).report().findings;
    // Findings name their construct: the cdk8s-plus-33 Deployment has some, the SecureDeployment none.
    expect(findings.some((f) => f.constructPath?.startsWith('shop/web/'))).toBe(true);
    expect(findings.filter((f) => f.constructPath?.startsWith('shop/worker/'))).toEqual([]);
  });
});
