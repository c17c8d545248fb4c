// Preloaded by bin/bench.mjs into each measured process: writes its peak memory (kB) on exit.
import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  if (process.env.BENCH_PEAK_FILE) writeFileSync(process.env.BENCH_PEAK_FILE, String(process.resourceUsage().maxRSS));
});
