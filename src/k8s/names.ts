/**
 * The name formats of Kubernetes (k8s.io/apimachinery/pkg/util/validation): one place for the
 * patterns and for the words that explain them in errors.
 */

/** RFC 1123 label: namespaces, most names used as labels, container and volume names. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_MAX_LENGTH = 63;
/** RFC 1123 subdomain: object names, API groups. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_SUBDOMAIN_MAX_LENGTH = 253;
/** The name part of a label or annotation key (`IsQualifiedName`). */
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const QUALIFIED_NAME_MAX_LENGTH = 63;
/** A label value (`IsValidLabelValue`): empty, or a qualified name of at most 63 characters. */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

const LABEL_RULE = "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

/** Checks of Kubernetes names; each `...Problem` returns the reason a value is refused, or undefined. */
export class KubernetesNames {
  /** True for an RFC 1123 label (at most 63 characters). */
  public static isDnsLabel(value: string): boolean {
    return value.length <= DNS_LABEL_MAX_LENGTH && DNS_LABEL.test(value);
  }

  /** True for an RFC 1123 subdomain (at most 253 characters). */
  public static isDnsSubdomain(value: string): boolean {
    return value.length <= DNS_SUBDOMAIN_MAX_LENGTH && DNS_SUBDOMAIN.test(value);
  }

  /** True for a label or annotation key: an optional DNS-subdomain prefix and `/`, then a qualified name. */
  public static isQualifiedKey(value: string): boolean {
    const parts = value.split('/');
    if (parts.length > 2) return false;
    const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
    if (prefix !== undefined && !KubernetesNames.isDnsSubdomain(prefix)) return false;
    return name.length <= QUALIFIED_NAME_MAX_LENGTH && QUALIFIED_NAME.test(name);
  }

  /** True for a label value (empty allowed). */
  public static isLabelValue(value: string): boolean {
    return value.length <= QUALIFIED_NAME_MAX_LENGTH && LABEL_VALUE.test(value);
  }

  /** Why `value` is not a DNS label (what the API server requires of most names). */
  public static dnsLabelProblem(value: string): string | undefined {
    return KubernetesNames.isDnsLabel(value) ? undefined : `'${value}' is not a DNS label (allowed: ${LABEL_RULE})`;
  }

  /** Why `value` cannot name a namespace. */
  public static namespaceProblem(value: string): string | undefined {
    return KubernetesNames.isDnsLabel(value) ? undefined : `'${value}' is not a valid namespace name (a DNS label: ${LABEL_RULE})`;
  }

  /** Why `value` cannot name an object such as a Role or a binding (a DNS subdomain). */
  public static objectNameProblem(value: string): string | undefined {
    return KubernetesNames.isDnsSubdomain(value)
      ? undefined
      : `'${value}' is not a valid object name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most ${DNS_SUBDOMAIN_MAX_LENGTH} characters`;
  }

  private constructor() {}
}
