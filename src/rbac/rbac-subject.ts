import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/** The kind of an RBAC subject. */
export enum RbacSubjectKind {
  SERVICE_ACCOUNT = 'ServiceAccount',
  USER = 'User',
  GROUP = 'Group',
}

/** Who a grant binds: a ServiceAccount (the usual case), a user or a group. */
export class RbacSubject {
  /** A ServiceAccount by namespace and name. */
  public static serviceAccount(namespace: string, name: string): RbacSubject {
    return new RbacSubject(RbacSubjectKind.SERVICE_ACCOUNT, name, namespace);
  }

  /**
   * A cdk8s-plus ServiceAccount (a `SecureServiceAccount` too). Its namespace is its own, or
   * its chart's when it has none.
   */
  public static fromServiceAccount(serviceAccount: kplus.ServiceAccount): RbacSubject {
    const namespace = serviceAccount.metadata.namespace ?? Chart.of(serviceAccount).namespace;
    return new RbacSubject(RbacSubjectKind.SERVICE_ACCOUNT, serviceAccount.name, namespace);
  }

  /** A user, by the name the authenticator gives it. */
  public static user(name: string): RbacSubject {
    return new RbacSubject(RbacSubjectKind.USER, name);
  }

  /** A group. `system:` groups are refused by the grants. */
  public static group(name: string): RbacSubject {
    return new RbacSubject(RbacSubjectKind.GROUP, name);
  }

  private constructor(
    public readonly kind: RbacSubjectKind,
    public readonly name: string,
    /** The namespace, for a ServiceAccount (undefined when it has none). */
    public readonly namespace?: string,
  ) {}

  /** `ServiceAccount ns/name`, `Group name`. */
  public toString(): string {
    return this.kind === RbacSubjectKind.SERVICE_ACCOUNT ? `ServiceAccount ${this.namespace ?? '?'}/${this.name}` : `${this.kind} ${this.name}`;
  }
}
