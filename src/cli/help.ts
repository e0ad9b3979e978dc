/** Help texts of `cdk8s-guardrails` and its commands. */
const CHECK = `Usage: cdk8s-guardrails check [options] PATH...

Checks every Kubernetes object in the given files, read exactly as kubectl apply -f reads
them (YAML 1.1, merge keys, JSON and JSON streams; any document with items is a list whose
items are checked). PATH is a file, a directory (searched recursively, like kubectl apply -R,
for *.yaml, *.yml and *.json, skipping node_modules, .git, .github, .projen and build-tool
files such as kustomization.yaml, Chart.yaml and values*.yaml) or - for standard input.

Options:
  --pack NAME              Rule pack to apply; repeat for several (default: recommended)
                           Packs: {{PACKS}}
  --format FORMAT          text | markdown | json | sarif | junit (default: text)
  -o, --output FILE        Write the report to FILE instead of standard output
  --fail-on LEVEL          error | warning | info | never (default: error): the lowest
                           severity of an unsuppressed finding that makes the exit code 1
  --max-token-ttl SECONDS  Longest projected token lifetime allowed (default: 3600)
  --ignore-suppressions    Audit mode: report suppressed findings as if not suppressed
  --exclude GLOB           Skip matching files and directories inside directories; repeat for
                           several (e.g. --exclude 'tests/**' --exclude '*.tmpl.yaml')
  -h, --help               Show this help

Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, or input that could not be read (each reported with file and line;
     every readable object is still checked and reported)

Examples:
  cdk8s-guardrails check dist/
  cdk8s-guardrails check --format sarif --output guardrails.sarif dist/
  cdk8s-guardrails check --pack tokens --pack rbac --fail-on warning manifests/*.yaml
  kustomize build overlays/prod | cdk8s-guardrails check --format junit -o junit.xml -
`;

const ACCESS = `Usage: cdk8s-guardrails access [options] [PATH...]

For every ServiceAccount in the input: what it may do and where (its effective RBAC
permissions, through which binding and role), which pods carry its API token and in which
containers, with dangerous permissions highlighted. PATH as for check; without PATH,
standard input is read.

Options:
  --format FORMAT   markdown | json (default: markdown; Markdown includes a Mermaid graph
                    that renders in GitHub and GitLab pull requests)
  -o, --output FILE Write the report to FILE instead of standard output
  --exclude GLOB    Skip matching files and directories inside directories (repeatable)
  -h, --help        Show this help

Exit codes:
  0  report written
  2  usage error, or input that could not be read (the report still covers the readable objects)

Examples:
  cdk8s-guardrails access dist/ > access.md
  cdk8s-guardrails access --format json dist/operator.k8s.yaml
`;

const PARSE = `Usage: cdk8s-guardrails parse [options] [PATH...]

Prints every object exactly as kubectl apply would send it, as JSON, one object per line:
documents split and read as kubectl reads them (YAML 1.1, merge keys, JSON streams), lists
(any document with items) replaced by their items, and the namespace filled in where kubectl
fills it. Use it to see what the checks see. PATH as for check; without PATH, standard input
is read. Input errors go to standard error.

Options:
  -n, --namespace NS  The namespace of objects of namespaced kinds that name none, as with
                      kubectl apply -n NS (default: default); an object that names another
                      namespace is an input error, as kubectl refuses it
  --exclude GLOB      Skip matching files and directories inside directories (repeatable)
  -h, --help          Show this help

Exit codes:
  0  every input read
  2  usage error, or input that could not be read (every readable object is still printed)

Examples:
  cdk8s-guardrails parse dist/ | jq -c 'select(.kind == "ClusterRoleBinding")'
  cdk8s-guardrails parse -n monitoring install.yaml
`;

export class Help {
  public static readonly ACCESS = ACCESS;
  public static readonly PARSE = PARSE;

  public static readonly MAIN = `Usage: cdk8s-guardrails <command> [options]

Checks Kubernetes manifests (cdk8s output, Helm or kustomize builds, vendored YAML) for
standing credentials, over-broad RBAC and Pod Security problems.

Commands:
  check [options] PATH...     Check manifests and report findings
  access [options] [PATH...]  Show what each ServiceAccount can do, and which pods carry its token
  parse [options] [PATH...]   Print the objects as kubectl would send them (JSON, one per line)

Options:
  -h, --help                  Show help (also: cdk8s-guardrails <command> --help)
  --version                   Show the version

Examples:
  cdk8s-guardrails check dist/
  helm template my-release ./chart | cdk8s-guardrails check -
  cdk8s-guardrails access dist/ > access.md
`;

  /** Help of `check`, listing the packs `--pack` accepts. */
  public static check(knownPacks: readonly string[]): string {
    return CHECK.replace('{{PACKS}}', knownPacks.join(', '));
  }
}
