// Team mode's leftovers: copies of machines not heard from for the retention period go at `gc`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectGarbage } from '../../src/cli/gc.js';
import { syncContext } from '../../src/sync/context.js';

test('gc forgets machines unconfirmed for the retention period (queued mail too) and then the index; recent ones stay', () => {
  const home = mkdtempSync(join(tmpdir(), 'ccs-team-gc-'));
  const ctx = syncContext({ CONTEXT_SYNC_HOME: join(home, 'store'), CLAUDE_CONFIG_DIR: join(home, 'claude'), HOME: home });
  const project = join(ctx.root, 'projects', 'app-0123456789abcdef');
  const old = 'a'.repeat(32);
  const recent = 'b'.repeat(32);
  const presence = (m: string, expiresAt: number) => {
    mkdirSync(join(project, 'remote', m, 'sessions', 'S1', 'inbox'), { recursive: true });
    writeFileSync(join(project, 'remote', m, 'presence.json'), JSON.stringify({ v: 1, machine: m, label: m.slice(0, 4), seenAt: expiresAt - 30_000, expiresAt }));
  };
  presence(old, Date.now() - 25 * 3600_000);
  presence(recent, Date.now() - 3600_000);
  mkdirSync(join(project, 'remote-index'), { recursive: true });
  writeFileSync(join(project, 'remote-index', 'k.json'), JSON.stringify({ file: 'a.ts', sessions: [`${recent}/S1`] }));
  const first = collectGarbage(ctx);
  assert.equal(first.goneMachines, 1);
  assert.ok(!existsSync(join(project, 'remote', old)) && existsSync(join(project, 'remote', recent)));
  assert.ok(existsSync(join(project, 'remote-index', 'k.json')), 'the index stays while a machine is left');
  writeFileSync(join(project, 'remote', recent, 'presence.json'), JSON.stringify({ v: 1, machine: recent, label: 'b', seenAt: 0, expiresAt: 1 }));
  assert.equal(collectGarbage(ctx).goneMachines, 1);
  assert.ok(!existsSync(join(project, 'remote-index')), 'no machine left: hooks stop looking');
});
