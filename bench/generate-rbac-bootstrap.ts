/**
 * Not a benchmark: the generator of `src/k8s/rbac-bootstrap/*-data.ts` (kept in bench/ because
 * it is tooling that is type-checked and linted but never shipped). It reads Kubernetes' own
 * bootstrap policy fixtures (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/*.yaml`,
 * saved by hand into a local folder: nothing is fetched) and writes them as TypeScript data.
 *
 *   npx ts-node --project tsconfig.check.json --transpile-only bench/generate-rbac-bootstrap.ts DIR
 *
 * DIR holds cluster-roles.yaml, cluster-role-bindings.yaml, controller-roles.yaml,
 * namespace-roles.yaml and namespace-role-bindings.yaml. controller-role-bindings.yaml is not
 * read: upstream generates it from the controller roles (`addControllerRole` in
 * controller_policy.go binds `system:controller:<name>` to ServiceAccount `kube-system/<name>`),
 * and so does this script. Update SOURCES below with the commit of each file.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

interface Source {
  /** The testdata file name. */
  readonly file: string;
  /** The generated TypeScript file under src/k8s/rbac-bootstrap/. */
  readonly out: string;
  /** The exported constant. */
  readonly constant: string;
  readonly kind: 'ClusterRole' | 'ClusterRoleBinding' | 'Role' | 'RoleBinding';
  /** Where the file was read: repository, commit, and what is known of its Kubernetes version. */
  readonly origin: string[];
}

const TESTDATA = 'plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata';

const SOURCES: Source[] = [
  {
    file: 'cluster-roles.yaml',
    out: 'cluster-roles-data.ts',
    constant: 'CLUSTER_ROLES',
    kind: 'ClusterRole',
    origin: [
      `kubernetes/kubernetes ${TESTDATA}/cluster-roles.yaml`,
      'at commit 025f2834a128798cef30018a5e6a6ae82b5ad885 (24,636 characters, the same count as the copy read).',
      'A Kubernetes release between 1.27 and 1.33 (the index holds no version file at that commit): it has',
      'SelfSubjectReview in system:basic-user and /metrics/slis in system:monitoring, and none of the',
      'DynamicResourceAllocation rules that are default from 1.34. It is the newest version of this file found.',
    ],
  },
  {
    file: 'cluster-role-bindings.yaml',
    out: 'cluster-role-bindings-data.ts',
    constant: 'CLUSTER_ROLE_BINDINGS',
    kind: 'ClusterRoleBinding',
    origin: [
      `${TESTDATA}/cluster-role-bindings.yaml as carried by openshift/kubernetes`,
      'at commit 95e062fd30e833905cde9671a87b83257b477b6f (6,053 characters, the same count as the copy read),',
      'without its one OpenShift carry (system:openshift:public-info-viewer). The kubernetes/kubernetes',
      'copies in the index are older (c60df8997f62f861cf0cd2b13ab62271464589ed lacks system:monitoring and',
      'system:service-account-issuer-discovery). Every roleRef below is a ClusterRole of cluster-roles.yaml.',
    ],
  },
  {
    file: 'controller-roles.yaml',
    out: 'controller-roles-data.ts',
    constant: 'CONTROLLER_ROLES',
    kind: 'ClusterRole',
    origin: [
      `kubernetes/kubernetes ${TESTDATA}/controller-roles.yaml`,
      'at commit 008b3652959ca58af8be3fb5b6ecfe9ae7638282 (30,509 characters, the same count as the copy read).',
      'Kubernetes 1.34 or later (no creationTimestamp; the DynamicResourceAllocation controllers are default).',
    ],
  },
  {
    file: 'controller-role-bindings.yaml',
    out: 'controller-role-bindings-data.ts',
    constant: 'CONTROLLER_ROLE_BINDINGS',
    kind: 'ClusterRoleBinding',
    origin: [
      'Derived from controller-roles.yaml (commit 008b3652959ca58af8be3fb5b6ecfe9ae7638282) as upstream derives',
      `${TESTDATA}/controller-role-bindings.yaml:`,
      'addControllerRole in controller_policy.go binds each',
      'system:controller:<name> ClusterRole to ServiceAccount kube-system/<name> (the stored upstream file at',
      'commit 0158d1b41c0296239adbbe5bc925fa635befd14d has exactly this shape).',
    ],
  },
  {
    file: 'namespace-roles.yaml',
    out: 'namespace-roles-data.ts',
    constant: 'NAMESPACE_ROLES',
    kind: 'Role',
    origin: [
      `kubernetes/kubernetes ${TESTDATA}/namespace-roles.yaml`,
      'at commit 008b3652959ca58af8be3fb5b6ecfe9ae7638282 (3,572 characters, the same count as the copy read).',
    ],
  },
  {
    file: 'namespace-role-bindings.yaml',
    out: 'namespace-role-bindings-data.ts',
    constant: 'NAMESPACE_ROLE_BINDINGS',
    kind: 'RoleBinding',
    origin: [
      `kubernetes/kubernetes ${TESTDATA}/namespace-role-bindings.yaml`,
      'at commit 008b3652959ca58af8be3fb5b6ecfe9ae7638282 (3,859 characters, the same count as the copy read).',
    ],
  },
];

const INDENT = '  ';
const MAX = 140;

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
}

/** A value as a TypeScript literal on one line. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${key(k)}: ${inline(v)}`).join(', ')} }`;
  }
  if (typeof value === 'string') return quote(value);
  return JSON.stringify(value);
}

/** A value as TypeScript, one line when it fits, otherwise one property or item per line. */
function literal(value: unknown, depth: number): string {
  const pad = INDENT.repeat(depth);
  const one = inline(value);
  if (pad.length + one.length + 2 <= MAX || (value === null || typeof value !== 'object')) return one;
  const inner = INDENT.repeat(depth + 1);
  if (Array.isArray(value)) {
    const items = value.map((item) => `${inner}${literal(item, depth + 1)},`);
    // Lists of strings are packed several to a line.
    if (value.every((item) => typeof item === 'string')) {
      const lines: string[] = [];
      let line = '';
      for (const item of value.map((v) => `${quote(v as string)},`)) {
        if (line && inner.length + line.length + item.length + 1 > MAX) {
          lines.push(`${inner}${line}`);
          line = '';
        }
        line = line ? `${line} ${item}` : item;
      }
      if (line) lines.push(`${inner}${line}`);
      return `[\n${lines.join('\n')}\n${pad}]`;
    }
    return `[\n${items.join('\n')}\n${pad}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, depth + 1)},`).join('\n')}\n${pad}}`;
}

/** A rule with its fields in one order (the order of the PolicyRule type), unset fields left out. */
function rule(raw: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of ['apiGroups', 'resources', 'resourceNames', 'verbs', 'nonResourceURLs']) {
    if (Array.isArray(raw[field])) out[field] = raw[field].map(String);
  }
  return out;
}

/** An upstream object without the fields that carry no policy (creationTimestamp: null). */
function normalize(raw: any): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: raw.metadata.name };
  if (raw.metadata.namespace) metadata.namespace = raw.metadata.namespace;
  if (raw.metadata.labels) metadata.labels = raw.metadata.labels;
  if (raw.metadata.annotations) metadata.annotations = raw.metadata.annotations;
  const object: Record<string, unknown> = { apiVersion: raw.apiVersion, kind: raw.kind, metadata };
  if (raw.aggregationRule) object.aggregationRule = raw.aggregationRule;
  if (raw.kind === 'ClusterRole' || raw.kind === 'Role') object.rules = (raw.rules ?? []).map(rule);
  if (raw.roleRef) object.roleRef = raw.roleRef;
  if (raw.subjects) object.subjects = raw.subjects;
  return object;
}

function controllerBindings(roles: any[]): any[] {
  const prefix = 'system:controller:';
  return roles.map((role) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: {
      name: role.metadata.name,
      labels: role.metadata.labels,
      annotations: role.metadata.annotations,
    },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name },
    subjects: [{ kind: 'ServiceAccount', name: role.metadata.name.slice(prefix.length), namespace: 'kube-system' }],
  }));
}

function main(dir: string): void {
  const read = (file: string): any[] => parse(readFileSync(join(dir, file), 'utf8')).items;
  for (const source of SOURCES) {
    const items = source.file === 'controller-role-bindings.yaml' ? controllerBindings(read('controller-roles.yaml')) : read(source.file);
    const objects = items.map(normalize);
    if (objects.some((o) => o.kind !== source.kind)) throw new Error(`${source.file}: not all ${source.kind}`);
    const type = `Bootstrap${source.kind}`;
    const text = [
      '/**',
      ` * GENERATED by bench/generate-rbac-bootstrap.ts: do not edit. ${objects.length} ${source.kind}s of the Kubernetes`,
      ' * RBAC bootstrap policy (what kube-apiserver creates and reconciles at start-up). Source:',
      ...source.origin.map((line) => ` * ${line}`),
      ' * Kept as upstream wrote it, except `creationTimestamp: null`, and `rules: null` written as `[]`.',
      ' */',
      `import type { ${type} } from './bootstrap-types';`,
      '',
      `/** The ${source.kind}s of ${source.file}, in upstream order. */`,
      `export const ${source.constant}: readonly ${type}[] = [`,
      ...objects.map((o) => `${INDENT}${literal(o, 1)},`),
      '];',
      '',
    ].join('\n');
    writeFileSync(join(__dirname, '..', 'src', 'k8s', 'rbac-bootstrap', source.out), text);
    console.log(`${source.out}: ${objects.length} ${source.kind}s`);
  }
}

main(process.argv[2] ?? '.');
