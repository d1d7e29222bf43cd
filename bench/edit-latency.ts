// Per-Edit latency the plugin adds, with the real Claude Code client (the pinned devDependency, or
// E2E_CLAUDE_BIN) against the scripted Messages API stand-in: from the end of the stand-in's
// `tool_use` answer to the client's next request, per Edit. A live peer session in the same
// repository has an uncommitted edit in another function of the same file, so each measured session
// is told one notice at its first Edit and then has nothing new to hear.
//
// Variants, interleaved round by round in one run (a, b, c, d, a, b, c, d, ...):
//   none     no plugin
//   plugin   the plugin, default env (the in-process module path once it ships; classic before)
//   classic  the plugin with CONTEXT_SYNC_MOD=0 (the classic hooks do everything)
//   shell    a plugin whose classic hooks for an Edit are the plugin's, each replaced by `exit 0`
//            (what starting the shell hooks costs, before any work)
//   bundle   (only when asked for) CONTEXT_SYNC_MOD=0 CONTEXT_SYNC_WARM=0: every classic hook starts
//            its Node bundle, as before the FIFO warm service (the same as classic once it is retired)
// Each round also times `node -e 0`, the yardstick of the issue's "classic path no slower than two
// Node starts".
// Prints medians and p90s and their differences from `none`; never asserts times. Exits 1 when a
// sanity check fails: an Edit did not apply, the peer's notice did not reach the model exactly
// once with the plugin (and never without it), or the store holds no record, or more records than
// Edits (an Edit handled twice). Not in bench/run.ts: it takes ~2 minutes of real sessions.
//   node .build/bench/edit-latency.js [--rounds 8] [--edits 20] [--settle 1000] [--variants none,plugin,classic,shell]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, editLatencies, writePlugin } from './client-timing.js';
import { Sandbox, Session, claudeBin, pluginDir } from '../test/harness/claude.js';
import { timesSeen } from '../test/harness/assert-seen.js';
import type { FakeApi } from '../test/harness/fake-api.js';
import { findProject } from '../src/sessions/project.js';
import { ProjectStore } from '../src/store/session-store.js';

const ROUNDS = Number(arg('rounds', '8'));
const EDITS = Number(arg('edits', '20'));
// Time between a session's first prompt and its Edits, as a person takes before asking for work:
// whatever the plugin starts at session start (its MCP server) is up, as it would be in real use.
const SETTLE_MS = Number(arg('settle', '1000'));
const VARIANTS = arg('variants', 'none,plugin,classic,shell').split(',');
const NOTICE = 'also edits src/math.ts';

// The variant names the environment of each session; an outer setting must not leak into `plugin`.
delete process.env.CONTEXT_SYNC_MOD;

const MATH = `export function add(a: number, b: number): number {
  return a + b;
}

export function sub(a: number, b: number): number {
  return a - b;
}

export function mul(a: number, b: number): number {
  return a * b;
}
`;
// The measured sessions flip one line of add() back and forth; the peer's edit is in sub().
const ADD = ['  return a + b;', '  return b + a;'] as const;
const PEER_FROM = '  return a - b;';
const PEER_TO = '  return -(b - a);';

const sb = new Sandbox('ccs-bench-edit-');
const repo = sb.repo('proj', { 'src/math.ts': MATH });
const file = join(repo, 'src/math.ts');
const store = new ProjectStore(sb.store, findProject(repo).key);

/**
 * A plugin with no MCP server and no work: for every classic hook the real plugin runs around an
 * Edit (PreToolUse and PostToolUse groups whose matcher takes `Edit`), one `exit 0` hook. Read from
 * the built plugin, so it follows whatever hooks.json holds today.
 */
function shellOnlyPlugin(): string {
  const dir = join(sb.root, 'shell-hooks-plugin');
  const hooks = JSON.parse(readFileSync(join(pluginDir, 'hooks', 'hooks.json'), 'utf8')).hooks ?? {};
  const takesEdit = (m: unknown) => m === undefined || m === '' || m === '*' || new RegExp(`^(?:${String(m)})$`).test('Edit');
  const out: Record<string, unknown[]> = {};
  let count = 0;
  for (const event of ['PreToolUse', 'PostToolUse']) {
    for (const group of hooks[event] ?? []) {
      if (!takesEdit(group.matcher)) continue;
      const cmds = (group.hooks ?? []).filter((h: any) => h.type === 'command' && !h.if).map(() => ({ type: 'command', command: 'exit 0', timeout: 10 }));
      count += cmds.length;
      if (cmds.length) (out[event] ??= []).push({ matcher: group.matcher ?? '*', hooks: cmds });
    }
  }
  shellHookCount = count;
  return writePlugin(dir, 'shell-hooks-baseline', 'exit 0 hooks', { hooks: out });
}
let shellHookCount = 0;

const options: Record<string, ConstructorParameters<typeof Session>[2]> = {
  none: { pluginDir: null },
  plugin: {},
  classic: { env: { CONTEXT_SYNC_MOD: '0' } },
  shell: { pluginDir: shellOnlyPlugin() },
  bundle: { env: { CONTEXT_SYNC_MOD: '0', CONTEXT_SYNC_WARM: '0' } },
};
for (const v of VARIANTS) if (!options[v]) throw new Error(`unknown variant ${v}; known: ${Object.keys(options).join(', ')}`);

/** Tool results the client marked as errors (an Edit whose old_string was not found, say). */
function failedTools(api: FakeApi): number {
  const last = api.mainRequests.at(-1);
  let n = 0;
  for (const m of last?.messages ?? []) if (Array.isArray(m.content)) for (const c of m.content) if (c.type === 'tool_result' && c.is_error) n++;
  return n;
}

interface SessionRun { variant: string; round: number; latencies: number[]; notices: number; conflicts: number; records: number; failed: number }
const problems: string[] = [];
let addState = 0; // which of ADD the file holds now

/** Waits (at most 5 s) until `count()` reaches `want`: records the module sends after the turn. */
async function recordsSettle(count: () => number, want: number): Promise<void> {
  for (let i = 0; i < 50 && count() < want; i++) await new Promise((r) => setTimeout(r, 100));
}

async function measure(variant: string, round: number): Promise<SessionRun> {
  const s = new Session(sb, repo, options[variant]);
  await s.start();
  try {
    await s.prompt('hello', { text: 'hi' });
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const turns = [];
    for (let i = 0; i < EDITS; i++) {
      turns.push({ tool: 'Edit', input: { file_path: file, old_string: ADD[addState]!, new_string: ADD[1 - addState]! } });
      addState = 1 - addState;
    }
    await s.prompt(`flip add() ${EDITS} times`, ...turns, { text: 'done' });
    // The hooks module sends records it judged to meet nobody in the lull after the tool calls.
    if (variant !== 'none' && variant !== 'shell') await recordsSettle(() => (s.sessionId ? store.allEdits(s.sessionId).length : 0), EDITS);
    const run: SessionRun = {
      variant,
      round,
      latencies: editLatencies(s.api),
      notices: timesSeen(s.api, NOTICE),
      conflicts: timesSeen(s.api, 'CONFLICT'),
      records: s.sessionId ? store.allEdits(s.sessionId).length : 0,
      failed: failedTools(s.api),
    };
    const text = readFileSync(file, 'utf8');
    if (!text.includes(`${ADD[addState]}\n}\n\nexport function sub`) || !text.includes(PEER_TO)) problems.push(`${variant} round ${round}: the file does not hold the expected edits`);
    if (run.failed) problems.push(`${variant} round ${round}: ${run.failed} tool call(s) failed`);
    if (run.latencies.length !== EDITS) problems.push(`${variant} round ${round}: ${run.latencies.length} Edits measured, ${EDITS} expected`);
    const wantNotices = variant === 'none' || variant === 'shell' ? 0 : 1;
    if (run.notices !== wantNotices) problems.push(`${variant} round ${round}: the peer's notice reached the model ${run.notices} times, expected ${wantNotices}`);
    // One record per Edit is what the classic hooks write; more means an Edit was handled twice.
    if (wantNotices && (run.records === 0 || run.records > EDITS)) problems.push(`${variant} round ${round}: ${run.records} edit records for ${EDITS} Edits`);
    if (run.conflicts) problems.push(`${variant} round ${round}: a CONFLICT was reported for edits in different functions`);
    return run;
  } finally {
    await s.close();
  }
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const median = (xs: number[]) => quantile(xs, 0.5);
const ms = (x: number) => `${x.toFixed(1)}`.padStart(7);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`.padStart(7);

function nodeStart(): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  return performance.now() - t0;
}
const nodeStarts: number[] = [];

const started = Date.now();
const peer = new Session(sb, repo);
await peer.start();
const runs: SessionRun[] = [];
try {
  await peer.prompt('negate sub', { tool: 'Edit', input: { file_path: file, old_string: PEER_FROM, new_string: PEER_TO } }, { text: 'ok' });
  await recordsSettle(() => store.allEdits(peer.sessionId).length, 1);
  if (store.allEdits(peer.sessionId).length === 0) throw new Error('the peer session recorded no edit: is plugin/ built?');
  for (let round = 1; round <= ROUNDS; round++) {
    for (const v of VARIANTS) runs.push(await measure(v, round));
    for (let i = 0; i < 5; i++) nodeStarts.push(nodeStart());
    process.stderr.write(`round ${round}/${ROUNDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
} finally {
  await peer.close();
}

// The client says its version in the stream's opening line.
const version: string | undefined = peer.lines.find((l) => l.type === 'system' && l.subtype === 'init')?.claude_code_version;
console.log(`per-Edit latency: end of the tool_use answer -> next request; real client ${claudeBin}${version ? ` ${version}` : ''}`);
console.log(`${ROUNDS} interleaved rounds x ${EDITS} Edits per session, live peer with an open edit in sub() of the same file; shell variant: ${shellHookCount} 'exit 0' hooks per Edit`);
console.log('variant   edits  median    p90   mean | d median  d p90  paired d median | notices/session  records/session');
const base = runs.filter((r) => r.variant === 'none');
const rows: Record<string, unknown>[] = [];
for (const v of VARIANTS) {
  const mine = runs.filter((r) => r.variant === v);
  const all = mine.flatMap((r) => r.latencies);
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const baseAll = base.flatMap((r) => r.latencies);
  // Paired by round: sessions of one round ran back to back, under the same load of the machine.
  const paired = base.length ? median(mine.map((r) => median(r.latencies) - median(base.find((b) => b.round === r.round)!.latencies))) : NaN;
  const row = {
    variant: v,
    edits: all.length,
    medianMs: median(all),
    p90Ms: quantile(all, 0.9),
    meanMs: mean,
    deltaMedianMs: baseAll.length ? median(all) - median(baseAll) : NaN,
    deltaP90Ms: baseAll.length ? quantile(all, 0.9) - quantile(baseAll, 0.9) : NaN,
    pairedDeltaMedianMs: paired,
    notices: mine.map((r) => r.notices),
    records: mine.map((r) => r.records),
  };
  rows.push(row);
  console.log(
    `${v.padEnd(8)} ${String(row.edits).padStart(6)} ${ms(row.medianMs)} ${ms(row.p90Ms)} ${ms(mean)} | ${signed(row.deltaMedianMs)} ${signed(row.deltaP90Ms)} ${signed(paired).padStart(16)} | ${row.notices.join(',').padStart(15)}  ${row.records.join(',')}`,
  );
}
console.log(`(ms; d = minus the 'none' sessions of the same run; ${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
const twoNodeStarts = 2 * median(nodeStarts);
console.log(`node -e 0, ${nodeStarts.length} times between sessions: median ${median(nodeStarts).toFixed(1)} ms, so two Node starts = ${twoNodeStarts.toFixed(1)} ms`);
mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true });
writeFileSync(
  join(process.cwd(), 'bench', 'results', 'edit-latency.json'),
  JSON.stringify({ client: claudeBin, version, twoNodeStartsMs: twoNodeStarts, rounds: ROUNDS, edits: EDITS, settleMs: SETTLE_MS, node: process.version, rows, sessions: runs }, null, 2) + '\n',
);
if (problems.length) {
  console.error(`sanity checks failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
