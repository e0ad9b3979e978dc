import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { parseImageReference } from '../image-reference';
import { describeContainer } from '../pod-fields';

/**
 * Recommends pinning images by digest (info). Kept apart from `hardening/image-tag` so that the
 * tag problem can fail a build while the digest advice stays a note.
 */
export const imageDigestRule: Rule = {
  id: 'hardening/image-digest',
  title: 'Container images should be pinned by digest',
  defaultSeverity: 'info',
  rationale: 'Tags are mutable: whoever can push to the repository can change what a tag points to. A digest names exactly one image.',
  remediation: 'Append the image digest: registry/app:1.2.3@sha256:<digest> (tools such as crane or skopeo print it).',
  references: [
    'checkov: CKV_K8S_43',
    'Kyverno: require-image-digest',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ image: 'registry.example.com/shop/web:1.4.2' })] })],
    passing: [exampleDeployment({
      containers: [exampleContainer({ image: 'registry.example.com/shop/web:1.4.2@sha256:4dbb1efc9c4f883128bd77839566dafbc05d0e2fb4af6ce1172b68170b1d57d9' })],
    })],
  },
  checkContainer(container) {
    const image = container.container.image;
    if (typeof image !== 'string' || image === '' || parseImageReference(image).digest) return undefined;
    return [{
      path: '/image',
      message: `The ${describeContainer(container)} uses image '${image}' without a digest; pin it as ${image.includes('@') ? image : `${image}@sha256:<digest>`}.`,
    }];
  },
};
