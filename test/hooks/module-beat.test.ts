// The hooks module's beat, on Claude Code's own test kit (`claude plugin test`) with a mocked clock:
// a session that sits idle asks its server (an MCP call, the costly part) only when something in the
// project changed; the project's bell says when.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { claudeBin, pluginDir, repoRoot } from '../harness/claude.js';

test('a settled module polls only when the bell moves, and looks at it every 5 s when alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccs-beat-'));
  cpSync(pluginDir, dir, { recursive: true });
  writeFileSync(join(dir, 'beat.test.ts'), readFileSync(join(repoRoot, 'test/fixtures/mod/beat.test.ts.txt'), 'utf8'));
  const r = spawnSync(claudeBin, ['plugin', 'test', dir], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: dir, DISABLE_AUTOUPDATER: '1' } });
  const out = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, out);
  assert.match(out, /2 pass/);
  assert.match(out, /0 fail/);
});
