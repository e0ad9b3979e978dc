import { imageDigestRule } from './image-digest';
import { imageTagRule } from './image-tag';
import { readOnlyRootFsRule } from './read-only-root-fs';
import { resourcesRule } from './resources';
import type { Rule } from '../../rule';

/** Hardening beyond the Pod Security Standards. */
export const HARDENING_RULES: Rule[] = [
  readOnlyRootFsRule,
  resourcesRule,
  imageTagRule,
  imageDigestRule,
];
