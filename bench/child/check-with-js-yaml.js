// What `cdk8s-guardrails check` would cost with js-yaml and the Kubernetes YAML 1.1 schema
// instead of the `yaml` package: the built CLI runs unchanged except for its YAML reader, which
// is replaced by one that splits the stream at `---` lines (for per-document errors and line
// numbers) and loads each document with js-yaml.
// Usage: node check-with-js-yaml.js <cli/main.js> <yaml11-schema.js> <CLI arguments...>
'use strict';
const path = require('path');
const { loadDocuments } = require('./js-yaml-documents');

const [cliMain, schemaModule, ...args] = process.argv.slice(2);
const { KUBERNETES_YAML11_SCHEMA } = require(path.resolve(schemaModule));
const { YamlManifests } = require(path.join(path.dirname(path.resolve(cliMain)), '..', 'reader', 'yaml-manifests.js'));
const { Cli } = require(path.resolve(cliMain));

YamlManifests.load = (content, file) => {
  const inputs = [];
  const errors = [];
  const text = typeof content === 'string' ? content : content.toString('utf-8');
  for (const doc of loadDocuments(text, KUBERNETES_YAML11_SCHEMA)) {
    if (doc.error) errors.push({ file, line: doc.line, message: `invalid YAML: ${doc.error.message.split('\n')[0]}` });
    else if (doc.value !== null && doc.value !== undefined) inputs.push({ manifest: doc.value, source: { file, line: doc.line } });
  }
  return { inputs, errors };
};
process.exitCode = Cli.run(args);
