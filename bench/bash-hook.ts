// What the PreToolUse Bash hook (the git guard) costs per Bash call, side by side with `node -e 0`
// in one run, interleaved so that machine noise hits every case alike.
//
//   node scripts/build.mjs && node scripts/build.mjs --tests && node .build/bench/bash-hook.js [rounds]
//
// With hooks.json's `"if": "Bash(*git*)"` the client does not start the hook at all for a command
// that does not mention git (checked against claude 2.1.330): the `non-git command` row is the
// cost only on a client that ignores `if`. Cases:
// - node -e 0                 the floor the issue names: starting node
// - node empty.mjs            starting node on an empty ES module file (the way hooks start)
// - non-git command           `npm test`: the hook loads, reads stdin, answers {} (no git spawned)
// - git, no peer              `git status`: classified safe, answers {} (no git spawned)
// - git stash, peer, no risk  a live peer in the checkout but only the caller's own file is dirty:
//                             aliases and status are read, nothing is at stake
// - git stash, peer's work    the full path: aliases, status, records, an `ask` with the reason
// The repository has 2,000 tracked files so that `git status` does real work. Every case runs with
// the same minimal env: inherited settings such as NODE_EXTRA_CA_CERTS add tens of ms to any node start.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeRegistry, type FakeSession } from '../test/harness/fake-registry.js';
import { pluginDir } from '../test/harness/claude.js';

const rounds = Number(process.argv[2] ?? 30);
const hook = join(pluginDir, 'dist', 'hooks', 'pre-tool-use.mjs');
const reg = new FakeRegistry();

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

function makeRepo(name: string): string {
  const repo = join(reg.root, name);
  for (let i = 0; i < 2000; i++) {
    const dir = join(repo, 'src', `m${i % 40}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.ts`), `export const v${i} = ${i};\n`);
  }
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'init');
  return repo;
}

function payload(s: FakeSession, cwd: string, event: 'PreToolUse' | 'PostToolUse' | 'SessionStart', extra: Record<string, unknown>): string {
  return JSON.stringify({ session_id: s.sessionId, transcript_path: join(reg.root, 't.jsonl'), cwd, hook_event_name: event, permission_mode: 'default', ...extra });
}

function runHook(name: string, s: FakeSession, input: string, cwd: string): string {
  const r = spawnSync(process.execPath, [join(pluginDir, 'dist', 'hooks', `${name}.mjs`)], { input, cwd, encoding: 'utf8', env: reg.env({ CLAUDE_PID: String(s.pid) }) });
  if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
  return r.stdout;
}

/** A repository where the caller B runs git, with A alive in the same checkout. */
function setup(name: string, peerDirty: boolean) {
  const repo = makeRepo(name);
  const A = reg.add(repo);
  const B = reg.add(repo);
  for (const s of [A, B]) runHook('session-start', s, payload(s, repo, 'SessionStart', { source: 'startup' }), repo);
  const editBy = (s: FakeSession, rel: string) => {
    const file = join(repo, rel);
    writeFileSync(file, 'export const changed = 1;\n');
    runHook('post-tool-use', s, payload(s, repo, 'PostToolUse', {
      tool_name: 'Write', tool_use_id: 't', tool_input: { file_path: file, content: 'export const changed = 1;\n' }, tool_response: { type: 'update', filePath: file },
    }), repo);
  };
  editBy(B, 'src/m1/f1.ts');
  if (peerDirty) editBy(A, 'src/m0/f0.ts');
  return { repo, B };
}

const emptyScript = join(reg.root, 'empty.mjs');
writeFileSync(emptyScript, '');
const quiet = setup('quiet', false);
const busy = setup('busy', true);
const bash = (s: FakeSession, cwd: string, command: string) => payload(s, cwd, 'PreToolUse', { tool_name: 'Bash', tool_use_id: 't', tool_input: { command, description: 'x' } });

interface Case {
  name: string;
  run: () => string;
  expect: (out: string) => boolean;
}
const hookCase = (name: string, cwd: string, input: string, expect: (out: string) => boolean): Case => ({
  name,
  run: () => spawnSync(process.execPath, [hook], { input, cwd, encoding: 'utf8', env: reg.env() }).stdout,
  expect,
});
const silent = (out: string) => out === '{}';
const cases: Case[] = [
  { name: 'node -e 0', run: () => spawnSync(process.execPath, ['-e', '0'], { encoding: 'utf8', env: reg.env() }).stdout, expect: (o) => o === '' },
  { name: 'node empty.mjs', run: () => spawnSync(process.execPath, [emptyScript], { encoding: 'utf8', env: reg.env() }).stdout, expect: (o) => o === '' },
  hookCase('non-git command (npm test)', busy.repo, bash(busy.B, busy.repo, 'npm test && ls -la'), silent),
  hookCase('git status (safe)', busy.repo, bash(busy.B, busy.repo, 'git status && git diff'), silent),
  hookCase('git stash, peer, nothing at stake', quiet.repo, bash(quiet.B, quiet.repo, 'git stash'), silent),
  hookCase('git stash, peer\'s work at stake', busy.repo, bash(busy.B, busy.repo, 'cd src && git stash'), (o) => o.includes('"permissionDecision":"ask"')),
];

for (const c of cases) {
  const out = c.run();
  if (!c.expect(out)) throw new Error(`${c.name}: unexpected output ${out}`);
}
const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let r = 0; r < rounds; r++) {
  for (const c of cases) {
    const t0 = performance.now();
    c.run();
    times.get(c.name)!.push(performance.now() - t0);
  }
}

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const base = q(times.get('node -e 0')!, 0.5);
console.log(`PreToolUse Bash hook, ${rounds} interleaved rounds, node ${process.version}, repository of 2,000 files`);
console.log('case'.padEnd(38) + 'median ms'.padStart(10) + 'p90 ms'.padStart(9) + 'x node -e 0'.padStart(13) + 'extra ms'.padStart(10));
for (const c of cases) {
  const xs = times.get(c.name)!;
  const med = q(xs, 0.5);
  console.log(c.name.padEnd(38) + med.toFixed(1).padStart(10) + q(xs, 0.9).toFixed(1).padStart(9) + (med / base).toFixed(2).padStart(13) + (med - base).toFixed(1).padStart(10));
}
console.log('With "if": "Bash(*git*)" in hooks.json the client starts no process at all for a command without "git".');
reg.close();
