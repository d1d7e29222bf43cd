// The built hook bundles, spawned with real payloads: they never break a session (exit 0, valid
// JSON) whatever they are fed, and they never lose an edit under concurrency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeRegistry } from '../harness/fake-registry.js';
import { Sandbox } from '../harness/claude.js';
import { countEditRecords, editPayload, runHook, runHookSync } from '../harness/hook-runner.js';

const MATH = 'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport function sub(a: number, b: number) {\n  return a - b;\n}\n';

function setup() {
  const sb = new Sandbox('ccs-hooks-');
  const repo = sb.repo('proj', { 'src/math.ts': MATH, 'README.md': '# r\n' });
  const reg = new FakeRegistry();
  return { sb, repo, reg };
}

test('every hook fails open on malformed, mistyped, hostile or huge input: exit 0, one JSON object, nothing outside the store', () => {
  const { repo, reg } = setup();
  try {
    const s = reg.add(repo);
    const env = reg.env({ CLAUDE_PID: String(s.pid) });
    const base = editPayload(s.sessionId, repo, join(repo, 'src/math.ts'));
    const inputs: Array<string | object> = [
      '',
      'not json',
      '{"session_id":',
      '[]',
      '42',
      {},
      { ...base, session_id: '../../etc' },
      { ...base, session_id: '/abs/path' },
      { ...base, session_id: 'x'.repeat(5000) },
      { ...base, session_id: 12 },
      { ...base, tool_input: 'oops' },
      { ...base, tool_input: { file_path: 42 } },
      { ...base, tool_input: { file_path: 'relative/../../../etc/passwd' } },
      { ...base, tool_input: { file_path: join(repo, 'a\nb\0c.ts') } },
      { ...base, tool_response: { structuredPatch: 'nope' } },
      { ...base, tool_response: { structuredPatch: [{ newStart: 'x' }, null, 5] } },
      { ...base, hook_event_name: 'Bogus' },
      { ...base, tool_response: { filePath: 'x', content: Buffer.alloc(50 * 1024 * 1024, 0x61).toString() } },
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]).toString('latin1'),
    ];
    for (const hook of ['post-tool-use', 'pre-tool-use', 'user-prompt-submit', 'session-start', 'session-end', 'deliver']) {
      for (const input of inputs) {
        const r = runHookSync(hook, input, env);
        assert.equal(r.status, 0, `${hook} exit code for ${String(JSON.stringify(input)).slice(0, 80)}: ${r.stderr}`);
        assert.equal(typeof r.json, 'object', `${hook} printed one JSON object`);
      }
    }
    // Hostile ids never became directories.
    const projects = existsSync(join(reg.store, 'projects')) ? readdirSync(join(reg.store, 'projects')) : [];
    for (const p of projects) {
      for (const id of readdirSync(join(reg.store, 'projects', p, 'sessions'))) assert.match(id, /^[A-Za-z0-9][A-Za-z0-9_-]*$/);
    }
    assert.ok(!existsSync(join(reg.root, 'etc')), 'nothing written outside the store');
  } finally {
    reg.close();
  }
});

test('with no HOME at all, hooks stay out of the way', () => {
  const { repo, reg } = setup();
  try {
    const s = reg.add(repo);
    const r = runHookSync('post-tool-use', editPayload(s.sessionId, repo, join(repo, 'src/math.ts')), { PATH: process.env.PATH });
    assert.equal(r.status, 0);
    assert.equal(typeof r.json, 'object');
  } finally {
    reg.close();
  }
});

test('400 PostToolUse hooks fired at once across 20 sessions lose no edit', async () => {
  const { repo, reg } = setup();
  try {
    const sessions = Array.from({ length: 20 }, () => reg.add(repo));
    const runs: Array<Promise<unknown>> = [];
    for (let i = 0; i < 400; i++) {
      const s = sessions[i % 20]!;
      runs.push(runHook('post-tool-use', editPayload(s.sessionId, repo, join(repo, i % 2 ? 'src/math.ts' : 'README.md'), { newStart: 1 + (i % 7) }), reg.env({ CLAUDE_PID: String(s.pid) })));
    }
    const results = (await Promise.all(runs)) as Array<{ status: number }>;
    assert.ok(results.every((r) => r.status === 0));
    assert.equal(countEditRecords(reg.store, sessions.map((s) => s.sessionId)), 400);
  } finally {
    reg.close();
  }
});

test('the store is private: directories 0700, files 0600', () => {
  const { repo, reg } = setup();
  try {
    const s = reg.add(repo);
    runHookSync('post-tool-use', editPayload(s.sessionId, repo, join(repo, 'src/math.ts')), reg.env({ CLAUDE_PID: String(s.pid) }));
    const project = readdirSync(join(reg.store, 'projects'))[0]!;
    const dir = join(reg.store, 'projects', project, 'sessions', s.sessionId);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const f = readdirSync(join(dir, 'files'))[0]!;
    assert.equal(statSync(join(dir, 'files', f)).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'meta.json')).mode & 0o777, 0o600);
  } finally {
    reg.close();
  }
});

test('a subagent\'s edit counts for its parent session, and a crashed peer is cleaned up by whoever notices', async () => {
  const { repo, reg } = setup();
  try {
    const a = reg.add(repo);
    const b = reg.add(repo);
    const file = join(repo, 'src/math.ts');
    // The subagent's edit changed add() on disk: B finds it there, uncommitted.
    const changed = MATH.replace('a + b', 'a + b + 0');
    writeFileSync(file, changed);
    runHookSync('post-tool-use', editPayload(a.sessionId, repo, file, { agentId: 'agent-1' }), reg.env({ CLAUDE_PID: String(a.pid) }));
    const r = runHookSync('post-tool-use', editPayload(b.sessionId, repo, file, { originalFile: changed }), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.match(r.json.hookSpecificOutput?.additionalContext ?? '', /CONFLICT in src\/math\.ts: `add`/);
    assert.match(r.json.systemMessage ?? '', /conflict with session/);
    await reg.crash(a);
    const c = reg.add(repo);
    const r2 = runHookSync('post-tool-use', editPayload(c.sessionId, repo, file, { originalFile: changed }), reg.env({ CLAUDE_PID: String(c.pid) }));
    assert.doesNotMatch(r2.json.hookSpecificOutput?.additionalContext ?? '', new RegExp(a.sessionId.slice(0, 8)));
    const project = readdirSync(join(reg.store, 'projects'))[0]!;
    assert.ok(!existsSync(join(reg.store, 'projects', project, 'sessions', a.sessionId)), 'the dead session\'s records were removed');
  } finally {
    reg.close();
  }
});

test('once a peer\'s edits are found committed, later prompts neither alert nor ask git again', () => {
  const { sb, repo, reg } = setup();
  try {
    const a = reg.add(repo);
    const b = reg.add(repo);
    const file = join(repo, 'src/math.ts');
    // Both recorded edits of add(); the file is back to HEAD (committed or reverted since).
    runHookSync('post-tool-use', editPayload(a.sessionId, repo, file), reg.env({ CLAUDE_PID: String(a.pid) }));
    runHookSync('post-tool-use', editPayload(b.sessionId, repo, file), reg.env({ CLAUDE_PID: String(b.pid) }));
    const bin = join(sb.root, 'spy-bin');
    mkdirSync(bin, { recursive: true });
    const calls = join(sb.root, 'git-calls');
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> "${calls}"\nexec /usr/bin/git "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    const env = { ...reg.env({ CLAUDE_PID: String(a.pid) }), PATH: `${bin}:${process.env.PATH}` };
    const prompt = { session_id: a.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'go on' };
    const first = runHookSync('user-prompt-submit', prompt, env);
    assert.doesNotMatch(JSON.stringify(first.json), /CONFLICT/);
    // B's own edit hook may already have seen the file agree with HEAD (then the prompt asks nothing).
    const asked = existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter(Boolean).length : 0;
    assert.ok(asked <= 1, 'git was asked at most once whether the file still differs from HEAD');
    const second = runHookSync('user-prompt-submit', prompt, env);
    assert.doesNotMatch(JSON.stringify(second.json), /CONFLICT/);
    assert.equal(existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter(Boolean).length : 0, asked, 'not asked again');
  } finally {
    reg.close();
  }
});

test('NotebookEdit (notebook_path) is tracked at file level and conflicts with a peer\'s edit of the notebook', () => {
  const { repo, reg } = setup();
  try {
    const a = reg.add(repo);
    const b = reg.add(repo);
    const nb = join(repo, 'analysis.ipynb');
    writeFileSync(nb, '{"cells":[]}\n');
    const payload = (s: string) => ({
      session_id: s, cwd: repo, hook_event_name: 'PostToolUse', tool_name: 'NotebookEdit',
      tool_input: { notebook_path: nb, cell_id: 'c1', new_source: 'print(1)', edit_mode: 'replace' },
      tool_response: { new_source: 'print(1)', cell_id: 'c1', original_file: '{"cells":[]}\n' },
    });
    runHookSync('post-tool-use', payload(a.sessionId), reg.env({ CLAUDE_PID: String(a.pid) }));
    const r = runHookSync('post-tool-use', payload(b.sessionId), reg.env({ CLAUDE_PID: String(b.pid) }));
    assert.match(r.json.hookSpecificOutput?.additionalContext ?? '', /CONFLICT in analysis\.ipynb: session .* also has uncommitted edits in this file/);
  } finally {
    reg.close();
  }
});
