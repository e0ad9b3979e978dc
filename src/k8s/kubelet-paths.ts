/**
 * Where the kubelet keeps every pod's volumes on the node: `<root-dir>/pods/<pod uid>/volumes/`,
 * the projected ServiceAccount token of each pod included (`kubernetes.io~projected/...`). The
 * default `--root-dir` is `/var/lib/kubelet` (kubernetes/kubernetes cmd/kubelet/app/options,
 * `defaultRootDir`). A host path on that directory, a parent of it, or a path inside it gives a
 * container the API tokens of the pods on its node.
 */
export const KUBELET_PODS_DIR = '/var/lib/kubelet/pods';

/** Host paths and the kubelet's pod directory. */
export class KubeletPaths {
  /**
   * The path with `.`, `..`, repeated and trailing slashes resolved (`/var//lib/../lib/` ->
   * `/var/lib`), or undefined for a relative or empty path.
   */
  public static normalize(path: unknown): string | undefined {
    if (typeof path !== 'string' || !path.startsWith('/')) return undefined;
    const parts: string[] = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return `/${parts.join('/')}`;
  }

  /**
   * True when a host path exposes the kubelet's pod directory: it is that directory, one of its
   * parents (`/`, `/var`, `/var/lib`, `/var/lib/kubelet`) or a path inside it.
   */
  public static exposesPodTokens(hostPath: unknown): boolean {
    const path = KubeletPaths.normalize(hostPath);
    if (path === undefined) return false;
    return path === '/' || `${KUBELET_PODS_DIR}/`.startsWith(`${path}/`) || path.startsWith(`${KUBELET_PODS_DIR}/`);
  }

  /** The host path a mount sees: the volume's path joined with the mount's `subPath` (if any). */
  public static withSubPath(hostPath: string, subPath: unknown): string {
    return typeof subPath === 'string' && subPath !== '' ? `${hostPath.replace(/\/+$/, '')}/${subPath}` : hostPath;
  }

  private constructor() {}
}
