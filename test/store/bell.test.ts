// The project's bell: every write another session's view depends on moves it (the hooks modules
// poll their servers only then), many writers at once lose nothing, and a planted link is not
// followed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ProjectStore } from '../../src/store/session-store.js';
import { countInFile } from '../../src/store/fsx.js';
import { Sandbox } from '../harness/claude.js';

const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';
const edit = (session: string, ts: number) => ({ v: 1 as const, ts, session, file: 'a.ts', worktree: '/w', tool: 'Edit', ranges: [[1, 1]] as Array<[number, number]>, symbols: ['f'] });
const size = (path: string) => (existsSync(path) ? statSync(path).size : -1);

test('each write a peer would see moves the bell; reading does not', () => {
  const sb = new Sandbox('ccs-bell-');
  const store = new ProjectStore(sb.store, 'p-1');
  const moves = (what: string, write: () => void) => {
    const before = size(store.bell);
    write();
    assert.notEqual(size(store.bell), before, `${what} moves the bell`);
  };
  moves('a session starting (its meta)', () => store.writeMeta({ v: 1, sessionId: S1, cwd: '/w', worktree: '/w', startedAt: 1 }));
  moves('an edit', () => store.appendEdit(edit(S1, 2)));
  moves('a conflict marked handled', () => store.markResolved(S1, 'a.ts', 3));
  moves('a file seen agreeing with HEAD', () => store.appendObservation(S1, { v: 1, at: 4, file: 'a.ts', units: ['f'] }));
  const msg = { v: 1 as const, id: '1700000000000-abcd', from: S1, fromLabel: 'one', to: S2, text: 'hi', sentAt: 5 };
  moves('a message', () => store.deliverToInbox(S2, msg));
  moves('a message read', () => assert.equal(store.claimMessage(S2, msg.id), true));
  moves("the relay's copy of another machine", () => new ProjectStore(sb.store, 'p-1', 'machine-b').replaceEdits(S2, 'a.ts', [edit(S2, 6)]));
  moves('a session ending', () => store.removeSession(S1));
  const still = size(store.bell);
  store.allEdits(S2);
  store.unreadIds(S2);
  store.sessionIds();
  assert.equal(size(store.bell), still, 'reads leave it alone');
});

test('writers in many processes at once: every ring counts', () => {
  const sb = new Sandbox('ccs-bell-');
  const bell = join(sb.root, 'bell');
  const fsx = new URL('../../src/store/fsx.js', import.meta.url).href;
  const script = `import { countInFile } from ${JSON.stringify(fsx)}; for (let i = 0; i < 200; i++) countInFile(${JSON.stringify(bell)}, 1 << 20);`;
  const writers = Array.from({ length: 4 }, () => spawnSync(process.execPath, ['--input-type=module', '-e', script]));
  for (const w of writers) assert.equal(w.status, 0, String(w.stderr));
  assert.equal(statSync(bell).size, 800);
});

test('past its limit the counter starts over, which is a move too; a link planted as the bell is not followed', () => {
  const sb = new Sandbox('ccs-bell-');
  const bell = join(sb.root, 'bell');
  for (let i = 0; i < 4; i++) countInFile(bell, 3);
  assert.equal(statSync(bell).size, 0, 'the fourth ring passed 3 bytes and started over');
  const victim = join(sb.root, 'victim');
  writeFileSync(victim, 'keep me');
  const planted = join(sb.root, 'planted-bell');
  symlinkSync(victim, planted);
  assert.throws(() => countInFile(planted, 100));
  assert.equal(readFileSync(victim, 'utf8'), 'keep me');
  // Planted in a store: the write it announces stands, the bell's target is left alone.
  const store = new ProjectStore(sb.store, 'p-2');
  store.writeMeta({ v: 1, sessionId: S1, cwd: '/w', worktree: '/w', startedAt: 1 });
  rmSync(store.bell);
  symlinkSync(victim, store.bell);
  store.writeMeta({ v: 1, sessionId: S1, cwd: '/w', worktree: '/w', startedAt: 2 });
  assert.equal(store.readMeta(S1)?.startedAt, 2);
  assert.equal(readFileSync(victim, 'utf8'), 'keep me');
});
