/** The parts of a container image reference that the image rules need. */
export interface ImageReference {
  /** The tag, if any (`latest` in `nginx:latest`). */
  readonly tag?: string;
  /** The digest, if any (`sha256:...` in `nginx@sha256:...`). */
  readonly digest?: string;
}

/**
 * Splits `[registry[:port]/]repository[:tag][@digest]`. A colon before the last `/` belongs to
 * a registry port, not a tag.
 */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
  return { tag: tag || undefined, digest: digest || undefined };
}

/**
 * Tags that name a branch or a release channel rather than a version: they move with every push
 * to the branch or every release on the channel, like `latest`. Registries and projects use
 * `edge` and `nightly` (Alpine, Traefik, Caddy), `main`/`master`/`dev`/`develop` (images built
 * from a branch), `canary`/`unstable`, and channel names that float between versions (`stable`,
 * `mainline`, `lts`, `current`, `rolling`).
 */
export const FLOATING_TAGS: readonly string[] = [
  'latest', 'main', 'master', 'edge', 'nightly', 'dev', 'develop', 'development', 'head', 'trunk',
  'canary', 'unstable', 'snapshot', 'stable', 'mainline', 'lts', 'current', 'rolling',
];

/**
 * True when a tag floats: one of `FLOATING_TAGS` (any case), alone or followed by a variant
 * without a version (`stable-alpine`, `lts-slim`). `main-3f2a1b9` or `nightly-2024-06-01` pin a
 * build and do not float.
 */
export function isFloatingTag(tag: string): boolean {
  const lower = tag.toLowerCase();
  const dash = lower.indexOf('-');
  const word = dash < 0 ? lower : lower.slice(0, dash);
  if (!FLOATING_TAGS.includes(word)) return false;
  return dash < 0 || !/\d/.test(lower.slice(dash + 1));
}
