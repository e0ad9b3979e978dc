import { BUILT_IN_WORKLOADS, CONTAINER_KINDS, Workloads } from '../../src/k8s/workloads';

describe('Workloads: where each kind keeps its pod spec', () => {
  test('GIVEN built-in kinds THEN their pod spec paths; other kinds are read at spec.template.spec', () => {
    expect(Workloads.podSpecPath('Pod')).toEqual(['spec']);
    expect(Workloads.podSpecPath('CronJob')).toEqual(['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    expect(Workloads.podSpecPath('PodTemplate')).toEqual(['template', 'spec']);
    expect(Workloads.podSpecPath('Deployment')).toEqual(['spec', 'template', 'spec']);
    expect(Workloads.podSpecPath('Rollout')).toEqual(['spec', 'template', 'spec']);
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
