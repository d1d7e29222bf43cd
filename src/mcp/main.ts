// stdio entry point: Claude Code starts this with `node` directly, so our parent is the claude process.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer } from './server.js';

const { server, cleanup } = createServer({ parentPid: process.ppid, version: process.env.npm_package_version });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void cleanup().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// When Claude Code dies without signalling us (SIGKILL, a crash), our stdin reaches end of file:
// leave then too, or the file watcher would keep an orphaned server alive for ever.
process.stdin.on('end', stop);
process.stdin.on('close', stop);
await server.connect(new StdioServerTransport());
