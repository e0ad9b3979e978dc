// Preloaded (`node -r`) into each benchmark child: writes the process's peak resident set size
// (kilobytes, getrusage ru_maxrss) to the file named by BENCH_RSS_FILE when the process exits.
'use strict';
const fs = require('fs');

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
