// stdio entry point: Claude Code starts this with `node` directly, so our parent is the claude process.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer } from './server.js';

const { server, cleanup } = createServer({ parentPid: process.ppid, version: process.env.npm_package_version });
const stop = () => {
  void cleanup().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await server.connect(new StdioServerTransport());
