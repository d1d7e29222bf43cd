// Team mode on one real redis-server (127.0.0.1): M simulated machines with S sessions each (two
// stores, registries and clones per machine, as in test/team), every machine's relay in this one
// process with its default timings, random edits across F files. Prints, side by side in one run:
// - how long from an edit recorded on one machine to another machine's store having it (median, p99),
// - Redis commands per edit during the edits, and per second at idle (all relays),
// - one relay's CPU at idle and the memory a relay adds, side by side: the relay as it is (watches,
//   blocking reads, a 10 s heartbeat), the same relay made to poll its store every 2 s with a 5 s
//   heartbeat (the schedule every relay had before it watched), and, with BASELINE_BUILD=<a .build
//   folder of an older commit>, that commit's relay itself,
// - what one edit costs the hooks with team mode on (every other machine's sessions copied here)
//   versus off, interleaved.
//
//   node scripts/build.mjs --tests && node .build/bench/team.js [machines] [sessions] [files] [edits]
//
// An older commit's build, for BASELINE_BUILD: `git worktree add /tmp/old <commit>`, link its
// node_modules, `node scripts/build.mjs --tests` there, then BASELINE_BUILD=/tmp/old/.build.
//
// All relays share this process's event loop and one core of the machine: latencies are an upper
// bound of what one relay per machine sees.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { handlePostToolUse } from '../src/hooks-core/handlers/post-tool-use.js';
import { findProject } from '../src/sessions/project.js';
import { fileKey, ProjectStore } from '../src/store/session-store.js';
import { remoteIndexFile } from '../src/sync/remote-peers.js';
import { syncContext } from '../src/sync/context.js';
import { sessionStarted } from '../src/sync/lifecycle.js';
import { startTeam } from '../src/team/start.js';
import type { TeamRelay } from '../src/team/relay.js';
import { FakeRegistry, type FakeSession } from '../test/harness/fake-registry.js';
import { hasRedisServer, RedisServer } from '../test/harness/redis.js';

const [M, S, F, EDITS] = [20, 10, 200, 200].map((d, i) => Number(process.argv[2 + i] ?? d)) as [number, number, number, number];
if (!hasRedisServer()) {
  console.log('team: skipped (no redis-server; apt-get install redis-server)');
  process.exit(0);
}

const fileText = (i: number, v: number) => `export function a${i}() {\n  return ${v};\n}\nexport function b${i}() {\n  return 0;\n}\n`;
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', ...args], { cwd, encoding: 'utf8' });
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const base = realpathSync(mkdtempSync(join(tmpdir(), 'ccs-bench-team-')));
const seed = join(base, 'seed');
mkdirSync(join(seed, 'src'), { recursive: true });
git(base, 'init', '-q', '-b', 'main', seed);
for (let i = 0; i < F; i++) writeFileSync(join(seed, 'src', `f${i}.ts`), fileText(i, 0));
git(seed, 'add', '.');
git(seed, 'commit', '-qm', 'seed');

const redis = new RedisServer();
await redis.start();

interface Machine {
  reg: FakeRegistry;
  repo: string;
  env: NodeJS.ProcessEnv;
  sessions: FakeSession[];
  relay?: TeamRelay;
}
const machines: Machine[] = [];
for (let m = 0; m < M; m++) {
  const reg = new FakeRegistry();
  const repo = join(reg.root, 'app');
  git(base, 'clone', '-q', seed, repo);
  git(repo, 'remote', 'set-url', 'origin', 'git@example.com:team/app.git');
  const env = reg.env({ CONTEXT_SYNC_TEAM_URL: redis.url });
  const sessions: FakeSession[] = [];
  for (let s = 0; s < S; s++) {
    const fake = reg.add(repo);
    sessionStarted(syncContext(env), { sessionId: fake.sessionId, cwd: repo, source: 'startup' });
    sessions.push(fake);
  }
  machines.push({ reg, repo, env, sessions });
}

type Start = typeof startTeam;
type Overrides = Parameters<Start>[0]['overrides'];
const startAll = async (start: Start, overrides?: Overrides) => {
  for (const m of machines) m.relay = await start({ env: m.env, project: findProject(m.repo), context: () => syncContext(m.env), ...(overrides ? { overrides } : {}) });
};
const stopAll = async () => {
  for (const m of machines) await m.relay?.close();
};

const rss0 = process.memoryUsage().rss;
await import('../src/team/relay.js');
await import('redis');
const rssBefore = process.memoryUsage().rss;
await startAll(startTeam);
const rssAfter = process.memoryUsage().rss;
const { createClient } = await import('redis');
const admin = createClient({ url: redis.url });
await admin.connect();
const commands = async () => Number(/total_commands_processed:(\d+)/.exec(String(await admin.sendCommand(['INFO', 'stats'])))![1]);

// Everyone sees everyone before measuring.
const key = (m: Machine) => findProject(m.repo).key;
const seesAll = (m: Machine) => {
  const dir = join(syncContext(m.env).root, 'projects', key(m), 'remote');
  return existsSync(dir) && readdirSync(dir).length >= M - 1;
};
for (let i = 0; i < 600 && !machines.every(seesAll); i++) await sleep(100);

// ---- idle: Redis commands per second, CPU of all relays, for each kind of relay in turn ---------
// Each window is 20 s: two heartbeats of the watching relay, four of the polling one. The process
// with no relay running is measured too: its own idle cost (timers, GC, the Redis client that reads
// the counters) is taken out of each kind's before dividing by the number of relays.
const idleMs = 20_000;
async function idle(): Promise<{ cpu: number; commands: number }> {
  await sleep(10_000); // the start-up burst (everything published and copied again) and its GC are over
  const c0 = await commands();
  const cpu0 = process.cpuUsage();
  await sleep(idleMs);
  const cpu1 = process.cpuUsage(cpu0);
  // ms of CPU per s of the whole process; Redis commands per s of all relays (the INFO that reads it excluded)
  return { cpu: (cpu1.user + cpu1.system) / 1000 / (idleMs / 1000), commands: ((await commands()) - c0 - 1) / (idleMs / 1000) };
}
const idleWatch = await idle();
await stopAll();
await startAll(startTeam, { pollMs: 2000, heartbeatMs: 5000 });
const idlePoll = await idle();
await stopAll();
let idleBaseline: { cpu: number; commands: number } | undefined;
if (process.env.BASELINE_BUILD) {
  const old = (await import(join(process.env.BASELINE_BUILD, 'src', 'team', 'start.js'))) as { startTeam: Start };
  await startAll(old.startTeam);
  idleBaseline = await idle();
  await stopAll();
}
const idleNone = await idle();
const perRelay = (x: { cpu: number }) => Math.max(0, x.cpu - idleNone.cpu) / M;
await startAll(startTeam);
for (let i = 0; i < 600 && !machines.every(seesAll); i++) await sleep(100);
await sleep(3000);

// ---- edits: latency from an edit recorded to another machine's copy having it ------------------
const version = new Map<string, number>();
const latencies: number[] = [];
const e0 = await commands();
for (let e = 0; e < EDITS; e++) {
  const mi = Math.floor(Math.random() * M);
  const m = machines[mi]!;
  const s = m.sessions[Math.floor(Math.random() * S)]!;
  const fi = Math.floor(Math.random() * F);
  const file = `src/f${fi}.ts`;
  const v = (version.get(`${mi}:${fi}`) ?? 0) + 1;
  version.set(`${mi}:${fi}`, v);
  const observer = machines[(mi + 1 + Math.floor(Math.random() * (M - 1))) % M]!;
  const toolUseId = `toolu_bench_${e}`;
  const t0 = performance.now();
  writeFileSync(join(m.repo, file), fileText(fi, v));
  const ctx = syncContext(m.env);
  new ProjectStore(ctx.root, key(m)).appendEdit({ v: 1, ts: Date.now(), session: s.sessionId, file, worktree: m.repo, tool: 'Edit', ranges: [[2, 2]], symbols: [`a${fi}`], toolUseId });
  const copy = new ProjectStore(syncContext(observer.env).root, key(observer), JSON.parse(JSON.stringify(machineIdOf(m))));
  for (;;) {
    if (copy.editsOf(s.sessionId, file).some((r) => r.toolUseId === toolUseId)) break;
    if (performance.now() - t0 > 10_000) throw new Error(`edit ${e} never arrived`);
    await sleep(2);
  }
  latencies.push(performance.now() - t0);
  await sleep(Math.random() * 500); // edits come at any moment, not in step with the relays
}
const editCommands = (await commands()) - e0;

function machineIdOf(m: Machine): string {
  return readFileSync(join(syncContext(m.env).root, 'machine-id'), 'utf8').trim();
}

// ---- hooks: one edit's PostToolUse with every other machine's sessions copied here, versus none ---
for (const m of machines) await m.relay!.close();
const me = machines[0]!;
const remoteDir = join(syncContext(me.env).root, 'projects', key(me), 'remote');
const hidden = remoteDir + '.off';
const indexDir = join(syncContext(me.env).root, 'projects', key(me), 'remote-index');
mkdirSync(indexDir, { recursive: true });
const hookCost = { on: [] as number[], off: [] as number[] };
// A file no other machine has open edits in (the common case): what team mode adds to every edit.
const quiet = [...Array(F).keys()].find((i) => !existsSync(remoteIndexFile(syncContext(me.env).root, key(me), fileKey(`src/f${i}.ts`))))!;
const session = me.sessions[0]!;
for (let r = 0; r < 60; r++) {
  for (const mode of r % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
    if (mode === 'off') execFileSync('mv', [remoteDir, hidden]);
    if (mode === 'off') execFileSync('mv', [indexDir, indexDir + '.off']);
    // Presence files are this machine's clock: keep them fresh for the measurement.
    if (mode === 'on') refreshPresence(remoteDir);
    const path = join(me.repo, 'src', `f${quiet}.ts`);
    const before = readFileSync(path, 'utf8');
    const after = fileText(quiet, 1000 + r);
    writeFileSync(path, after);
    const t0 = performance.now();
    await handlePostToolUse(syncContext(me.env), {
      session_id: session.sessionId, cwd: me.repo, hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_use_id: `toolu_hook_${r}_${mode}`,
      tool_input: { file_path: path, old_string: 'x', new_string: 'y' },
      tool_response: { filePath: path, originalFile: before, structuredPatch: [{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 1, lines: ['-x', '+y'] }] },
    });
    hookCost[mode].push(performance.now() - t0);
    if (mode === 'off') execFileSync('mv', [hidden, remoteDir]);
    if (mode === 'off') execFileSync('mv', [indexDir + '.off', indexDir]);
  }
}

function refreshPresence(dir: string): void {
  // Remote sessions count while the relay's last confirmation does (remote-heard.json, beside remote/).
  writeFileSync(join(dir, '..', 'remote-heard.json'), JSON.stringify({ v: 1, at: Date.now(), until: Date.now() + 60_000 }));
  for (const m of execFileSync('ls', [dir], { encoding: 'utf8' }).split('\n').filter(Boolean)) {
    const p = join(dir, m, 'presence.json');
    try {
      const j = JSON.parse(readFileSync(p, 'utf8'));
      writeFileSync(p, JSON.stringify({ ...j, expiresAt: Date.now() + 60_000 }));
    } catch {
      /* a machine without presence: not counted anyway */
    }
  }
}

const f1 = (n: number) => n.toFixed(1);
console.log(`team: ${M} machines x ${S} sessions, ${F} files, ${EDITS} edits, one redis-server on loopback`);
console.log(`  edit -> another machine's store   median ${f1(pct(latencies, 50))} ms   p99 ${f1(pct(latencies, 99))} ms   max ${f1(Math.max(...latencies))} ms`);
const f2 = (n: number) => n.toFixed(2);
console.log(`  Redis commands                    ${f1(editCommands / EDITS)} per edit during the edits (all relays, heartbeats included)`);
console.log(`  relay at idle (CPU per relay, the process's own ${f2(idleNone.cpu)} ms/s taken out; Redis commands per second, all ${M} relays), side by side:`);
console.log(`    watching, 10 s heartbeat        ${f2(perRelay(idleWatch))} ms CPU per second (${f2(perRelay(idleWatch) * 10)} ms per heartbeat); ${f1(idleWatch.commands)} commands/s`);
console.log(`    polling every 2 s, 5 s heartbeat ${f2(perRelay(idlePoll))} ms CPU per second; ${f1(idlePoll.commands)} commands/s (ratio watching/polling ${f2(perRelay(idleWatch) / perRelay(idlePoll))})`);
if (idleBaseline) console.log(`    ${process.env.BASELINE_BUILD}'s relay  ${f2(perRelay(idleBaseline))} ms CPU per second; ${f1(idleBaseline.commands)} commands/s (ratio watching/baseline ${f2(perRelay(idleWatch) / perRelay(idleBaseline))})`);
console.log(`  memory                            ${f1((rssBefore - rss0) / 1024 / 1024)} MB RSS to load the relay and the Redis client, then ${f1((rssAfter - rssBefore) / 1024 / 1024 / M)} MB per running relay (${M} in one process)`);
console.log(`  PostToolUse on a file no other machine edits, ${M - 1} machines' ${(M - 1) * S} sessions copied here: median ${f1(pct(hookCost.on, 50))} ms vs ${f1(pct(hookCost.off, 50))} ms with team mode off (ratio ${(pct(hookCost.on, 50) / pct(hookCost.off, 50)).toFixed(2)})`);

await admin.destroy();
for (const m of machines) m.reg.close();
await redis.stop();
rmSync(base, { recursive: true, force: true });
process.exit(0);
