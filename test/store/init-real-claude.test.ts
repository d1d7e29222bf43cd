// `context-sync init` with the real `claude` command in a temp HOME: the client registers the MCP
// server, and a real session started WITHOUT the plugin runs the init hooks and offers the tools.
// `uninstall` takes both away again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Sandbox, Session, claudeBin, pluginDir, readJson } from '../harness/claude.js';

test('init with the real claude CLI: a session without the plugin records edits and is offered the tools; uninstall removes both', async () => {
  const sb = new Sandbox('ccs-init-real-');
  const root = join(sb.root, 'global modules', 'claude-context-sync', 'plugin');
  cpSync(pluginDir, root, { recursive: true });
  const env = { ...sb.env('http://127.0.0.1:9'), PATH: `${dirname(claudeBin)}:${dirname(process.execPath)}:/usr/bin:/bin` };
  const cli = (cmd: string) => spawnSync(process.execPath, [join(root, 'dist', 'cli.mjs'), cmd], { encoding: 'utf8', env, cwd: sb.home });

  const init = cli('init');
  assert.equal(init.status, 0, init.stdout + init.stderr);
  const registered = readJson(join(sb.home, '.claude.json')).mcpServers['context-sync'];
  assert.deepEqual([registered.command, ...registered.args], ['node', join(root, 'dist', 'mcp.mjs')]);

  const repo = sb.repo('proj', { 'a.ts': 'export const a = 1;\n' });
  const s = new Session(sb, repo, { pluginDir: null, env: { PATH: env.PATH } });
  await s.start();
  try {
    await s.prompt('edit', { tool: 'Edit', input: { file_path: join(repo, 'a.ts'), old_string: 'a = 1', new_string: 'a = 2' } }, { text: 'ok' });
    assert.ok(JSON.stringify(s.api.mainRequests[0]).includes('mcp__context-sync__list_sessions'), 'the MCP tools are offered');
    const [project] = readdirSync(join(sb.store, 'projects'));
    const files = readdirSync(join(sb.store, 'projects', project!, 'sessions', s.sessionId, 'files'));
    assert.equal(files.length, 1, 'the init PostToolUse hook recorded the edit');
  } finally {
    await s.close();
  }

  const un = cli('uninstall');
  assert.equal(un.status, 0, un.stdout + un.stderr);
  assert.equal(readJson(join(sb.home, '.claude.json')).mcpServers?.['context-sync'], undefined);
  assert.ok(!readFileSync(join(sb.home, '.claude', 'settings.json'), 'utf8').includes('context-sync'));
});
