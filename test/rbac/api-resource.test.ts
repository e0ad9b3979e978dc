import { KnownResources } from '../../src/k8s/known-resources';
import { ApiResource } from '../../src/rbac/api-resource';
import { Permission } from '../../src/rbac/permission';
import { onlyOfKind } from '../helpers';
import { synthGrant } from './synth-util';

describe('ApiResource', () => {
  test.each([
    [ApiResource.DEPLOYMENTS, 'apps', 'deployments', false],
    [ApiResource.STATEFUL_SETS, 'apps', 'statefulsets', false],
    [ApiResource.CRON_JOBS, 'batch', 'cronjobs', false],
    [ApiResource.LEASES, 'coordination.k8s.io', 'leases', false],
    [ApiResource.INGRESSES, 'networking.k8s.io', 'ingresses', false],
    [ApiResource.ENDPOINT_SLICES, 'discovery.k8s.io', 'endpointslices', false],
    [ApiResource.POD_DISRUPTION_BUDGETS, 'policy', 'poddisruptionbudgets', false],
    [ApiResource.PODS_LOG, '', 'pods/log', false],
    [ApiResource.NODES, '', 'nodes', true],
    [ApiResource.CUSTOM_RESOURCE_DEFINITIONS, 'apiextensions.k8s.io', 'customresourcedefinitions', true],
  ])('%s is in the right API group and scope', (resource, apiGroup, name, clusterScoped) => {
    expect([resource.apiGroup, resource.resource, resource.clusterScoped]).toEqual([apiGroup, name, clusterScoped]);
  });

  test('a subresource keeps the group and scope of its resource', () => {
    const scale = ApiResource.DEPLOYMENTS.subresource('scale');
    expect([scale.apiGroup, scale.resource, scale.toString()]).toEqual(['apps', 'deployments/scale', 'apps/deployments/scale']);
    expect(ApiResource.of('nodes/proxy').clusterScoped).toBe(true);
  });

  test('custom resources default to namespaced', () => {
    expect(ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' }).clusterScoped).toBe(false);
  });

  test('a CRD resource name that is a valid plural is accepted even if unknown', () => {
    const role = onlyOfKind(synthGrant([Permission.read(ApiResource.custom({ apiGroup: 'monitoring.coreos.com', resource: 'servicemonitors' }))]), 'Role');
    expect(role.rules).toEqual([{ apiGroups: ['monitoring.coreos.com'], resources: ['servicemonitors'], verbs: ['get', 'list', 'watch'] }]);
  });

  test('known resources: singular names find their plural, unknown names do not', () => {
    expect(KnownResources.suggestPlural('Ingress')).toBe('ingresses');
    expect(KnownResources.suggestPlural('networkpolicy')).toBe('networkpolicies');
    expect(KnownResources.suggestPlural('widget')).toBeUndefined();
    expect(KnownResources.isClusterScoped('', 'nodes/proxy')).toBe(true);
    expect(KnownResources.isClusterScoped('metrics.k8s.io', 'nodes')).toBe(false);
  });
});
