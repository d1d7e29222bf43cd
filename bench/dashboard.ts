// Dashboard cost: `context-sync dashboard` (the bundled CLI) over a store of N live sessions and M
// edit records, side by side with a small store (2 sessions, 100 edits) in the same run:
//   - time to first render: the first /data read (the store read cold) and, when Debian's chromium
//     is installed, the page drawn in a headless browser (navigation to the map on screen);
//   - bytes per update: one edit appended while a page is open, the SSE update it causes, against
//     the size of the whole page state (what a full resend would cost);
//   - CPU at idle: the server's CPU time over IDLE seconds with a page open and nothing changing
//     (target: none), next to the same time with one edit a second.
//
//   node scripts/build.mjs --tests && node .build/bench/dashboard.js [--sessions 50] [--edits 20000] [--idle 10]
//
// Linux only (/proc). Sessions are sleeping processes registered like Claude Code's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeRegistry } from '../test/harness/fake-registry.js';
import { events, get, cookieFor, startCli } from '../test/dashboard/harness.js';
import { ProjectStore } from '../src/store/session-store.js';
import { findProject } from '../src/sessions/project.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1]! : fallback);
const SESSIONS = Number(option('--sessions', '50'));
const EDITS = Number(option('--edits', '20000'));
const IDLE_S = Math.max(3, Number(option('--idle', '10')));
const bundle = join(repoRoot, 'plugin', 'dist', 'cli.mjs');
const CHROMIUM = '/usr/bin/chromium';
const TICK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function cpuMs(pid: number): number {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / TICK;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface CaseResult {
  sessions: number;
  edits: number;
  firstDataMs: number;
  firstPaintMs: number | undefined;
  fullBytes: number;
  updateBytes: number;
  maxUpdateBytes: number;
  idleCpuMs: number;
  busyCpuMs: number;
}

/** Files in folders, symbols per file; sessions share some files, so that some meet. */
function fill(reg: FakeRegistry, repo: string, sessions: number, edits: number): { store: ProjectStore; ids: string[]; worktree: string } {
  const project = findProject(repo);
  const store = new ProjectStore(reg.store, project.key);
  const ids = Array.from({ length: sessions }, () => reg.add(repo).sessionId);
  const t0 = Date.now() - 50 * 60_000;
  for (let i = 0; i < edits; i++) {
    const s = i % sessions;
    // Each session works mostly in its own corner (20 folders of 40 files), sometimes in a shared one.
    const file = i % 7 === 0 ? `src/shared/f${i % 10}.ts` : `src/area${s % 20}/f${(i >> 3) % 40}.ts`;
    store.appendEdit({ v: 1, ts: t0 + Math.floor((i / edits) * 49 * 60_000), session: ids[s]!, file, worktree: project.worktree, tool: 'Edit', ranges: [[1, 5]], symbols: [`fn${i % 13}`] });
  }
  return { store, ids, worktree: project.worktree };
}

async function firstPaint(url: string): Promise<number | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const t = performance.now();
    await page.goto(url);
    await page.locator('#sessions-body table, #sessions-body .empty:not(:has-text("Loading"))').first().waitFor();
    await page.locator('#map-body table, #map-body p.empty:not(:has-text("Loading"))').first().waitFor();
    return performance.now() - t;
  } finally {
    await browser.close();
  }
}

async function runCase(sessions: number, edits: number): Promise<CaseResult> {
  const reg = new FakeRegistry();
  const repo = join(reg.root, 'proj');
  mkdirSync(repo, { recursive: true });
  const w = fill(reg, repo, sessions, edits);
  const d = await startCli(reg.env(), repo, [], bundle);
  try {
    const t = performance.now();
    const data = await get(d.origin + '/data', cookieFor(d));
    const firstDataMs = performance.now() - t;
    const fullBytes = Buffer.byteLength(data.body);
    const firstPaintMs = await firstPaint(d.url);
    const es = events(d);
    await es.next((e) => e.event === 'full', 'full state');
    await sleep(500);
    // Idle: a page open, nothing changing.
    let c0 = cpuMs(d.child.pid!);
    await sleep(IDLE_S * 1000);
    const idleCpuMs = cpuMs(d.child.pid!) - c0;
    // One edit a second for the same time: what a change costs, and the bytes each update carries.
    c0 = cpuMs(d.child.pid!);
    const before = es.seen.length;
    for (let i = 0; i < IDLE_S; i++) {
      // Alternately a file the session already has open work on, and a new file (a new row of the map).
      const file = i % 2 ? `src/new/n${i}.ts` : `src/area${i % 20}/f${i % 40}.ts`;
      w.store.appendEdit({ v: 1, ts: Date.now(), session: w.ids[i % w.ids.length]!, file, worktree: w.worktree, tool: 'Edit', ranges: [[1, 1]], symbols: ['added'] });
      await sleep(1000);
    }
    const busyCpuMs = cpuMs(d.child.pid!) - c0;
    const updates = es.seen.slice(before).filter((e) => e.event === 'update');
    if (process.env.BENCH_DEBUG) for (const u of updates) console.log(Object.entries(u.data.set).map(([k, v]) => `${k}=${JSON.stringify(v).length}`).join(' '), u.data.del.length);
    const updateBytes = updates.length ? updates.reduce((n, e) => n + e.bytes, 0) / updates.length : NaN;
    const maxUpdateBytes = Math.max(...updates.map((e) => e.bytes));
    es.close();
    return { sessions, edits, firstDataMs, firstPaintMs, fullBytes, updateBytes, maxUpdateBytes, idleCpuMs, busyCpuMs };
  } finally {
    await d.stop();
    reg.close();
    rmSync(reg.root, { recursive: true, force: true });
  }
}

const small = await runCase(2, 100);
const large = await runCase(SESSIONS, EDITS);
const f = (n: number | undefined, unit = '') => (n === undefined || Number.isNaN(n) ? 'n/a' : `${n < 10 ? n.toFixed(1) : Math.round(n)}${unit}`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? 'n/a' : `${(a / b).toFixed(1)}x`);
console.log(`store                       ${'2 x 100'.padStart(14)} ${`${SESSIONS} x ${EDITS}`.padStart(14)}   ratio`);
const row = (name: string, a: number | undefined, b: number | undefined, unit: string) => console.log(`${name.padEnd(28)}${f(a, unit).padStart(14)} ${f(b, unit).padStart(14)}   ${ratio(b, a)}`);
row('first /data (store read)', small.firstDataMs, large.firstDataMs, ' ms');
row('first render in chromium', small.firstPaintMs, large.firstPaintMs, ' ms');
row('whole page state', small.fullBytes, large.fullBytes, ' B');
row('bytes per update (1 edit), mean', small.updateBytes, large.updateBytes, ' B');
row('bytes per update, largest', small.maxUpdateBytes, large.maxUpdateBytes, ' B');
row(`CPU idle ${IDLE_S} s, page open`, small.idleCpuMs, large.idleCpuMs, ' ms');
row(`CPU, 1 edit/s for ${IDLE_S} s`, small.busyCpuMs, large.busyCpuMs, ' ms');
console.log(`update / whole state (large store): ${((large.updateBytes / large.fullBytes) * 100).toFixed(1)}%`);
const idleOk = large.idleCpuMs <= 20;
console.log(idleOk ? 'idle: no CPU while nothing changes (target met)' : `idle: ${large.idleCpuMs} ms of CPU while nothing changed (target: none)`);
process.exit(idleOk ? 0 : 1);
