import type { ContainerViolation, Rule } from '../../rule';
import { EXAMPLE_NAMESPACE, exampleContainer, exampleDeployment } from '../examples';
import { asArray, asObject, describeContainer, PSS_BASELINE_URL } from '../pod-fields';

/**
 * PSS baseline "Host Ports": `ports[*].hostPort` must be undefined or 0. The standard also allows
 * "a known list"; like the built-in Pod Security Admission controller, no list is supported.
 */
export const hostPortsRule: Rule = {
  id: 'pss/host-ports',
  title: 'Containers must not bind host ports',
  defaultSeverity: 'error',
  rationale: 'A host port binds the container to a port on the node\'s network interfaces, bypassing network policies and Services and limiting scheduling; it also lets a compromised pod snoop or spoof node traffic.',
  remediation: 'Remove hostPort from every container port (or set it to 0) and expose the workload through a Service.',
  references: [
    `Pod Security Standards, Baseline: Host Ports (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: hostPorts',
    'CIS Kubernetes Benchmark v1.8: 5.2.13',
    'checkov: CKV_K8S_26',
    'Kyverno: disallow-host-ports',
    'Kubescape: C-0044',
    'Polaris: hostPortSet',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ ports: [{ containerPort: 8080, hostPort: 8080 }] })] })],
    passing: [
      exampleDeployment({ containers: [exampleContainer({ ports: [{ containerPort: 8080 }] })] }),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: EXAMPLE_NAMESPACE },
        spec: { selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      },
    ],
  },
  checkContainer(container) {
    const violations: ContainerViolation[] = [];
    asArray(container.container.ports).forEach((port, i) => {
      const hostPort = asObject(port)?.hostPort;
      if (hostPort !== undefined && hostPort !== null && hostPort !== 0) {
        violations.push({
          path: `/ports/${i}/hostPort`,
          message: `The ${describeContainer(container)} binds host port ${JSON.stringify(hostPort)}; remove hostPort (or set it to 0) and expose the port through a Service.`,
        });
      }
    });
    return violations;
  },
};
