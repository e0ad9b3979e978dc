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
    const names = grant.resourceNames ? ` [${grant.resourceNames.join(', ')}]` : '';
    const where = grant.namespace === ALL_NAMESPACES ? 'cluster-wide' : `in ${grant.namespace}`;
    const binding = `${grant.binding.kind} ${grant.binding.namespace ? `${grant.binding.namespace}/` : ''}${grant.binding.name}${grant.binding.builtIn ? ' (built in)' : ''}`;
    const role = `${grant.role.kind} ${grant.role.name}${grant.role.builtIn ? ' (built in)' : ''}`;
    return `${grant.verb} ${grant.resource}${grant.apiGroup ? `.${grant.apiGroup}` : ''}${names} ${where}, by ${binding} -> ${role}`;
  }

  /** What the edge lets its holder do, with the grants that make it (none for a structural step). */
  public static edge(edge: BecomeEdge): string {
    return edge.grants.length === 0 ? edge.description : `${edge.description} (${edge.grants.map(BecomeDescriptions.grant).join('; ')})`;
  }

  /** The edges of a path in order, numbered: `1. ...; 2. ...`. */
  public static path(path: readonly BecomeEdge[]): string {
    return path.map((edge, i) => `${i + 1}. ${BecomeDescriptions.edge(edge)}`).join('; ');
  }

  private constructor() {}
}
