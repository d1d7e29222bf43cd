// A slow trial merge must not cost the merge-risk alert: Claude Code kills a hook at its timeout and
// drops its answer, and an alert claimed as told before the merge ran would be lost for good.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FakeRegistry } from '../harness/fake-registry.js';
import { Sandbox, git } from '../harness/claude.js';
import { editPayload, hookPath } from '../harness/hook-runner.js';

const MATH = 'export function add(a: number, b: number) {\n  return a + b;\n}\n';

test('a trial merge that hangs: the merge-risk alert still arrives within the hook timeout, and is told once', () => {
  const sb = new Sandbox('ccs-merge-');
  const repo = sb.repo('proj', { 'src/math.ts': MATH });
  const wt = join(sb.root, 'proj-feature');
  git(repo, 'worktree', 'add', '-q', '-b', 'feature', wt);
  const reg = new FakeRegistry();
  try {
    const a = reg.add(repo);
    const w = reg.add(wt);
    // A git whose merge-tree hangs (a huge repository, a slow disk); everything else is real git.
    const bin = join(sb.root, 'slow-bin');
    mkdirSync(bin, { recursive: true });
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nfor x in "$@"; do [ "$x" = merge-tree ] && exec sleep 60; done\nexec ${realGit} "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    const env = (pid: number) => ({ ...reg.env({ CLAUDE_PID: String(pid) }), PATH: `${bin}:${process.env.PATH}` });
    const run = (payload: object, pid: number) =>
      // Claude Code's own timeout for this hook is 10 s: past it the answer is dropped.
      spawnSync(process.execPath, [hookPath('post-tool-use')], { input: JSON.stringify(payload), env: env(pid), encoding: 'utf8', timeout: 10_000, killSignal: 'SIGKILL' });
    run(editPayload(a.sessionId, repo, join(repo, 'src/math.ts')), a.pid);
    const r = run(editPayload(w.sessionId, wt, join(wt, 'src/math.ts')), w.pid);
    assert.equal(r.signal, null, 'the hook answered before Claude Code would kill it');
    assert.match(JSON.parse(r.stdout).hookSpecificOutput?.additionalContext ?? '', /MERGE RISK in src\/math\.ts/);
    const again = run(editPayload(w.sessionId, wt, join(wt, 'src/math.ts')), w.pid);
    assert.doesNotMatch(again.stdout, /MERGE RISK/, 'told once');
  } finally {
    reg.close();
  }
});
