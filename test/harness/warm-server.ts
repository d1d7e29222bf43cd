// The warm service on its own, as the MCP server runs it, for tests that stop, kill or race it.
//   node warm-server.js <claude pid> [slow ms]   prints `ready` or `refused`, then serves until SIGTERM;
//   with `slow ms`, every call is answered that long after it was taken (a server busy with something else)
import { startWarmService } from '../../src/hooks-core/warm-service.js';
import { warmHandlers } from '../../src/hooks-core/handlers/index.js';
import { syncContext } from '../../src/sync/context.js';
import type { HookHandler } from '../../src/hooks-core/run.js';

const ctx = syncContext(process.env);
const slowMs = Number(process.argv[3] ?? 0);
const handlers: Record<string, HookHandler> = Object.fromEntries(
  // The handler runs during the wait, not after it: the answer comes `slow ms` after the call was
  // taken whatever the handler's own work costs on a loaded machine (a test of the hook's waits,
  // not of the handler's speed).
  Object.entries(warmHandlers).map(([name, handle]) => [name, async (c, p, e) => (await Promise.all([handle(c, p, e), new Promise((r) => setTimeout(r, slowMs))]))[0]]),
);
const service = startWarmService({ root: ctx.root, claudePid: Number(process.argv[2]), env: process.env, handlers, log: (t) => ctx.log('warm-test', t) });
process.stdout.write(service ? 'ready\n' : 'refused\n');
if (!service) process.exit(0);
const keepAlive = setInterval(() => {}, 1 << 30);
process.on('SIGTERM', () => {
  service?.close();
  clearInterval(keepAlive);
});
