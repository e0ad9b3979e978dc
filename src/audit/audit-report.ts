import { compareCodeUnits } from '../string-order';
import type { AuditReadError } from './audit-log-reader';
import { AccountActivity, AccountActivityReport, AuditSummary, SkippedLine } from './audit-summarizer';
import { SuggestedRole, SuggestedRules } from './suggested-rules';
import { UnusedGrants, UnusedPermission } from './unused-grants';
import { AccessReport } from '../access/access-report';
import { EffectiveAccess } from '../rbac/effective-access';
import type { ManifestInput } from '../reader/input';

/** Everything `audit` says about one ServiceAccount. */
export interface ServiceAccountAudit extends AccountActivityReport {
  /** True when the manifests define the ServiceAccount (false without `--manifests`). */
  readonly declared: boolean;
  /** Granted by the manifests (or built in) and never used in the log; empty without `--manifests`. */
  readonly unused: UnusedPermission[];
  /** The least-privilege rules that allow exactly `used`. */
  readonly suggested: SuggestedRole[];
  /**
   * Why the manifests say this account should hold no token, when the log shows its tokens in
   * use: no pod in the manifests carries its token, or it holds no permissions there.
   */
  readonly unexpectedTokenUse?: string;
}

/** The `audit` report. */
export interface AuditReportModel {
  readonly serviceAccounts: ServiceAccountAudit[];
  /** Whether manifests were given (`unused` and `unexpectedTokenUse` are only known then). */
  readonly withManifests: boolean;
  readonly events: number;
  readonly requests: number;
  readonly unfinishedRequests: number;
  readonly lines: number;
  readonly skipped: { readonly malformedLines: number; readonly notAuditEvents: number; readonly lines: SkippedLine[] };
  /** Log files, directories or manifests that could not be read (each makes the exit code 2). */
  readonly inputErrors: AuditReadError[];
}

/**
 * Holds the log's activity against the manifests: what each ServiceAccount used, was denied,
 * holds but never used, and the least-privilege rules for what it did; its tokens, and the
 * tokens used by accounts the manifests give none.
 */
export class AuditReport {
  /**
   * @param manifests the `--manifests` objects, or undefined when none were given
   */
  public static build(
    summary: AuditSummary, manifests: readonly ManifestInput[] | undefined, inputErrors: readonly AuditReadError[],
  ): AuditReportModel {
    const access = manifests ? EffectiveAccess.compute(manifests.map((m) => m.manifest)) : undefined;
    const carriers = manifests ? AuditReport.tokenCarriers(manifests) : new Map<string, boolean>();
    const accounts = new Map<string, AccountActivity>(summary.accounts.map((a) => [`${a.namespace}/${a.name}`, a]));
    // Accounts with grants but no request at all: every grant is unused.
    for (const sa of access?.serviceAccounts() ?? []) {
      const key = `${sa.namespace}/${sa.name}`;
      if (!accounts.has(key) && sa.grants.some((g) => !UnusedGrants.isBaseline(g))) accounts.set(key, new AccountActivity(sa.namespace, sa.name));
    }
    const serviceAccounts = [...accounts.values()]
      .sort((a, b) => compareCodeUnits(a.namespace, b.namespace) || compareCodeUnits(a.name, b.name))
      .map((activity): ServiceAccountAudit => {
        const report = activity.report();
        const effective = access?.forServiceAccount(activity.namespace, activity.name);
        const grants = effective?.grants ?? [];
        const used = [...activity.used.values()];
        const declared = effective?.declared ?? false;
        const holdsPermissions = grants.some((g) => !UnusedGrants.isBaseline(g));
        const carried = carriers.get(`${activity.namespace}/${activity.name}`) ?? false;
        const unexpected = !declared || report.tokenRequests === 0 ? undefined
          : !carried ? 'no pod in the manifests carries its token (no automount, no projected token, no token Secret)'
            : !holdsPermissions ? 'it holds no permissions in the manifests' : undefined;
        return {
          ...report,
          declared,
          unused: UnusedGrants.of(grants, used),
          suggested: SuggestedRules.of(used),
          ...(unexpected !== undefined ? { unexpectedTokenUse: unexpected } : {}),
        };
      });
    return {
      serviceAccounts,
      withManifests: manifests !== undefined,
      events: summary.events,
      requests: summary.requests,
      unfinishedRequests: summary.unfinishedRequests,
      lines: summary.lines,
      skipped: { malformedLines: summary.malformedLines, notAuditEvents: summary.notAuditEvents, lines: summary.skippedLines },
      inputErrors: [...inputErrors],
    };
  }

  /** Whether any pod (or token Secret) in the manifests carries an API token of each ServiceAccount, by `namespace/name`. */
  private static tokenCarriers(manifests: readonly ManifestInput[]): Map<string, boolean> {
    const result = new Map<string, boolean>();
    for (const sa of AccessReport.build(manifests).serviceAccounts) {
      // A projected token for another audience (a vault, a mesh) is not accepted by the API server.
      const apiToken = sa.tokens.some((carrier) => carrier.audience === undefined);
      result.set(`${sa.namespace}/${sa.name}`, apiToken || sa.tokenSecrets.length > 0);
    }
    return result;
  }

  private constructor() {}
}
