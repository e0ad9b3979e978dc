// The floor of `cdk8s-guardrails check`: read one YAML stream and parse every document into
// plain objects with the parser and options the CLI uses (src/reader/yaml-manifests.ts), and
// nothing else (no line numbers, no checks, no report). The objects are kept, as the CLI keeps
// them for its cross-object rules. Plain JavaScript, so no compilation is measured. The CLI's
// own duplicate-key pass (src/reader/duplicate-keys.ts) is not part of the floor: it counts as CLI cost.
'use strict';
const fs = require('fs');
const { Composer, Parser } = require('yaml');

const text = fs.readFileSync(process.argv[2], 'utf-8');
const composer = new Composer({ version: '1.1', uniqueKeys: false, strict: true, prettyErrors: false });
const objects = [];
for (const doc of composer.compose(new Parser().parse(text))) {
  if (doc.errors.length > 0) throw doc.errors[0];
  objects.push(doc.toJS({ maxAliasCount: 100 }));
}
process.stdout.write(`${objects.length} documents\n`);
