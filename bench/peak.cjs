// Preloaded into a measured process (node --require bench/peak.cjs …): at exit, writes to the file
// named by PEAK_RSS_FILE the process's peak resident memory (bytes, all threads) and the CPU time
// it used (ms, user + system, all threads) and the system part of it, all from getrusage.
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ peak: u.maxRSS * 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, systemMs: u.systemCPUTime / 1000 }));
  });
}
