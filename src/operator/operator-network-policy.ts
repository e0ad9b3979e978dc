import { IntOrString, KubeNetworkPolicy } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Construct } from 'constructs';

/**
 * The ports the Kubernetes API server is reached on. Pods dial the `kubernetes` Service on 443,
 * but most CNIs apply NetworkPolicy after kube-proxy has rewritten the destination to the API
 * server endpoint, whose port is 443 on most managed clusters (GKE, EKS, AKS) and 6443 on
 * kubeadm, kind, k3s and OpenShift. Allowing both keeps the policy portable.
 */
export const API_SERVER_PORTS = [443, 6443];

/** What the operator's NetworkPolicy lets through. */
export interface OperatorNetworkPolicyOptions {
  readonly name: string;
  readonly namespace: string;
  readonly podLabels: Record<string, string>;
  /** Ports open to ingress from any source (probes, metrics). */
  readonly ingressPorts: number[];
  /** Destinations of API server egress; empty = any address (on the API server ports only). */
  readonly apiServerCidrs: string[];
  /** The webhook server's port: open to the API server (`apiServerCidrs`, or any address). */
  readonly webhookPort?: number;
}

/**
 * A NetworkPolicy for the operator pods: ingress only on the probe and metrics ports, egress only
 * to the API server ports, everything else denied (both policy types are listed, so an empty
 * direction means deny). DNS is not allowed: in-cluster clients reach the API server through
 * `KUBERNETES_SERVICE_HOST`, an IP address. Written with the L1 because "any peer on port X" is a
 * rule with ports and no peers, which the cdk8s-plus NetworkPolicy cannot express.
 */
export function operatorNetworkPolicy(scope: Construct, id: string, options: OperatorNetworkPolicyOptions): KubeNetworkPolicy {
  const tcp = (port: number) => ({ protocol: 'TCP', port: IntOrString.fromNumber(port) });
  const to = options.apiServerCidrs.length > 0 ? { to: options.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })) } : {};
  const from = options.apiServerCidrs.length > 0 ? { from: options.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })) } : {};
  return new KubeNetworkPolicy(scope, id, {
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      podSelector: { matchLabels: options.podLabels },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        ...(options.ingressPorts.length > 0 ? [{ ports: options.ingressPorts.map(tcp) }] : []),
        // The API server calls webhooks from the control plane's addresses.
        ...(options.webhookPort !== undefined ? [{ ...from, ports: [tcp(options.webhookPort)] }] : []),
      ],
      egress: [{ ...to, ports: API_SERVER_PORTS.map(tcp) }],
    },
  });
}
