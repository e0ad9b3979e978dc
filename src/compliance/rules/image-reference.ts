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
