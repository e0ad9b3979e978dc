// The floor of `cdk8s-guardrails check` (bench key cliVsFastParse): read YAML streams and parse
// every document into plain objects with js-yaml and the Kubernetes YAML 1.1 schema, the fastest
// parser that reads YAML as Kubernetes does (bench/parser-choice.ts), and nothing else (no lines,
// no checks, no report). The objects are kept, as the CLI keeps them for its cross-object rules.
// Plain JavaScript, so no compilation is measured.
// Usage: node parse-stream-js-yaml.js <yaml11-schema.js> <stream>...
'use strict';
const fs = require('fs');
const path = require('path');
const { loadDocuments } = require('./js-yaml-documents');

const [schemaModule, ...files] = process.argv.slice(2);
const { KUBERNETES_YAML11_SCHEMA } = require(path.resolve(schemaModule));
const objects = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf-8');
  for (const doc of loadDocuments(text, KUBERNETES_YAML11_SCHEMA)) {
    if (doc.error) throw doc.error;
    if (doc.value !== null && doc.value !== undefined) objects.push(doc.value);
  }
}
process.stdout.write(`${objects.length} documents\n`);
