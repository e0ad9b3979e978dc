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
  --format FORMAT          text | markdown | json | sarif | junit | github (default: text;
                           github: workflow commands that annotate the pull request)
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
  --config FILE            Configuration file (default: .guardrails.yaml in the working
                           directory or a parent, up to the repository root); flags override it
  --no-config              Use no configuration file
  --baseline FILE          Report every finding, but only those not in FILE count toward the
                           exit code (marked baselined); findings of FILE now gone are listed as fixed
  --write-baseline FILE    Record this run's unsuppressed findings in FILE (they are then baselined)
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
  cdk8s-guardrails check --write-baseline .guardrails-baseline.json vendor/
  cdk8s-guardrails check --format github --baseline .guardrails-baseline.json vendor/
`;

const RULES = `Usage: cdk8s-guardrails rules [options]

Lists every rule: id, packs, severity, title, why it matters, how to fix it, references, and
a failing and a passing example manifest. docs/rules.md is this list in Markdown.

Options:
  --format FORMAT   text | markdown | json (default: text)
  -o, --output FILE Write the list to FILE instead of standard output
  -h, --help        Show this help

Examples:
  cdk8s-guardrails rules | less
  cdk8s-guardrails rules --format json > rules.json
`;

const ACCESS = `Usage: cdk8s-guardrails access [options] [PATH...]

For every ServiceAccount in the input: what it may do and where (its effective RBAC
permissions, through which binding and role), whom it can become (token requests, token
Secrets, pods it can create or change, impersonation, bind/escalate) and whether that reaches
cluster-admin-equivalent power, which pods carry its API token and in which containers, with
dangerous permissions highlighted. PATH as for check; without PATH, standard input is read.
The Markdown stays within 65,536 characters (GitHub's comment limit) and says what it left out.

Options:
  --format FORMAT   markdown | json (default: markdown; Markdown includes a Mermaid graph
                    that renders in GitHub and GitLab pull requests)
  --base PATH       Compare: report what PATH... adds to and removes from the access of the
                    manifests at this PATH (repeatable): permissions, tokens, "can become"
  --expand-builtin  List every permission of built-in roles (default: one line per role)
  -o, --output FILE Write the report to FILE instead of standard output
  -n, --namespace NS
                    Namespace of namespaced objects that set none (default: default)
  --exclude GLOB    Skip matching files and directories inside directories (repeatable)
  --pod-template GROUP/KIND=PATH[,PATH...]
                    Where a custom kind keeps its pod specs, as for check
  -h, --help        Show this help

Exit codes:
  0  report written
  2  usage error, or input that could not be read (the report still covers the readable objects)

Examples:
  cdk8s-guardrails access dist/ > access.md
  cdk8s-guardrails access --format json dist/operator.k8s.yaml
  cdk8s-guardrails access --base main-dist/ dist/ > access-change.md
`;

const HARDEN = `Usage: cdk8s-guardrails harden [options] PATH...

Rewrites third-party manifests (vendored YAML, helm template, kustomize build) so that no
container gets an API token it does not need, and changes nothing else:
  - every ServiceAccount and pod gets automountServiceAccountToken: false;
  - a pod whose ServiceAccount holds permissions (RBAC of the input and the built-in roles)
    gets what automount gave (token, ca.crt, namespace) as a projected volume with a
    short-lived token, mounted read-only only into the containers that need it: those named
    with --token-containers, else every container that held the token before;
  - API tokens longer than --token-ttl, or of 3607 s (extended to a year), are shortened.
Other objects and fields stay byte for byte as they were (comments, key order, quoting).
PATH is a file, a directory (*.yaml, *.yml and *.json, build-tool files skipped, as check
reads them) or - for standard input.

Options:
  -n, --namespace NS           Namespace of namespaced objects that set none, as kubectl
                               apply -n NS would put them (default: default)
  --token-containers KIND/NAMESPACE/NAME=CONTAINER[,CONTAINER...]
                               The containers of a workload that get the token (repeat per
                               workload; KIND/NAME for --namespace; nothing after = for none)
  --token-ttl SECONDS          Lifetime of the tokens written, and the longest an existing
                               API token may keep (default: 3600; 600..2^32, never 3607)
  --pod-template GROUP/KIND=PATH[,PATH...]
                               Where a custom kind keeps its pod specs, as for check (its
                               pods are hardened like a Deployment's)
  --config FILE                The configuration file (default: .guardrails.yaml, found in the
                               working directory or a parent): its harden section
                               harden: { tokenTtlSeconds: N, tokenContainers: { WORKLOAD: [C] } },
                               namespace, exclude, podTemplates and maxTokenTtl (flags win
                               over the file)
  --no-config                  Use no configuration file
  -o, --output DIR             Mirror the input files under DIR instead of writing one stream
                               to standard output (DIR may be the input directory: in place)
  --report FILE                Write a Markdown report of every change, and of the pods
                               that keep the token in more than one container
  --check                      Change nothing; exit 1 if something would change
  -h, --help                   Show this help

Exit codes:
  0  written (with --check: nothing would change)
  1  with --check: something would change
  2  usage error, or input that could not be read (each reported with file and line;
     nothing is written)

Examples:
  helm template argocd argo/argo-cd | cdk8s-guardrails harden - > argocd.yaml
  helm install argocd argo/argo-cd --post-renderer cdk8s-guardrails \\
    --post-renderer-args harden --post-renderer-args -
  kustomize build overlays/prod | cdk8s-guardrails harden --report harden.md - > prod.yaml
  cdk8s-guardrails harden --token-containers Deployment/argocd/argocd-server=argocd-server \\
    --output vendor/ vendor/
  cdk8s-guardrails harden --check vendor/
`;

const AUDIT = `Usage: cdk8s-guardrails audit [options] LOG...

Reads Kubernetes API server audit logs (JSON lines of audit.k8s.io/v1 Events) and reports, for
every ServiceAccount: what it used (with counts, first and last time, and the binding that
allowed it), what it was denied, the least-privilege rules for exactly what it used, and its
tokens (pods, nodes, source IPs; tokens used from several places, legacy Secret-based tokens).
With --manifests, also every granted permission it never used: the candidates to remove.
LOG is a file (gzip too), a directory (its *.log, *.json, *.jsonl, *.ndjson files, .gz too,
sorted by name) or - for standard input. Each request counts once, whatever stages were logged.

Options:
  --manifests PATH     Manifests granting the permissions (as for check); repeat for several
  --format FORMAT      text | markdown | json | typescript (default: text); typescript prints
                       the suggested rules as Permission calls for grant() and OperatorBundle
  -o, --output FILE    Write the report to FILE instead of standard output
  --fail-on-unused     Exit 1 when a granted permission was never used (needs --manifests)
  --fail-on-denied     Exit 1 when a request was denied
  -h, --help           Show this help

Exit codes:
  0  report written (malformed lines are counted and reported, and never stop the run)
  1  --fail-on-unused or --fail-on-denied, and such a permission was found
  2  usage error, or a log or manifest that could not be read (the report covers the rest)

Examples:
  cdk8s-guardrails audit --manifests dist/ /var/log/kubernetes/audit/
  cdk8s-guardrails audit --manifests dist/ --format markdown --fail-on-unused audit.log.gz > audit.md
  cdk8s-guardrails audit --format typescript audit.log > permissions.ts
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
  public static readonly RULES = RULES;
  public static readonly AUDIT = AUDIT;
  public static readonly PARSE = PARSE;
  public static readonly HARDEN = HARDEN;

  public static readonly MAIN = `Usage: cdk8s-guardrails <command> [options]

Checks Kubernetes manifests (cdk8s output, Helm or kustomize builds, vendored YAML) for
standing credentials, over-broad RBAC and Pod Security problems.

Commands:
  check [options] PATH...     Check manifests and report findings
  access [options] [PATH...]  Show what each ServiceAccount can do, and which pods carry its token
  rules [--format FORMAT]     List every rule with its rationale, remediation and examples
  audit [options] LOG...      Hold audit logs against the manifests: used, denied, unused, tokens
  parse [options] [PATH...]   Print the objects as kubectl would send them (JSON, one per line)
  harden [options] PATH...    Rewrite manifests so tokens reach only the containers that need them

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
