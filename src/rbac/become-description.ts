import type { BecomeEdge, BecomeGrant } from './can-become';
import { ALL_NAMESPACES } from './effective-access';

/**
 * "Who can become whom" in words, for findings and reports: a grant as `<verb> <resource>[.<group>]`
 * with where it holds and the binding and role it comes from, an edge as what it lets its holder
 * do, a path as its edges in order.
 */
export class BecomeDescriptions {
  /** `create deployments.apps cluster-wide, by ClusterRoleBinding ci -> ClusterRole ci`. */
  public static grant(grant: BecomeGrant): string {
    return BecomeDescriptions.grants([grant]);
  }

  /**
   * What the edge lets its holder do, with the grants that make it (none for a structural step);
   * grants that differ only in the verb are one phrase (`create, update deployments.apps ...`).
   */
  public static edge(edge: BecomeEdge): string {
    if (edge.grants.length === 0) return edge.description;
    const byPlace = new Map<string, BecomeGrant[]>();
    for (const grant of edge.grants) {
      const key = JSON.stringify([grant.namespace, grant.apiGroup, grant.resource, grant.resourceNames ?? [], grant.binding, grant.role]);
      byPlace.set(key, [...(byPlace.get(key) ?? []), grant]);
    }
    return `${edge.description} (${[...byPlace.values()].map(BecomeDescriptions.grants).join('; ')})`;
  }

  /** The edges of a path in order, numbered: `1. ...; 2. ...`. */
  public static path(path: readonly BecomeEdge[]): string {
    return path.map((edge, i) => `${i + 1}. ${BecomeDescriptions.edge(edge)}`).join('; ');
  }

  /** Grants of one resource, place, binding and role, differing only in the verb. */
  private static grants(grants: readonly BecomeGrant[]): string {
    const [grant] = grants;
    const verbs = [...new Set(grants.map((g) => g.verb))].join(', ');
    const names = grant.resourceNames ? ` [${grant.resourceNames.join(', ')}]` : '';
    const where = grant.namespace === ALL_NAMESPACES ? 'cluster-wide' : `in ${grant.namespace}`;
    const binding = `${grant.binding.kind} ${grant.binding.namespace ? `${grant.binding.namespace}/` : ''}${grant.binding.name}${grant.binding.builtIn ? ' (built in)' : ''}`;
    const role = `${grant.role.kind} ${grant.role.name}${grant.role.builtIn ? ' (built in)' : ''}`;
    return `${verbs} ${grant.resource}${grant.apiGroup ? `.${grant.apiGroup}` : ''}${names} ${where}, by ${binding} -> ${role}`;
  }

  private constructor() {}
}
