import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { parseImageReference } from '../image-reference';
import { describeContainer } from '../pod-fields';

/**
 * Every container image has a tag other than `latest`, or a digest. (`hardening/image-digest`
 * separately recommends a digest, at info level.) Containers without an image are skipped: the
 * API server rejects them anyway.
 */
export const imageTagRule: Rule = {
  id: 'hardening/image-tag',
  title: 'Container images must be pinned to a tag other than latest (or a digest)',
  defaultSeverity: 'warning',
  rationale: 'An untagged image means :latest, and :latest changes under you: two nodes can run different code for the same manifest, rollbacks do not roll back, and a compromised upstream push is deployed on the next restart.',
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
    if (digest || (tag !== undefined && tag !== 'latest')) return undefined;
    return [{
      path: '/image',
      message: `The ${describeContainer(container)} uses image '${image}' ${tag === undefined ? 'without a tag (which means :latest)' : 'with the :latest tag'}; pin it to a version tag or a digest.`,
    }];
  },
};
