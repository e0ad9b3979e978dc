import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObjectProps, Chart, Testing } from 'cdk8s';
import { ApiResource, OperatorBundle, OperatorBundleProps, Permission } from '../../src';
import { newChart, ofKind, synth } from '../helpers';

const IMAGE = 'ghcr.io/acme/widget-operator:1.0.0@sha256:5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b';
const WIDGETS = ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' });

const WIDGET_CRD: ApiObjectProps = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
};

function bundle(props: Partial<OperatorBundleProps>, chart: Chart = newChart('ops')) {
  new OperatorBundle(chart, 'widget-operator', { image: IMAGE, permissions: [Permission.reconcile(WIDGETS)], ...props });
  return synth(chart);
}

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-crd-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const CRD_YAML = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
  annotations:
    controller-gen.kubebuilder.io/version: v0.16.0
spec:
  group: example.com
  names: { kind: Gadget, plural: gadgets }
  scope: Cluster
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: { type: object }
`;

describe('OperatorBundle CRDs', () => {
  test('CRD objects are written unchanged, without the chart namespace', () => {
    const [crd] = ofKind(bundle({ crds: [WIDGET_CRD] }), 'CustomResourceDefinition');
    expect(crd).toEqual(WIDGET_CRD);
  });

  test('CRD files are written unchanged (every document), without the chart namespace', () => {
    const file = tempFile('crds.yaml', `${CRD_YAML}---\n${CRD_YAML.replace(/gadgets/g, 'gizmos')}`);
    const crds = ofKind(bundle({ crdFiles: [file] }), 'CustomResourceDefinition');
    expect(crds.map(c => c.metadata.name)).toEqual(['gadgets.example.com', 'gizmos.example.com']);
    expect(crds[0].metadata).toEqual({ name: 'gadgets.example.com', annotations: { 'controller-gen.kubebuilder.io/version': 'v0.16.0' } });
    expect(crds[0].spec.scope).toBe('Cluster');
  });

  test('in a chart without a namespace nothing needs removing', () => {
    const chart = new Chart(Testing.app(), 'plain');
    const [crd] = ofKind(bundle({ namespace: 'ops', crds: [WIDGET_CRD] }, chart), 'CustomResourceDefinition');
    expect(crd).toEqual(WIDGET_CRD);
  });

  test('refuses a URL, a missing file, an empty file, and a document that is not a CRD', () => {
    const where = "OperatorBundle 'test/widget-operator': crdFiles[0]";
    expect(() => bundle({ crdFiles: ['https://example.com/crd.yaml'] })).toThrow(`${where} 'https://example.com/crd.yaml' is a URL: synth reads no network`);
    expect(() => bundle({ crdFiles: ['/nonexistent/crd.yaml'] })).toThrow(`${where} '/nonexistent/crd.yaml' is not a readable file`);
    const empty = tempFile('empty.yaml', '');
    expect(() => bundle({ crdFiles: [empty] })).toThrow(`${where} '${empty}' holds no document`);
    const notCrd = tempFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
    expect(() => bundle({ crdFiles: [notCrd] })).toThrow(`${where} ('${notCrd}' document 1) is v1/ConfigMap, not a CustomResourceDefinition`);
  });

  test('refuses a CRD object without a name and the same CRD twice', () => {
    const unnamed = { ...WIDGET_CRD, metadata: {} };
    expect(() => bundle({ crds: [unnamed] })).toThrow("OperatorBundle 'test/widget-operator': crds[0] has no metadata.name");
    expect(() => bundle({ crds: [WIDGET_CRD, WIDGET_CRD] })).toThrow("OperatorBundle 'test/widget-operator': crds[1] defines CRD 'widgets.example.com' twice");
  });
});
