import { CORE_GROUP } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/persistent-volume-create`: No create on persistentvolumes. */
export const PERSISTENT_VOLUME_CREATE = roleRiskRule({
  id: 'rbac/persistent-volume-create',
  title: 'No create on persistentvolumes',
  risk: 'Creates PersistentVolumes',
  defaultSeverity: 'error',
  rationale: 'A PersistentVolume can point at a hostPath and so give a pod access to the node\'s file system.',
  remediation: 'Remove create on persistentvolumes; use PersistentVolumeClaims and StorageClasses.',
  references: ['CIS 5.1.9', 'C-0278'],
  examples: {
    failing: exampleGrant('ClusterRole', 'storage-operator', [{ apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }]),
    passing: exampleGrant('ClusterRole', 'storage-operator', [{ apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch'] }]),
  },
  matches: [{ groups: [CORE_GROUP], resources: ['persistentvolumes'], verbs: ['create'] }],
});
