// Preloaded (`node -r`) into each benchmark child: writes the process's peak resident set size
// (kilobytes, getrusage ru_maxrss) and CPU time (user + system, microseconds) as JSON to the file
// named by BENCH_USAGE_FILE when the process exits.
'use strict';
const fs = require('fs');

process.on('exit', () => {
  const file = process.env.BENCH_USAGE_FILE;
  const usage = process.resourceUsage();
  if (file) fs.writeFileSync(file, JSON.stringify({ maxRSS: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));
});
