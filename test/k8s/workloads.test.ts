import { BUILT_IN_WORKLOADS, CONTAINER_KINDS, Workloads } from '../../src/k8s/workloads';

describe('Workloads: the built-in kinds that hold a pod spec (where every kind keeps its pods: test/k8s/pod-templates.test.ts)', () => {
  test('GIVEN built-in kinds THEN their pod spec paths', () => {
    const path = (kind: string, group: string) => BUILT_IN_WORKLOADS.find((w) => w.kind === kind && w.group === group)?.podSpecPath;
    expect(path('Pod', '')).toEqual(['spec']);
    expect(path('CronJob', 'batch')).toEqual(['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    expect(path('PodTemplate', '')).toEqual(['template', 'spec']);
    expect(path('Deployment', 'apps')).toEqual(['spec', 'template', 'spec']);
  });

  test('GIVEN the table THEN the resources whose creation runs pods, by group (a PodTemplate only stores one)', () => {
    expect(Workloads.podCreatingResources()).toEqual([
      { group: '', resources: ['pods', 'replicationcontrollers'] },
      { group: 'apps', resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'] },
      { group: 'extensions', resources: ['deployments', 'daemonsets', 'replicasets'] },
      { group: 'batch', resources: ['jobs', 'cronjobs'] },
    ]);
    expect(BUILT_IN_WORKLOADS.filter((w) => !w.createsPods).map((w) => w.kind)).toEqual(['PodTemplate']);
    expect(CONTAINER_KINDS).toEqual(['initContainers', 'containers', 'ephemeralContainers']);
  });
});
