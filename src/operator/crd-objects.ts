import * as fs from 'fs';
import { ApiObject, ApiObjectProps, Chart, JsonPatch, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { PropertyError } from '../errors';

const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
const CRD_KIND = 'CustomResourceDefinition';

/**
 * CustomResourceDefinitions supplied by the user, written unchanged. cdk8s gives every object the
 * chart's namespace; a CRD is cluster-scoped, so that namespace is taken off again (unless the
 * source itself had one). Files are read from disk only: a URL would mean network access at synth.
 */
export class CrdObjects extends Construct {
  /** The emitted CRD objects, in input order. */
  public readonly apiObjects: ApiObject[] = [];

  constructor(scope: Construct, id: string, private readonly typeName: string, private readonly owner: Construct) {
    super(scope, id);
  }

  /** Adds every document of a YAML file (each must be a CRD). */
  public addFile(file: string, property: string): void {
    if (/^[a-z]+:\/\//i.test(file)) {
      throw new PropertyError(this.typeName, this.owner, property, `'${file}' is a URL: synth reads no network. Download the CRD into the repository and give its path`);
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      throw new PropertyError(this.typeName, this.owner, property, `'${file}' is not a readable file (relative paths are resolved from ${process.cwd()}; use path.join(__dirname, ...))`);
    }
    let docs: unknown[];
    try {
      docs = Yaml.load(file).filter((doc) => doc !== null && doc !== undefined);
    } catch (e) {
      throw new PropertyError(this.typeName, this.owner, property, `'${file}' is not valid YAML: ${(e as Error).message}`);
    }
    if (docs.length === 0) {
      throw new PropertyError(this.typeName, this.owner, property, `'${file}' holds no document (allowed: one or more CustomResourceDefinitions)`);
    }
    docs.forEach((doc, i) => this.addObject(doc as ApiObjectProps, `${property} ('${file}' document ${i + 1})`));
  }

  /** Adds one CRD given as an object. */
  public addObject(props: ApiObjectProps, property: string): void {
    if (props === null || typeof props !== 'object' || props.apiVersion !== CRD_API_VERSION || props.kind !== CRD_KIND) {
      const found = props && typeof props === 'object' ? `${props.apiVersion}/${props.kind}` : String(props);
      throw new PropertyError(this.typeName, this.owner, property, `is ${found}, not a CustomResourceDefinition (allowed: apiVersion ${CRD_API_VERSION}, kind ${CRD_KIND})`);
    }
    const name = props.metadata?.name;
    if (typeof name !== 'string' || name === '') {
      throw new PropertyError(this.typeName, this.owner, property, 'has no metadata.name (a CRD is named <plural>.<group>)');
    }
    if (this.apiObjects.some((o) => o.name === name)) {
      throw new PropertyError(this.typeName, this.owner, property, `defines CRD '${name}' twice`);
    }
    const apiObject = new ApiObject(this, name, props);
    if (props.metadata?.namespace === undefined && Chart.of(this).namespace !== undefined) {
      apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
    this.apiObjects.push(apiObject);
  }
}
