// Splits a YAML stream at `---` document markers (a `---` at the start of a line cannot occur
// inside a scalar) and loads each document with js-yaml, so that one bad document does not hide
// the others and each object knows its line.
'use strict';
const jsyaml = require('js-yaml');

const MARKER = /^---(?=[ \t]|\r?\n|$)/gm;

function* loadDocuments(text, schema) {
  const starts = [0];
  for (const match of text.matchAll(MARKER)) if (match.index > 0) starts.push(match.index);
  let line = 1;
  let lineAt = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const source = text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length);
    for (let at = text.indexOf('\n', lineAt); at >= 0 && at < start; at = text.indexOf('\n', at + 1)) line++;
    lineAt = start;
    try {
      yield { line, value: jsyaml.load(source, { schema }) };
    } catch (error) {
      yield { line, error };
    }
  }
}

module.exports = { loadDocuments };
