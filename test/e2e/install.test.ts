// Installing the way users do (marketplace add + install) into a temp HOME, with the real CLI:
// the installed copy runs its hooks and answers MCP calls, and an installed session, a --plugin-dir
// session and the terminal CLI all see each other through the one store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, Session, claudeBin, cliBundle, repoRoot } from '../harness/claude.js';
import { timesSeen, toolResultText } from '../harness/assert-seen.js';

const T = 'mcp__plugin_context-sync_sync__';

function claudeCli(sb: Sandbox, ...args: string[]) {
  const r = spawnSync(claudeBin, args, { encoding: 'utf8', env: sb.env('http://127.0.0.1:9'), timeout: 60_000 });
  assert.equal(r.status, 0, `claude ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

test('marketplace install: the installed copy fires hooks, answers MCP, and sees --plugin-dir sessions and the CLI', async () => {
  const sb = new Sandbox();
  claudeCli(sb, 'plugin', 'marketplace', 'add', repoRoot);
  claudeCli(sb, 'plugin', 'install', 'context-sync@claude-context-sync');
  const cache = join(sb.home, '.claude', 'plugins', 'cache');
  assert.ok(readdirSync(cache).length > 0, 'installed into the plugin cache');

  const MATH = 'export function add(a: number, b: number) {\n  return a + b;\n}\n';
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const file = join(repo, 'src/math.ts');
  const installed = new Session(sb, repo, { pluginDir: null }); // loads the installed plugin
  const dev = new Session(sb, repo, { pluginDir: join(repoRoot, 'plugin') });
  await installed.start();
  await dev.start();
  try {
    await installed.prompt('edit add', { tool: 'Edit', input: { file_path: file, old_string: '  return a + b;', new_string: '  return b + a;' } }, { tool: `${T}list_sessions`, input: {} }, { text: 'ok' });
    const listed = JSON.parse(toolResultText(installed.api, `${T}list_sessions`) ?? '{}');
    assert.equal(listed.sessions?.length, 2, 'the installed copy sees both sessions');
    await dev.prompt('edit add too', { tool: 'Edit', input: { file_path: file, old_string: '  return b + a;', new_string: '  return a + b + 0;' } }, { text: 'ok' });
    assert.equal(timesSeen(dev.api, `\`add\` was also edited by session ${installed.sessionId.slice(0, 8)}`), 1, 'the --plugin-dir session was told about the installed session');
    // The terminal CLI reads the same store.
    const r = spawnSync(process.execPath, [cliBundle, 'status', '--json'], { cwd: repo, encoding: 'utf8', env: sb.env('http://127.0.0.1:9') });
    assert.equal(r.status, 0, r.stderr);
    const status = JSON.parse(r.stdout);
    const ids = status.sessions.map((s: any) => s.sessionId).sort();
    assert.deepEqual(ids, [installed.sessionId, dev.sessionId].sort());
    assert.ok(status.sessions.every((s: any) => s.conflicts === 1), 'both sides have the conflict');
  } finally {
    await Promise.all([installed.close(), dev.close()]);
  }
});
