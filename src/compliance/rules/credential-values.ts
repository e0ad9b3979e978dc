import { YamlLibrary } from '../../reader/yaml-library';

/**
 * Recognizes standing credentials in Secret and ConfigMap values: JWT-shaped bearer tokens and
 * kubeconfigs whose users carry a token or a client key. What it returns describes the
 * credential (kind, subject, expiry); it never contains the value or any part of it that grants
 * access.
 */

/** A credential found in a value. */
export interface FoundCredential {
  /** What it is, as a phrase: `a JWT bearer token`, `a kubeconfig whose user 'ci' authenticates with a token`. */
  readonly description: string;
}

/** A JWT: base64url header and payload (both JSON objects, so both start with `eyJ`), and a signature. */
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/** Values larger than a Secret may hold (1 MiB) are not read. */
const MAX_LENGTH = 1024 * 1024;

/** Reading values for credentials. */
export class CredentialValues {
  /** The credential a value holds, if any (a kubeconfig first: its token is a JWT too). */
  public static find(value: string): FoundCredential | undefined {
    if (value.length > MAX_LENGTH) return undefined;
    return CredentialValues.kubeconfig(value) ?? CredentialValues.jwt(value);
  }

  /**
   * The value of a base64 field (`Secret.data`, `ConfigMap.binaryData`) as text, or undefined
   * when it is not base64 (the API server would refuse it; the reader reports nothing).
   */
  public static decodeBase64(value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    const compact = value.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
    return Buffer.from(compact, 'base64').toString('utf8');
  }

  /** A kubeconfig with a user that authenticates with a token or a client key. */
  private static kubeconfig(value: string): FoundCredential | undefined {
    // Parsing YAML is the expensive part: only values that can be such a kubeconfig are parsed.
    if (!value.includes('users') || !(value.includes('token') || value.includes('client-key-data'))) return undefined;
    let parsed: unknown;
    try {
      parsed = YamlLibrary.load().parse(value);
    } catch {
      return undefined;
    }
    const users = (parsed as Record<string, unknown> | null)?.users;
    if (!Array.isArray(users)) return undefined;
    for (const entry of users) {
      const user = entry?.user;
      if (user === null || typeof user !== 'object') continue;
      const name = typeof entry.name === 'string' ? ` '${entry.name}'` : '';
      if (typeof user.token === 'string' && user.token !== '') {
        return { description: `a kubeconfig whose user${name} authenticates with a bearer token` };
      }
      if (typeof user['client-key-data'] === 'string' && user['client-key-data'] !== '') {
        return { description: `a kubeconfig whose user${name} authenticates with a client certificate and its private key (client-key-data)` };
      }
    }
    return undefined;
  }

  /** A JWT anywhere in the value (a bare token, `Bearer <jwt>`, or inside a configuration file). */
  private static jwt(value: string): FoundCredential | undefined {
    for (const match of value.matchAll(JWT)) {
      const [header, payload] = match[0].split('.').slice(0, 2).map(decodeJsonSegment);
      if (header === undefined || payload === undefined || typeof header.alg !== 'string') continue;
      return { description: describeJwt(payload) };
    }
    return undefined;
  }

  private constructor() {}
}

/** A base64url segment decoded as a JSON object, or undefined. */
function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** What a JWT's claims say about it: a ServiceAccount token (and for whom), whether it expires. */
function describeJwt(claims: Record<string, unknown>): string {
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  const account = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(sub);
  const kubernetes = account !== null || claims.iss === 'kubernetes/serviceaccount' || 'kubernetes.io' in claims;
  const expiry = typeof claims.exp === 'number' ? '' : ' that never expires (no exp claim)';
  if (kubernetes) return `a Kubernetes ServiceAccount token${account ? ` for '${account[1]}/${account[2]}'` : ''}${expiry}`;
  return `a JWT bearer token${expiry}`;
}
