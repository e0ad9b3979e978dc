// The parse floor for `check-with-js-yaml.js`: the same document splitting and js-yaml loading,
// objects kept, nothing else. Usage: node parse-stream-js-yaml.js <yaml11-schema.js> <stream>
'use strict';
const fs = require('fs');
const path = require('path');
const { loadDocuments } = require('./js-yaml-documents');

const { KUBERNETES_YAML11_SCHEMA } = require(path.resolve(process.argv[2]));
const text = fs.readFileSync(process.argv[3], 'utf-8');
const objects = [];
for (const doc of loadDocuments(text, KUBERNETES_YAML11_SCHEMA)) {
  if (doc.error) throw doc.error;
  if (doc.value !== null && doc.value !== undefined) objects.push(doc.value);
}
process.stdout.write(`${objects.length} documents\n`);
