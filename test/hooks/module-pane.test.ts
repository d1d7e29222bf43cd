// The hooks module's pane (/context-sync:sync-panel) draws only in a terminal, so the real client
// under -p cannot show it: it is checked with Claude Code's own test kit (`claude plugin test`), which
// loads the built module from a copy of plugin/ and mounts the pane on the terminal surface.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { claudeBin, pluginDir, repoRoot } from '../harness/claude.js';

test('the pane lists the sessions, the conflict and the inbox; "Mark handled" resolves the file, the reply field sends the answer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccs-pane-'));
  cpSync(pluginDir, dir, { recursive: true });
  writeFileSync(join(dir, 'panel.test.ts'), readFileSync(join(repoRoot, 'test/fixtures/mod/panel.test.ts.txt'), 'utf8'));
  const r = spawnSync(claudeBin, ['plugin', 'test', dir], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: dir, DISABLE_AUTOUPDATER: '1' } });
  const out = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, out);
  assert.match(out, /1 pass/);
  assert.match(out, /0 fail/);
});
