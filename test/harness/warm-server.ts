// The warm service on its own, as the MCP server runs it, for tests that stop, kill or race it.
//   node warm-server.js <claude pid>      prints `ready` or `refused`, then serves until SIGTERM
import { startWarmService } from '../../src/hooks-core/warm-service.js';
import { warmHandlers } from '../../src/hooks-core/handlers/index.js';
import { syncContext } from '../../src/sync/context.js';

const ctx = syncContext(process.env);
const service = startWarmService({ root: ctx.root, claudePid: Number(process.argv[2]), env: process.env, handlers: warmHandlers, log: (t) => ctx.log('warm-test', t) });
process.stdout.write(service ? 'ready\n' : 'refused\n');
if (!service) process.exit(0);
const keepAlive = setInterval(() => {}, 1 << 30);
process.on('SIGTERM', () => {
  service?.close();
  clearInterval(keepAlive);
});
