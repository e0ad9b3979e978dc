/** What the version gates read: the configured Pod Security Standards version. */
interface VersionOption {
  readonly podSecurityVersion: string;
}

/**
 * The Pod Security Standards version the `pss/*` rules follow, like Pod Security Admission's
 * `enforce-version` label: `latest` (the default) or a Kubernetes minor version `v1.N`.
 *
 * Supported: `latest` and `v1.25` or later (the first release where Pod Security Admission is
 * GA and the restricted profile exempts Windows pods). Version-dependent allowances:
 * - sysctl `net.ipv4.ip_local_reserved_ports` is safe from v1.27;
 * - sysctls `net.ipv4.tcp_keepalive_time`, `tcp_fin_timeout`, `tcp_keepalive_intvl`,
 *   `tcp_keepalive_probes` are safe from v1.29;
 * - sysctls `net.ipv4.tcp_rmem` and `net.ipv4.tcp_wmem` are safe from v1.32;
 * - sysctls `net.ipv4.tcp_slow_start_after_idle` and `net.ipv4.tcp_notsent_lowat` are safe from
 *   v1.37 (check_sysctls.go, `sysctlsAllowedV1Dot37`);
 * - SELinux type `container_engine_t` is allowed from v1.31;
 * - restricted allows `image` volumes from v1.33 (check_restrictedVolumes.go: the allowance was
 *   added to the check's only version, so a v1.33+ API server allows them at every enforce-version;
 *   we read a version below v1.33 as a cluster whose admission refuses them);
 * - `pss/host-probes` (no `host` in probes and lifecycle handlers) applies from v1.34;
 * - from v1.35 a pod in a user namespace (`hostUsers: false`) may set any `procMount` under
 *   baseline (check_procMount_baseline.go) but not under restricted (check_procMount_restricted.go,
 *   `pss/proc-mount-restricted`), and restricted no longer checks its `runAsNonRoot` and
 *   `runAsUser` (check_runAsNonRoot.go, check_runAsUser.go): the relaxation that a perma-alpha
 *   feature gate guarded before v1.35 is unconditional from that policy version on.
 *
 * Source: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_*.go.
 */
export class PodSecurityVersion {
  /** The oldest minor version the rules model. */
  public static readonly OLDEST_SUPPORTED_MINOR = 25;

  /** From this minor version, pods in a user namespace (`hostUsers: false`) are relaxed (procMount under baseline, runAsNonRoot, runAsUser). */
  public static readonly USER_NAMESPACE_RELAXATION_MINOR = 35;

  /** From this minor version, restricted allows `image` volumes. */
  public static readonly IMAGE_VOLUMES_MINOR = 33;

  /**
   * The Kubernetes minor version of `value` (`Infinity` for `latest`).
   * @throws Error naming the bad value and what is allowed.
   */
  public static minor(value: string | undefined): number {
    if (value === undefined || value === '' || value === 'latest') return Infinity;
    const match = /^v?1\.(\d+)$/.exec(value);
    if (!match) {
      throw new Error(`podSecurityVersion '${value}' is not valid: use 'latest' or a Kubernetes minor version such as 'v1.30'`);
    }
    const minor = Number(match[1]);
    if (minor < PodSecurityVersion.OLDEST_SUPPORTED_MINOR) {
      throw new Error(`podSecurityVersion '${value}' is not supported: use 'latest' or v1.${PodSecurityVersion.OLDEST_SUPPORTED_MINOR} or later`);
    }
    return minor;
  }

  /**
   * True for a value Pod Security admission accepts in a `pod-security.kubernetes.io/<mode>-version`
   * label: `latest` or `v1.<minor>` (pod-security-admission `api/helpers.go`, `ParseVersion`).
   */
  public static isLabelValue(value: string): boolean {
    return /^(latest|v1\.(0|[1-9][0-9]*))$/.test(value);
  }

  /**
   * True when Pod Security relaxes its user-namespace checks for this pod spec at the configured
   * version: the pod sets `hostUsers: false` (helpers.go, `relaxPolicyForUserNamespacePod`) and the
   * version is v1.35 or later.
   */
  public static relaxesUserNamespacePod(options: VersionOption, podSpec: { readonly hostUsers?: unknown }): boolean {
    return podSpec.hostUsers === false && PodSecurityVersion.atLeast(options, PodSecurityVersion.USER_NAMESPACE_RELAXATION_MINOR);
  }

  /** True when the configured version is `v1.<minor>` or newer (always true for `latest`). */
  public static atLeast(options: VersionOption, minor: number): boolean {
    return PodSecurityVersion.minor(options.podSecurityVersion) >= minor;
  }
}
