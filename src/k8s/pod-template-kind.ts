/**
 * A kind (API group and kind) and where its objects keep their pod specs, for kinds the built-in
 * table does not know (custom resources that run pods), or to declare that a kind holds no pod.
 */
export interface PodTemplateKind {
  /** The API group of the kind, e.g. `example.com` for `example.com/v1` (`''` for core). */
  readonly group: string;

  /** The kind, as written in manifests, e.g. `Widget`. */
  readonly kind: string;

  /**
   * The paths from the object's root to its pod specs: dotted field names, `name[*]` for every
   * item of a list, `*` for every value of a map, e.g. `spec.workers[*].template.spec`.
   * @default - none: the kind holds no pod
   */
  readonly paths?: string[];
}
