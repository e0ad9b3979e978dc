import { ApiObject, Chart, JsonPatch } from 'cdk8s';

/**
 * cdk8s gives every object its chart's namespace; a cluster-scoped object (ClusterRole, webhook
 * configuration) must not carry one, or `kubectl apply` fails.
 */
export function dropChartNamespaceOf(apiObject: ApiObject): void {
  if (Chart.of(apiObject).namespace !== undefined) apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}
