import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { FLOATING_TAGS, isFloatingTag, parseImageReference } from '../image-reference';
import { describeContainer } from '../pod-fields';

/**
 * Every container image has a version tag (not `latest` nor another floating tag: `FLOATING_TAGS`),
 * or a digest. (`hardening/image-digest` separately recommends a digest, at info level.)
 * Containers without an image are skipped: the API server rejects them anyway.
 */
export const imageTagRule: Rule = {
  id: 'hardening/image-tag',
  title: 'Container images must be pinned to a version tag, not latest or another floating tag (or a digest)',
  defaultSeverity: 'warning',
  rationale: 'An untagged image means :latest, and :latest changes under you: two nodes can run different code for the same manifest, rollbacks do not roll back, and a compromised upstream push is deployed on the next restart. '
    + `Tags that name a branch or release channel float the same way: ${FLOATING_TAGS.map((t) => `:${t}`).join(', ')} (alone or with a variant such as :stable-alpine).`,
  remediation: 'Reference images by an immutable version tag (nginx:1.27.2) or, better, by digest (nginx@sha256:...).',
  references: [
    'checkov: CKV_K8S_14',
    'Kyverno: disallow-latest-tag',
    'Kubescape: C-0075',
    'kube-linter: latest-tag',
    'Polaris: tagNotSpecified',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ image: 'registry.example.com/shop/web:latest' })] })],
    passing: [exampleDeployment({ containers: [exampleContainer({ image: 'registry.example.com/shop/web:1.4.2' })] })],
  },
  checkContainer(container) {
    const image = container.container.image;
    if (typeof image !== 'string' || image === '') return undefined;
    const { tag, digest } = parseImageReference(image);
    if (digest || (tag !== undefined && !isFloatingTag(tag))) return undefined;
    const how = tag === undefined ? 'without a tag (which means :latest)'
      : tag === 'latest' ? 'with the :latest tag'
        : `with the floating tag :${tag} (it follows a branch or release channel)`;
    return [{ path: '/image', message: `The ${describeContainer(container)} uses image '${image}' ${how}; pin it to a version tag or a digest.` }];
  },
};
