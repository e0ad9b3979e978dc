// The floor of `cdk8s-guardrails audit`: stream one log file, split it into lines and JSON.parse
// each one, as the audit command's reader does (src/audit/audit-log-reader.ts: 1 MiB chunks,
// UTF-8 decoded across chunk boundaries), and nothing else. Plain JavaScript, so no compilation
// is measured.
'use strict';
const fs = require('fs');
const { StringDecoder } = require('string_decoder');

async function main() {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let parsed = 0;
  const take = (text) => {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const line = pending + text.slice(start, newline);
      pending = '';
      start = newline + 1;
      if (line.length > 0 && JSON.parse(line) !== null) parsed++;
    }
    pending += text.slice(start);
  };
  for await (const chunk of fs.createReadStream(process.argv[2], { highWaterMark: 2 ** 20 })) take(decoder.write(chunk));
  take(decoder.end());
  if (pending.length > 0 && JSON.parse(pending) !== null) parsed++;
  process.stdout.write(`${parsed} events\n`);
}

main();
