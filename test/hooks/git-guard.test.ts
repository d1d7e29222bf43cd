// The built PreToolUse bundle on Bash calls, with real payloads, in temp repositories, with live
// peers simulated by a fake session registry (real sleeping processes). Asserts the decision itself:
// in `claude -p` an `ask` acts as a deny, so only here can ask and deny be told apart.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FakeRegistry, type FakeSession } from '../harness/fake-registry.js';
import { git, pluginDir } from '../harness/claude.js';

const hooksDir = join(pluginDir, 'dist', 'hooks');
const registries: FakeRegistry[] = [];
after(() => registries.forEach((r) => r.close()));

/** A PATH whose `git` logs each invocation before running the real one: proves when git is not spawned. */
function gitSpy(root: string): { path: string; calls: () => string[] } {
  const bin = join(root, 'spy-bin');
  const log = join(root, 'git-calls.log');
  const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  return { path: `${bin}:${process.env.PATH}`, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []) };
}

interface World {
  reg: FakeRegistry;
  repo: string;
  A: FakeSession;
  B: FakeSession;
  spy: ReturnType<typeof gitSpy>;
  hook(name: string, s: FakeSession, payload: Record<string, unknown>, cwd?: string): Record<string, unknown>;
  bash(s: FakeSession, command: string, cwd?: string): Record<string, unknown>;
  edit(s: FakeSession, rel: string, oldText: string, newText: string): void;
}

function world(files: Record<string, string> = { 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n' }): World {
  const reg = new FakeRegistry();
  registries.push(reg);
  const repo = join(reg.root, 'proj');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, rel)), { recursive: true });
    writeFileSync(join(repo, rel), text);
  }
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
  const spy = gitSpy(reg.root);
  const w: World = {
    reg,
    repo,
    A: reg.add(repo),
    B: reg.add(repo),
    spy,
    hook(name, s, payload, cwd = repo) {
      const input = JSON.stringify({ session_id: s.sessionId, transcript_path: join(reg.root, 't.jsonl'), cwd, permission_mode: 'bypassPermissions', ...payload });
      const r = spawnSync(process.execPath, [join(hooksDir, `${name}.mjs`)], {
        input,
        cwd,
        encoding: 'utf8',
        env: reg.env({ PATH: spy.path, CLAUDE_PID: String(s.pid) }),
      });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout || '{}');
    },
    bash(s, command, cwd = repo) {
      return w.hook('pre-tool-use', s, { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_use_id: 'toolu_1', tool_input: { command, description: 'x' } }, cwd);
    },
    edit(s, rel, oldText, newText) {
      const file = join(repo, rel);
      const before = readFileSync(file, 'utf8');
      const after = before.replace(oldText, newText);
      writeFileSync(file, after);
      w.hook('post-tool-use', s, {
        hook_event_name: 'PostToolUse',
        tool_name: 'Edit',
        tool_use_id: 'toolu_e',
        tool_input: { file_path: file, old_string: oldText, new_string: newText, replace_all: false },
        tool_response: { filePath: file, oldString: oldText, newString: newText, originalFile: before, replaceAll: false, structuredPatch: [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: [`-${oldText}`, `+${newText}`] }] },
      });
    },
  };
  for (const s of [w.A, w.B]) w.hook('session-start', s, { hook_event_name: 'SessionStart', source: 'startup' });
  return w;
}

function decision(out: Record<string, unknown>): { kind?: string; reason?: string } {
  const h = out.hookSpecificOutput as Record<string, string> | undefined;
  return { kind: h?.permissionDecision, reason: h?.permissionDecisionReason };
}

function setConfig(w: World, onGitRisk: string): void {
  mkdirSync(join(w.repo, '.claude'), { recursive: true });
  writeFileSync(join(w.repo, '.claude', 'context-sync.json'), JSON.stringify({ onGitRisk }));
  // The config file itself is untracked work; keep it out of the picture.
  writeFileSync(join(w.repo, '.git', 'info', 'exclude'), '.claude/\n');
}

test('git stash while a peer has uncommitted edits: ask by default, naming the risk, the peer, the file and a safer way', () => {
  const w = world();
  w.edit(w.A, 'src/a.ts', 'export const a = 1;', 'export const a = 2;');
  const d = decision(w.bash(w.B, 'git stash'));
  assert.equal(d.kind, 'ask');
  assert.match(d.reason!, /`git stash` stashes every uncommitted change in the checkout/);
  assert.match(d.reason!, new RegExp(`src/a\\.ts \\(session ${w.A.sessionId.slice(0, 8)}`));
  assert.match(d.reason!, new RegExp(`Working in this checkout: session ${w.A.sessionId.slice(0, 8)}`));
  assert.match(d.reason!, /Safer: stash only your own files: git stash push -- <your files>/);
  assert.match(d.reason!, /separate worktree/);
});

test('onGitRisk: block denies; onGitRisk: off answers nothing', () => {
  const w = world();
  w.edit(w.A, 'src/a.ts', 'export const a = 1;', 'export const a = 2;');
  setConfig(w, 'block');
  const d = decision(w.bash(w.B, 'git stash'));
  assert.equal(d.kind, 'deny');
  assert.match(d.reason!, /Blocked by context-sync \(onGitRisk: block\)/);
  setConfig(w, 'off');
  assert.deepEqual(w.bash(w.B, 'git stash'), {});
});

test('stashing, restoring or committing only your own files passes silently', () => {
  const w = world();
  w.edit(w.A, 'src/a.ts', 'export const a = 1;', 'export const a = 2;');
  w.edit(w.B, 'src/b.ts', 'export const b = 1;', 'export const b = 2;');
  assert.deepEqual(w.bash(w.B, 'git stash -- src/b.ts'), {});
  assert.deepEqual(w.bash(w.B, 'git stash push -m wip src/b.ts'), {});
  assert.deepEqual(w.bash(w.B, 'cd src && git checkout -- b.ts'), {});
  assert.deepEqual(w.bash(w.B, 'git add src/b.ts && git commit -m "b" -- src/b.ts'), {});
  assert.deepEqual(w.bash(w.B, "cd src && git restore -- ':/src/b.ts'"), {});
  // ...but not A's, however it is named.
  assert.equal(decision(w.bash(w.B, 'git checkout -- src/a.ts')).kind, 'ask');
  assert.equal(decision(w.bash(w.B, "git stash push -- 'src/*.ts'")).kind, 'ask');
  assert.equal(decision(w.bash(w.B, `git checkout -- ${w.repo}/src`)).kind, 'ask');
  assert.equal(decision(w.bash(w.B, 'cd src && git checkout -- .')).kind, 'ask');
  // Pulling or rebasing under a peer's uncommitted work asks too.
  assert.equal(decision(w.bash(w.B, 'git pull --rebase --autostash')).kind, 'ask');
  // Read-only commands never ask.
  assert.deepEqual(w.bash(w.B, 'git status && git diff && git log --oneline'), {});
});

test('git add -A && git commit while a peer has uncommitted edits: asked, with the alternative and the caller\'s own files', () => {
  const w = world();
  w.edit(w.A, 'src/a.ts', 'export const a = 1;', 'export const a = 2;');
  w.edit(w.B, 'src/b.ts', 'export const b = 1;', 'export const b = 2;');
  const d = decision(w.bash(w.B, 'git add -A && git commit -m x'));
  assert.equal(d.kind, 'ask');
  assert.match(d.reason!, /`git add -A` stages every change in the checkout/);
  assert.match(d.reason!, /stage only your own files: git add <your files>/);
  assert.match(d.reason!, /Your own uncommitted files: src\/b\.ts\./);
  assert.doesNotMatch(d.reason!, /src\/b\.ts \(session/);
  assert.equal(decision(w.bash(w.B, 'git commit -am wip')).kind, 'ask');
});

test('work no session recorded (a shell command, a formatter, the user) is at stake too', () => {
  const w = world();
  writeFileSync(join(w.repo, 'notes.md'), 'draft\n');
  const d = decision(w.bash(w.B, 'git clean -fd'));
  assert.equal(d.kind, 'ask');
  assert.match(d.reason!, /notes\.md \(recorded by no session/);
  // A path filter that excludes it passes.
  assert.deepEqual(w.bash(w.B, 'git clean -f -- src/'), {});
});

test('compound commands, git -C and aliases from git config are followed', () => {
  const w = world();
  w.edit(w.A, 'src/a.ts', 'export const a = 1;', 'export const a = 2;');
  git(w.repo, 'config', 'alias.st', 'stash');
  git(w.repo, 'config', 'alias.s', 'status --short');
  git(w.repo, 'config', 'alias.nuke', '!git reset --hard && git clean -fd');
  assert.equal(decision(w.bash(w.B, 'cd src && git stash')).kind, 'ask');
  assert.equal(decision(w.bash(w.B, `git -C ${w.repo} reset --hard`, '/')).kind, 'ask');
  assert.equal(decision(w.bash(w.B, 'echo start; (git st) | cat')).kind, 'ask');
  assert.equal(decision(w.bash(w.B, 'git nuke')).kind, 'ask');
  assert.deepEqual(w.bash(w.B, 'git s'), {});
});

test('no live peer in the checkout: passes without spawning git; a non-git command never spawns it', async () => {
  const w = world();
  w.edit(w.A, 'src/a.ts', 'export const a = 1;', 'export const a = 2;');
  const before = w.spy.calls().length;
  assert.deepEqual(w.bash(w.B, 'ls -la && npm test'), {});
  assert.equal(w.spy.calls().length, before, 'no git for a non-git command');
  await w.reg.crash(w.A);
  assert.deepEqual(w.bash(w.B, 'git stash'), {});
  assert.equal(w.spy.calls().length, before, 'no git when nobody else is alive');
});

test('a cwd reached through a symlink is the same checkout', () => {
  const w = world();
  w.edit(w.A, 'src/a.ts', 'export const a = 1;', 'export const a = 2;');
  w.edit(w.B, 'src/b.ts', 'export const b = 1;', 'export const b = 2;');
  const link = join(w.reg.root, 'link');
  symlinkSync(w.repo, link);
  assert.equal(decision(w.bash(w.B, 'git stash', link)).kind, 'ask');
  assert.deepEqual(w.bash(w.B, `git stash -- ${link}/src/b.ts`, link), {});
  assert.equal(decision(w.bash(w.B, `git checkout -- ${link}/src/a.ts`, w.repo)).kind, 'ask');
});

test('a peer in another worktree of the same repository is not in this checkout', async () => {
  const w = world();
  const wt = join(w.reg.root, 'proj-feature');
  git(w.repo, 'worktree', 'add', '-q', '-b', 'feature', wt);
  const C = w.reg.add(wt);
  w.hook('session-start', C, { hook_event_name: 'SessionStart', source: 'startup' }, wt);
  // Only C is alive besides B; C works elsewhere. Dirty files here are B's own business.
  await w.reg.crash(w.A);
  writeFileSync(join(w.repo, 'src/a.ts'), 'changed\n');
  assert.deepEqual(w.bash(w.B, 'git stash'), {});
  rmSync(wt, { recursive: true, force: true });
});
