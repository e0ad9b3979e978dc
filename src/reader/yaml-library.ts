/**
 * The `yaml` package (the library's one runtime dependency), loaded on first use: most runs read
 * no configuration file, no suppression written as YAML and no kubeconfig, and loading it costs
 * every command-line run about 30 ms. Manifests themselves are read by `src/reader/yaml`.
 */
export class YamlLibrary {
  public static load(): typeof import('yaml') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('yaml') as typeof import('yaml');
  }

  private constructor() {}
}
