// What a session that sits idle, alone in its repository, costs the machine with the plugin: the CPU
// time of the real Claude Code process (the pinned devDependency, or E2E_CLAUDE_BIN) and of its
// children (the plugin's MCP server), read from /proc while nobody types, against the same session
// without the plugin. The product promises near-zero cost when unused.
//
// Variants, interleaved round by round in one run:
//   none     no plugin
//   module   a hooks module that only passes tool calls through: what Claude Code charges for
//            hosting any module, before its work (the floor of the in-process path)
//   plugin   the plugin, default env (its module's beat polls the server every 5 s while alone)
//   classic  the plugin with CONTEXT_SYNC_MOD=0 (no module; the classic hooks run only on events)
//   pair     the plugin, with a second session of the plugin live and idle in the same repository
//            (the measured session is not alone: its module's beat is 1 s)
//   before, before-pair (with --compare DIR) plugin and pair with another build of the plugin (a
//            copy of an earlier plugin/), to show a change side by side
// Prints ms of CPU per idle second, medians over rounds, and the differences from `none`; never
// asserts times. Linux only (/proc).
//   node .build/bench/session-idle.js [--rounds 3] [--idle 20] [--settle 15] [--variants none,module,plugin,pair,classic] [--compare DIR]
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASS_THROUGH_MODULE, arg, writePlugin } from './client-timing.js';
import { Sandbox, Session, claudeBin } from '../test/harness/claude.js';

const ROUNDS = Number(arg('rounds', '3'));
const IDLE_S = Number(arg('idle', '20'));
const COMPARE = arg('compare', '');
const VARIANTS = arg('variants', `none,module,plugin,pair,classic${COMPARE ? ',before,before-pair' : ''}`).split(',');
/**
 * After the first turn, before measuring: whatever starts with the session has settled. Node's
 * memory reducer runs its collections some 10 s after a process starts (the MCP server's, seen with
 * --trace-gc); a shorter wait charges that start-up tail to idling.
 */
const SETTLE_MS = Number(arg('settle', '15')) * 1000;
const TICKS_PER_S = 100; // USER_HZ on Linux

delete process.env.CONTEXT_SYNC_MOD;
const sb = new Sandbox('ccs-bench-idle-');
const repo = sb.repo('proj', { 'notes.txt': 'draft\n' });

const passThroughModule = () =>
  writePlugin(join(sb.root, 'pass-through-module'), 'idle-floor', 'a pass-through hooks module', { modules: ['./mod.js'], hooks: {} }, { 'hooks/mod.js': PASS_THROUGH_MODULE });

const options: Record<string, ConstructorParameters<typeof Session>[2]> = {
  none: { pluginDir: null },
  module: { pluginDir: passThroughModule() },
  plugin: {},
  pair: {},
  classic: { env: { CONTEXT_SYNC_MOD: '0' } },
  ...(COMPARE ? { before: { pluginDir: COMPARE }, 'before-pair': { pluginDir: COMPARE } } : {}),
};
for (const v of VARIANTS) if (!options[v]) throw new Error(`unknown variant ${v}; known: ${Object.keys(options).join(', ')}`);

/** CPU time (user + system) of one process so far, in ms; 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid) out.push(Number(d));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}
const descendants = (pid: number): number[] => childrenOf(pid).flatMap((c) => [c, ...descendants(c)]);

interface Idle { variant: string; round: number; claudeMsPerS: number; childrenMsPerS: number }
const runs: Idle[] = [];

async function measure(variant: string, round: number): Promise<void> {
  // The pair variants: a peer of the same build, started first, idle for the whole measurement.
  const peer = variant.endsWith('pair') ? new Session(sb, repo, options[variant]) : undefined;
  if (peer) {
    await peer.start();
    await peer.prompt('hello', { text: 'hi' });
  }
  const s = new Session(sb, repo, options[variant]);
  await s.start();
  try {
    await s.prompt('hello', { text: 'hi' });
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const pid = s.pid!;
    const kids = descendants(pid);
    const before = { claude: cpuMs(pid), kids: kids.reduce((a, k) => a + cpuMs(k), 0) };
    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    const after = { claude: cpuMs(pid), kids: kids.reduce((a, k) => a + cpuMs(k), 0) };
    runs.push({ variant, round, claudeMsPerS: (after.claude - before.claude) / IDLE_S, childrenMsPerS: (after.kids - before.kids) / IDLE_S });
  } finally {
    await s.close();
    await peer?.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const started = Date.now();
for (let round = 1; round <= ROUNDS; round++) {
  for (const v of VARIANTS) await measure(v, round);
  process.stderr.write(`round ${round}/${ROUNDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

console.log(`idle CPU of a session (alone, or beside an idle peer for the pair variants): ms of CPU per second of idling, ${IDLE_S} s per session, ${ROUNDS} interleaved rounds; real client ${claudeBin}`);
console.log('variant    claude  children   total | d total  paired d total');
const totalOf = (r: Idle) => r.claudeMsPerS + r.childrenMsPerS;
const base = runs.filter((r) => r.variant === 'none');
const rows = VARIANTS.map((v) => {
  const mine = runs.filter((r) => r.variant === v);
  const claude = median(mine.map((r) => r.claudeMsPerS));
  const children = median(mine.map((r) => r.childrenMsPerS));
  const total = median(mine.map(totalOf));
  const d = base.length ? total - median(base.map(totalOf)) : NaN;
  // Paired by round: sessions of one round ran back to back, under the same load of the machine.
  const paired = base.length ? median(mine.map((r) => totalOf(r) - totalOf(base.find((b) => b.round === r.round)!))) : NaN;
  const f = (x: number) => x.toFixed(1).padStart(7);
  const sf = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`.padStart(7);
  console.log(`${v.padEnd(8)} ${f(claude)} ${f(children).padStart(9)} ${f(total)} | ${sf(d)} ${sf(paired).padStart(15)}`);
  return { variant: v, claudeMsPerS: claude, childrenMsPerS: children, totalMsPerS: total, deltaTotal: d, pairedDeltaTotal: paired };
});
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s in all; each round's sessions ran back to back)`);
mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true });
writeFileSync(join(process.cwd(), 'bench', 'results', 'session-idle.json'), JSON.stringify({ client: claudeBin, rounds: ROUNDS, idleSeconds: IDLE_S, rows, runs }, null, 2) + '\n');
