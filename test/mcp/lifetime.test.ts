// The stdio server leaves when its Claude Code process goes, even without a signal (SIGKILL, crash):
// an orphaned server with a file watcher would otherwise live for ever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pluginDir } from '../harness/claude.js';
import { FakeRegistry } from '../harness/fake-registry.js';

test('the MCP server exits when its stdin closes', async () => {
  const reg = new FakeRegistry();
  try {
    const p = spawn(process.execPath, [join(pluginDir, 'dist/mcp.mjs')], { env: reg.env(), stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));
    // A real handshake first, so that the server is fully up.
    p.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }) + '\n');
    await new Promise<void>((resolve) => p.stdout.once('data', () => resolve()));
    p.stdin.end();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
    const r = await Promise.race([exited, timeout]);
    if (r === 'timeout') p.kill('SIGKILL');
    assert.equal(r, 0, 'exited by itself, cleanly');
  } finally {
    reg.close();
  }
});
