// stdio entry point: Claude Code starts this with `node` directly, so our parent is the claude process.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer } from './server.js';
import { modStats } from './tools/mod.js';
import { pluginDisabled } from '../sync/hook-protocol.js';
import { syncContext } from '../sync/context.js';
import { findProject } from '../sessions/project.js';
import type { TeamRelay } from '../team/relay.js';

const { server, cleanup } = createServer({ parentPid: process.ppid, version: process.env.npm_package_version });
let relay: TeamRelay | undefined;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // How much of this session's hook work its hooks module handed to this process (tests read it).
  if (modStats.answered > 0 || modStats.later > 0) {
    try {
      syncContext(process.env).log('mcp', `hooks module: answered ${modStats.answered} hook calls (${modStats.later} recorded later) for Claude Code process ${process.ppid}`);
    } catch {
      /* no store: nothing to log to */
    }
  }
  void Promise.allSettled([relay?.close(), cleanup()]).finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// When Claude Code dies without signalling us (SIGKILL, a crash), our stdin reaches end of file:
// leave then too, or the file watcher would keep an orphaned server alive for ever.
process.stdin.on('end', stop);
process.stdin.on('close', stop);
await server.connect(new StdioServerTransport());
// Team mode (issue 13): a relay to the team's Redis, only when a team URL is set. Loaded on demand,
// so a server without team mode never loads the Redis client. Best effort: local work never waits on it.
if (!pluginDisabled(process.env) && !stopping) {
  try {
    const { startTeam } = await import('../team/start.js');
    relay = await startTeam({ env: process.env, project: findProject(process.cwd()), context: () => syncContext(process.env) });
    if (stopping) void relay?.close();
  } catch (e) {
    try {
      syncContext(process.env).log('mcp', `team mode off: ${(e as Error).message}`);
    } catch {
      /* no store: nothing to log to */
    }
  }
}
