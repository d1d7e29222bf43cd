// `npm run bench`: every benchmark, one after the other (they measure side by side within themselves).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = ['hooks', 'bash-hook', 'transcript', 'mcp-idle', 'symbols-accuracy', 'structured-accuracy', 'symbols-warm-cost', 'dashboard', 'conflict-contract', 'team'];
let failed = 0;
for (const b of benches) {
  const file = join(here, `${b}.js`);
  if (!existsSync(file)) continue;
  console.log(`\n=== ${b}`);
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
