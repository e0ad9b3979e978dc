/** Help texts of `cdk8s-guardrails` and its commands. */
const CHECK = `Usage: cdk8s-guardrails check [options] PATH...

Checks every Kubernetes object in the given files. PATH is a file, a directory (searched
recursively for *.yaml and *.yml, skipping node_modules and .git) or - for standard input.
Files may hold many documents separated by ---; List kinds (kubectl get -o yaml) are unpacked.

Options:
  --pack NAME              Rule pack to apply; repeat for several (default: recommended)
                           Packs: {{PACKS}}
  --format FORMAT          text | markdown | json | sarif | junit (default: text)
  -o, --output FILE        Write the report to FILE instead of standard output
  --fail-on LEVEL          error | warning | info | never (default: error): the lowest
                           severity of an unsuppressed finding that makes the exit code 1
  --max-token-ttl SECONDS  Longest projected token lifetime allowed (default: 3600)
  --rule ID=LEVEL          Set a rule's severity (error | warning | info) or turn it off;
                           repeat for several (e.g. --rule hardening/image-digest=off)
  --pod-security-version V Pod Security Standards version: latest or v1.N (default: latest)
  -n, --namespace NS       Namespace of namespaced objects that set none, as kubectl apply -n
                           NS would put them (default: default)
  --pod-template GROUP/KIND=PATH[,PATH...]
                           Where a custom kind keeps its pod specs (dotted fields, name[*] for
                           each list item, * for each map value); GROUP/KIND= for a kind that
                           holds no pod; repeat for several. Adds to the built-in table
  --ignore-suppressions    Audit mode: report suppressed findings as if not suppressed
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
  -n, --namespace NS
                    Namespace of namespaced objects that set none (default: default)
  --pod-template GROUP/KIND=PATH[,PATH...]
                    Where a custom kind keeps its pod specs, as for check
  -h, --help        Show this help

Exit codes:
  0  report written
  2  usage error, or input that could not be read (the report still covers the readable objects)

Examples:
  cdk8s-guardrails access dist/ > access.md
  cdk8s-guardrails access --format json dist/operator.k8s.yaml
`;

export class Help {
  public static readonly ACCESS = ACCESS;

  public static readonly MAIN = `Usage: cdk8s-guardrails <command> [options]

Checks Kubernetes manifests (cdk8s output, Helm or kustomize builds, vendored YAML) for
standing credentials, over-broad RBAC and Pod Security problems.

Commands:
  check [options] PATH...     Check manifests and report findings
  access [options] [PATH...]  Show what each ServiceAccount can do, and which pods carry its token

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
