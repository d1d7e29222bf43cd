// Hook wall time against bare `node -e 0`, measured side by side in one run (interleaved, medians),
// with 50 live sessions and 20,000 recorded edits in the store. Prints ratios; never asserts times.
//   node .build/bench/hooks.js [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeRegistry } from '../test/harness/fake-registry.js';
import { Sandbox, pluginDir } from '../test/harness/claude.js';
import { findProject } from '../src/sessions/project.js';
import { ProjectStore } from '../src/store/session-store.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 25;
// Instruction counts (callgrind) do not depend on what else the machine is doing: a second,
// load-independent ratio next to wall time. One run per case; needs valgrind.
const withInstructions = process.argv.includes('--instructions');
const SESSIONS = 50;
const EDITS = 20_000;

const sb = new Sandbox('ccs-bench-');
const files: Record<string, string> = {};
for (let i = 0; i < 40; i++) {
  files[`src/mod${i}.ts`] = Array.from({ length: 30 }, (_, f) => `export function f${f}(x: number): number {\n  return x + ${f};\n}\n`).join('\n');
}
files['src/fresh.ts'] = 'export function lonely(): number {\n  return 1;\n}\n';
const repo = sb.repo('bench', files);
const reg = new FakeRegistry();
const sessions = Array.from({ length: SESSIONS }, () => reg.add(repo));
const project = findProject(repo);
const store = new ProjectStore(reg.store, project.key);
const now = Date.now();
for (let i = 0; i < EDITS; i++) {
  const s = sessions[i % SESSIONS]!;
  const mod = (i * 7) % 40;
  store.appendEdit({ v: 1, ts: now - (EDITS - i), session: s.sessionId, file: `src/mod${mod}.ts`, worktree: project.worktree, tool: 'Edit', ranges: [[2, 2]], symbols: [`f${i % 30}`] });
}
for (const s of sessions) store.writeMeta({ v: 1, sessionId: s.sessionId, cwd: repo, worktree: project.worktree, branch: 'main', pid: s.pid, startedAt: now });
// This session's Claude Code process runs no hooks module (no marker): its classic hooks do the work,
// as for Claude Code before 2.1.287 or with CONTEXT_SYNC_MOD=0. The module path is measured with the
// real client in bench/edit-latency.ts.
const me = reg.add(repo);

/** A hooks.json command as Claude Code runs it, with the plugin root filled in. */
function hookCommand(event: string, i = 0): string {
  const hooks = JSON.parse(readFileSync(join(pluginDir, 'hooks', 'hooks.json'), 'utf8')).hooks;
  return (hooks[event][i].hooks[0].command as string).split('${CLAUDE_PLUGIN_ROOT}').join(pluginDir);
}
store.writeMeta({ v: 1, sessionId: me.sessionId, cwd: repo, worktree: project.worktree, branch: 'main', pid: me.pid, startedAt: now });

function payload(event: string, extra: Record<string, unknown>): string {
  return JSON.stringify({ session_id: me.sessionId, transcript_path: join(sb.root, 't.jsonl'), cwd: repo, permission_mode: 'default', hook_event_name: event, ...extra });
}
const editFresh = payload('PostToolUse', {
  tool_name: 'Edit',
  tool_input: { file_path: join(repo, 'src/fresh.ts'), old_string: 'return 1;', new_string: 'return 1;' },
  tool_response: { filePath: join(repo, 'src/fresh.ts'), structuredPatch: [{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 1, lines: ['-  return 1;', '+  return 1;'] }], originalFile: files['src/fresh.ts'] },
});
const editShared = payload('PostToolUse', {
  tool_name: 'Edit',
  tool_input: { file_path: join(repo, 'src/mod3.ts'), old_string: 'x + 0', new_string: 'x + 0' },
  tool_response: { filePath: join(repo, 'src/mod3.ts'), structuredPatch: [{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 1, lines: ['-  return x + 0;', '+  return x + 0;'] }], originalFile: files['src/mod3.ts'] },
});
const preShared = payload('PreToolUse', { tool_name: 'Edit', tool_input: { file_path: join(repo, 'src/mod3.ts'), old_string: '  return x + 0;', new_string: '  return x + 0;' } });
const prompt = payload('UserPromptSubmit', { prompt: 'continue' });
const gate = hookCommand('PostToolUse', 1);

/** `node`: a hook compared with `node -e 0` even though the shell runs it. */
interface Case { name: string; cmd: string; args: string[]; input?: string; node?: boolean }
const hook = (h: string) => join(pluginDir, 'dist/hooks', `${h}.mjs`);
// The floor for any hook shipped as an .mjs file: Node's ES module loader alone, with nothing in it.
const emptyModule = join(sb.root, 'empty.mjs');
writeFileSync(emptyModule, '');
const cases: Case[] = [
  { name: 'node -e 0 (baseline)', cmd: process.execPath, args: ['-e', '0'] },
  { name: 'node empty.mjs (ESM floor)', cmd: process.execPath, args: [emptyModule] },
  // As installed, on the classic path: the command Claude Code runs (a shell test of the module's marker, then the bundle).
  { name: 'PostToolUse, file no one else edited', cmd: '/bin/sh', args: ['-c', hookCommand('PostToolUse')], input: editFresh, node: true },
  { name: 'PostToolUse, file 50 sessions edited', cmd: '/bin/sh', args: ['-c', hookCommand('PostToolUse')], input: editShared, node: true },
  { name: 'PreToolUse, file 50 sessions edited', cmd: '/bin/sh', args: ['-c', hookCommand('PreToolUse')], input: preShared, node: true },
  { name: 'UserPromptSubmit', cmd: '/bin/sh', args: ['-c', hookCommand('UserPromptSubmit')], input: prompt, node: true },
  // The Node bundles alone, without the shell in front.
  { name: 'bundle alone: PostToolUse, fresh file', cmd: process.execPath, args: [hook('post-tool-use')], input: editFresh },
  { name: 'bundle alone: PostToolUse, shared file', cmd: process.execPath, args: [hook('post-tool-use')], input: editShared },
  { name: 'bundle alone: PreToolUse, shared file', cmd: process.execPath, args: [hook('pre-tool-use')], input: preShared },
  { name: 'bundle alone: UserPromptSubmit', cmd: process.execPath, args: [hook('user-prompt-submit')], input: prompt },
  { name: 'sh -c true (shell baseline)', cmd: '/bin/sh', args: ['-c', 'true'] },
  { name: 'after-every-tool gate, nothing pending', cmd: '/bin/sh', args: ['-c', gate], input: editFresh },
];

const env = { ...reg.env({ CLAUDE_PID: String(me.pid) }), CLAUDE_PLUGIN_ROOT: pluginDir };
const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let r = 0; r < runs; r++) {
  for (const c of cases) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(c.cmd, c.args, { input: c.input ?? '', env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 0) throw new Error(`${c.name} exited ${res.status}: ${res.stderr}`);
    times.get(c.name)!.push(ms);
  }
}
function instructions(c: Case): number | undefined {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', c.cmd, ...c.args], { input: c.input ?? '', env, encoding: 'utf8' });
  const m = /Collected : (\d+)/.exec(r.stderr ?? '');
  return m ? Number(m[1]) : undefined;
}
const counts = new Map<string, number | undefined>();
// Callgrind follows one process: only the bundles, whose work is all in the process it starts.
if (withInstructions) for (const c of cases) if (c.cmd !== '/bin/sh') counts.set(c.name, instructions(c));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(times.get(cases[0]!.name)!);
const shBase = median(times.get('sh -c true (shell baseline)')!);
const rows = cases.map((c) => {
  const m = median(times.get(c.name)!);
  const overShell = c.cmd === '/bin/sh' && !c.node;
  const ratio = overShell ? m / shBase : m / base;
  const ins = counts.get(c.name);
  const insBase = counts.get(cases[0]!.name);
  const insRatio = ins && insBase ? Number((ins / insBase).toFixed(3)) : undefined;
  return { case: c.name, medianMs: Number(m.toFixed(2)), ratio: Number(ratio.toFixed(3)), over: overShell ? 'sh -c true' : 'node -e 0', instructions: ins, instructionRatio: insRatio };
});
console.log(`hook wall time, ${runs} interleaved runs each, ${SESSIONS} live sessions, ${EDITS} recorded edits`);
for (const r of rows) {
  const ins = r.instructionRatio ? `   instructions ${(r.instructions! / 1e6).toFixed(1)}M = ${r.instructionRatio.toFixed(3)}x` : '';
  console.log(`${r.case.padEnd(42)} ${String(r.medianMs).padStart(8)} ms  ${r.ratio.toFixed(3)}x ${r.over}${ins}`);
}
mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true });
writeFileSync(join(process.cwd(), 'bench', 'results', 'hooks.json'), JSON.stringify({ runs, sessions: SESSIONS, edits: EDITS, node: process.version, rows }, null, 2) + '\n');
reg.close();
