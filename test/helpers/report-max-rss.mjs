// Preloaded into a child `growthbeat` (node --import): on exit, writes what the kernel measured of the
// process itself to the file GROWTHBEAT_TEST_RSS_FILE names: its peak resident set size (getrusage's
// ru_maxrss, in bytes) and the CPU time it used (user + system, in ms), which a loaded machine inflates far
// less than wall time.
import { writeFileSync } from 'node:fs';

const file = process.env.GROWTHBEAT_TEST_RSS_FILE;
if (file)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ peakRss: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
