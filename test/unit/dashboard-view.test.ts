// The dashboard's view model: a store snapshot in, the page's data out. What a person looking at
// the page would see: who is live, which cells of the map are conflicts, the messages, the last hour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyWire, conflictId, HOUR_MS, MAX_MESSAGE_CHARS, pageData, wireParts, wireUpdate } from '../../src/dashboard/view.js';
import type { SnapshotSession, StoreSnapshot } from '../../src/dashboard/snapshot.js';
import type { Meeting, OpenFile } from '../../src/dashboard/open-work.js';
import type { Message } from '../../src/core/records.js';

const NOW = Date.UTC(2026, 11, 5, 10, 31, 0);
const A = 'aaaaaaaa-1111-4111-8111-111111111111';
const B = 'bbbbbbbb-2222-4222-8222-222222222222';
const C = 'cccccccc-3333-4333-8333-333333333333';

function session(id: string, extra: Partial<SnapshotSession> = {}): SnapshotSession {
  return {
    sessionId: id,
    label: `${id.slice(0, 8)} (branch main)`,
    projectKey: 'shop-1',
    projectName: 'shop',
    machine: 'laptop',
    branch: 'main',
    worktree: '/src/shop',
    task: `task of ${id.slice(0, 4)}`,
    state: 'busy',
    startedAt: NOW - 600_000,
    unread: 0,
    editTimes: [],
    ...extra,
  };
}

const open = (sessionId: string, file: string, symbols: string[] | null, at = NOW - 60_000): OpenFile => ({ sessionId, file, worktree: '/src/shop', symbols, edits: 1, lastEditAt: at, firstOpenAt: at });
const meeting = (file: string, symbols: string[], pair: [string, string], extra: Partial<Meeting> = {}): Meeting => ({ level: 'symbol', file, symbols, sessions: pair, since: NOW - 30_000, handled: false, ...extra });

function snapshot(extra: Partial<StoreSnapshot> = {}): StoreSnapshot {
  return {
    now: NOW,
    scope: 'project',
    home: { key: 'shop-1', name: 'shop' },
    projects: [{ key: 'shop-1', name: 'shop' }],
    sessions: [session(A), session(B), session(C)],
    messages: [],
    work: {
      open: [open(A, 'src/cart.ts', ['total', 'vat']), open(B, 'src/cart.ts', ['total']), open(C, 'src/ui/list.tsx', ['List']), open(C, 'README.md', null)],
      meetings: [meeting('src/cart.ts', ['total'], [A, B])],
    },
    handled: [],
    ...extra,
  };
}

function msg(id: string, from: string, to: string, text: string, sentAt: number): Message {
  return { v: 1, id, from, fromLabel: from.slice(0, 8), to, text, sentAt };
}

test('two sessions on the same function: both cells of that file are conflict cells linking to one conflict naming both', () => {
  const page = pageData(snapshot(), { actions: false });
  assert.deepEqual(page.map.columns, [A, B, C]);
  const src = page.map.folders.find((f) => f.folder === 'src')!;
  const cart = src.files.find((f) => f.file === 'src/cart.ts')!;
  assert.equal(cart.name, 'cart.ts');
  const [a, b] = [cart.cells.find((c) => c.session === A)!, cart.cells.find((c) => c.session === B)!];
  assert.deepEqual(a.symbols, ['total', 'vat']);
  assert.deepEqual(a.contested, ['total'], 'only the shared symbol is marked, not vat');
  assert.deepEqual(b.contested, ['total']);
  assert.equal(page.conflicts.length, 1);
  assert.deepEqual(a.conflicts, [page.conflicts[0]!.id]);
  assert.deepEqual(b.conflicts, [page.conflicts[0]!.id]);
  assert.deepEqual(page.conflicts[0]!.labels, [`${A.slice(0, 8)} (branch main)`, `${B.slice(0, 8)} (branch main)`]);
  assert.equal(cart.cells.some((c) => c.session === C), false, 'C has nothing open in cart.ts: empty cell');
  // Files grouped by folder: src/ui apart from src, the root file under '.'
  assert.deepEqual(page.map.folders.map((f) => f.folder), ['.', 'src', 'src/ui']);
  assert.equal(page.map.folders[0]!.files[0]!.cells[0]!.symbols, null, 'file-level work shows as the whole file');
  const rows = new Map(page.sessions.map((s) => [s.id, s]));
  assert.equal(rows.get(A)!.conflicts, 1);
  assert.equal(rows.get(C)!.conflicts, 0);
  assert.equal(rows.get(C)!.openFiles, 2);
});

test('a conflict both sessions marked handled stays listed as handled, and no cell is red for it', () => {
  const page = pageData(snapshot({ work: { open: snapshot().work.open, meetings: [meeting('src/cart.ts', ['total'], [A, B], { handled: true })] } }), { actions: false });
  assert.equal(page.conflicts[0]!.handled, true);
  const cart = page.map.folders.find((f) => f.folder === 'src')!.files[0]!;
  assert.deepEqual(cart.cells.map((c) => c.contested), [[], []]);
  assert.equal(page.sessions.find((s) => s.id === A)!.conflicts, 0);
});

test('a session that ended is gone from every section, with its cells and its conflicts', () => {
  const s = snapshot();
  s.sessions = s.sessions.filter((x) => x.sessionId !== B);
  const page = pageData(s, { actions: false });
  assert.deepEqual(page.map.columns, [A, C]);
  assert.deepEqual(page.conflicts, []);
  const cart = page.map.folders.find((f) => f.folder === 'src')!.files[0]!;
  assert.deepEqual(cart.cells.map((c) => c.session), [A]);
  assert.deepEqual(cart.cells[0]!.contested, []);
  assert.deepEqual(page.timeline.rows.map((r) => r.session), [A, C]);
});

test('messages: newest first, a broadcast is one row listing each recipient delivered or not, long text cut', () => {
  const long = 'x'.repeat(MAX_MESSAGE_CHARS + 50);
  const bc = msg('00000001a-aaaa', A, 'all', 'rebase now please', NOW - 5000);
  const direct = msg('00000002b-bbbb', B, A, long, NOW - 1000);
  const page = pageData(
    snapshot({
      messages: [
        { message: bc, recipient: B, delivered: true },
        { message: bc, recipient: C, delivered: false },
        { message: direct, recipient: A, delivered: false },
      ],
    }),
    { actions: false },
  );
  assert.deepEqual(page.messages.map((m) => m.id), ['00000002b-bbbb', '00000001a-aaaa']);
  const [d, b] = page.messages;
  assert.equal(d!.to, `${A.slice(0, 8)} (branch main)`);
  assert.equal(d!.truncated, true);
  assert.equal(d!.text.length, MAX_MESSAGE_CHARS);
  assert.equal(b!.to, 'all');
  assert.deepEqual(b!.recipients.map((r) => [r.id, r.delivered]), [[B, true], [C, false]]);
  assert.equal(b!.fromLabel, `${A.slice(0, 8)} (branch main)`, 'the live label, not the one the sender wrote');
});

test('timeline: the last hour in five-minute steps per session; older edits and conflicts are out', () => {
  const s = snapshot();
  s.sessions[0] = session(A, { editTimes: [NOW - 2 * HOUR_MS, NOW - 50 * 60_000, NOW - 1000, NOW - 500] });
  s.work.meetings.push(meeting('src/old.ts', ['f'], [A, C], { since: NOW - 3 * HOUR_MS }));
  s.handled = [{ sessionId: B, file: 'src/cart.ts', at: NOW - 2000 }];
  const t = pageData(s, { actions: false }).timeline;
  assert.ok(t.start <= NOW - 50 * 60_000 && t.start > NOW - HOUR_MS);
  const row = t.rows.find((r) => r.session === A)!;
  assert.equal(row.counts.length, 12);
  assert.equal(row.counts.reduce((x, y) => x + y, 0), 3, 'the edit two hours ago is not counted');
  assert.equal(row.counts[11], 2, 'the two latest edits fall in the current step');
  assert.deepEqual(t.events.map((e) => [e.kind, e.file]), [['handled', 'src/cart.ts'], ['raised', 'src/cart.ts']]);
});

test('every project: folders are prefixed with their project, files of two projects never share a row', () => {
  const s = snapshot({ scope: 'all', projects: [{ key: 'shop-1', name: 'shop' }, { key: 'api-2', name: 'api' }] });
  s.sessions[2] = session(C, { projectKey: 'api-2', projectName: 'api' });
  s.work.open.push(open(C, 'src/cart.ts', ['total']));
  const page = pageData(s, { actions: true });
  assert.deepEqual(page.map.folders.map((f) => f.folder), ['api:.', 'api:src', 'api:src/ui', 'shop:src']);
  const shopCart = page.map.folders.find((f) => f.folder === 'shop:src')!.files[0]!;
  assert.deepEqual(shopCart.cells.map((c) => c.session), [A, B]);
  assert.equal(page.meta.actions, true);
  assert.deepEqual(page.meta.projects, ['api', 'shop']);
});

test('an update carries only what changed, and the page rebuilds exactly the new state from it', () => {
  const page0 = pageData(snapshot(), { actions: false });
  const parts0 = wireParts(page0);
  const full = JSON.parse(wireUpdate(undefined, parts0)!);
  let held = applyWire({}, full);
  assert.deepEqual(held.state, JSON.parse(JSON.stringify(page0)), 'the full state decodes to the page data');
  // The clock alone: nothing to send.
  assert.equal(wireUpdate(parts0, wireParts(pageData(snapshot({ now: NOW + 2000 }), { actions: false }))), undefined);
  // C edits a new file: its row of the sessions table, the map and the timeline; no message, no other session.
  const s1 = snapshot();
  s1.sessions[2] = session(C, { editTimes: [NOW - 10] });
  s1.work.open.push(open(C, 'src/new.ts', ['x']));
  const page1 = pageData(s1, { actions: false });
  const u1 = JSON.parse(wireUpdate(parts0, wireParts(page1))!);
  assert.deepEqual(Object.keys(u1.set).sort(), ['map#layout', 'map:shop:src/new.ts', `sessions:${C}`, `trow:${C}`]);
  held = applyWire(held.parts, u1);
  assert.deepEqual(held.state, JSON.parse(JSON.stringify(page1)));
  assert.deepEqual(held.sections.sort(), ['map', 'sessions', 'timeline']);
  // B ends: its parts are deleted, and the page state is again exactly the view's.
  const s2 = structuredClone(s1);
  s2.sessions = s2.sessions.filter((x) => x.sessionId !== B);
  const page2 = pageData(s2, { actions: false });
  const u2 = JSON.parse(wireUpdate(wireParts(page1), wireParts(page2))!);
  assert.ok(u2.del.includes(`sessions:${B}`));
  held = applyWire(held.parts, u2);
  assert.deepEqual(held.state, JSON.parse(JSON.stringify(page2)));
});

test('conflict ids are stable across reads and differ per file and level', () => {
  const m = meeting('src/cart.ts', ['total'], [A, B]);
  assert.equal(conflictId(m, 'p'), conflictId({ ...m, symbols: ['other'], sessions: [A, C] }, 'p'));
  assert.notEqual(conflictId(m, 'p'), conflictId({ ...m, file: 'src/other.ts' }, 'p'));
  assert.notEqual(conflictId(m, 'p'), conflictId({ ...m, level: 'file' }, 'p'));
  assert.notEqual(conflictId(m, 'p'), conflictId(m, 'q'));
  assert.match(conflictId(m, 'p'), /^[A-Za-z0-9-]+$/);
});

test('three sessions on one function are one conflict naming all three, in the order of the sessions table', () => {
  const s = snapshot();
  s.work.open.push(open(C, 'src/cart.ts', ['total']));
  s.work.meetings = [meeting('src/cart.ts', ['total'], [A, B]), meeting('src/cart.ts', ['total'], [A, C]), meeting('src/cart.ts', ['total'], [B, C], { handled: true })];
  const page = pageData(s, { actions: false });
  assert.equal(page.conflicts.length, 1);
  assert.deepEqual(page.conflicts[0]!.sessions, [A, B, C]);
  assert.equal(page.conflicts[0]!.handled, false, 'open while any pair is');
  assert.deepEqual(page.sessions.map((x) => x.conflicts), [1, 1, 1]);
  const cart = page.map.folders.find((f) => f.folder === 'src')!.files[0]!;
  assert.deepEqual(cart.cells.map((c) => c.contested), [['total'], ['total'], ['total']]);
});
