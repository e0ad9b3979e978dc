import * as fc from 'fast-check';

/**
 * fast-check generators for construct props. "Valid" generators produce only what the library
 * must accept AND what the `recommended` pack must find nothing wrong with; the property tests
 * state which weakening (if any) they add on top.
 */

/**
 * Bounded run counts: the whole reliability suite runs in CI with the other tests (< 60 s on 2
 * cores). Under mutation testing (Stryker sets STRYKER_MUTATOR_WORKER in its test processes) every
 * mutant reruns the properties that reach it, so fewer runs keep `npx projen mutation` tractable.
 */
const UNDER_MUTATION = process.env.STRYKER_MUTATOR_WORKER !== undefined;
export const RUNS = UNDER_MUTATION ? { construct: 10, rbac: 50 } : { construct: 40, rbac: 150 };

/** A DNS label (container, volume, namespace names): 1..20 chars, lowercase, `-` inside only. */
export const dnsLabel = fc.tuple(
  fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
  fc.option(fc.stringMatching(/^[a-z0-9]{1,8}$/), { nil: undefined }),
).map(([head, tail]) => (tail ? `${head}-${tail}` : head));

/** A namespace name that is not a Kubernetes system namespace. */
export const namespaceName = dnsLabel.filter((ns) => !ns.startsWith('kube') && ns !== 'default');

/** `n` distinct DNS labels. */
export function distinctLabels(min: number, max: number): fc.Arbitrary<string[]> {
  return fc.uniqueArray(dnsLabel, { minLength: min, maxLength: max });
}

/** An image pinned by tag and digest (what `hardening/image-tag` and `hardening/image-digest` want). */
export const pinnedImage = fc.tuple(
  fc.constantFrom('', 'ghcr.io/acme/', 'registry.example.com:5000/team/'),
  dnsLabel,
  fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}(\.[0-9]{1,2})?$/),
  fc.stringMatching(/^[0-9a-f]{64}$/),
).map(([registry, name, tag, digest]) => `${registry}${name}:${tag}@sha256:${digest}`);

/** A projected token lifetime the `recommended` pack accepts: 600..3600 s (3607 is above it anyway). */
export const acceptedTtlSeconds = fc.integer({ min: 600, max: 3600 });

/** Any lifetime Kubernetes accepts, except the 3607 s sentinel. */
export const anyValidTtlSeconds = fc.integer({ min: 600, max: 2 ** 32 }).filter((s) => s !== 3607);

/** A token audience for another system. */
export const audience = fc.oneof(
  fc.constantFrom('vault', 'sts.amazonaws.com', 'https://iam.example.com', 'spiffe://example.org/ns/apps'),
  dnsLabel,
);

/**
 * A non-empty subset of `names` that is not all of them when there is more than one
 * (`token/sidecar-exposure` warns when every container of a multi-container pod gets a token).
 */
export function tokenHolders(names: string[]): fc.Arbitrary<string[]> {
  return fc.subarray(names, { minLength: 1, maxLength: Math.max(1, names.length - 1) });
}
