// A corrupt store, as a crash or a full disk leaves it: every file location of one session (and the
// shared config and Claude Code's registry) emptied, truncated or filled with garbage. Nothing is
// fatal, the other sessions' data stays visible, and the damaged session repairs itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliBundle } from '../harness/claude.js';
import { editPayload, runHookSync } from '../harness/hook-runner.js';
import { ProjectStore, fileKey } from '../../src/store/session-store.js';
import { figure, logText, mcpClient, world } from './world.js';

type Corruption = 'empty' | 'truncated' | 'garbage';
const GARBAGE = Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x76, 0x22, 0x3a, 0x0a, 0x5b, 0x5b, 0x80, 0x0a, 0xc3]);

function corrupt(path: string, how: Corruption): void {
  mkdirSync(join(path, '..'), { recursive: true });
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = '{"v":1,"id":"0000000aa-000000000000","from":"x"}';
  }
  if (how === 'empty') writeFileSync(path, '');
  else if (how === 'truncated') writeFileSync(path, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
  else writeFileSync(path, GARBAGE);
}

for (const how of ['empty', 'truncated', 'garbage'] as Corruption[]) {
  test(`${how} files in every store location: nothing fatal, other sessions still visible, the damaged session repairs itself`, async () => {
    const w = world('ccs-corrupt-', { 'src/math.ts': 'export function add() {\n  return 1;\n}\n', 'src/b.ts': 'export const b = 1;\n', 'src/c.ts': 'export const c = 1;\n' });
    const { reg, repo } = w;
    try {
      const [a, b, c] = [reg.add(repo), reg.add(repo), reg.add(repo)];
      const envOf = (s: { pid: number }) => reg.env({ CLAUDE_PID: String(s.pid) });
      const hook = (name: string, s: typeof a, payload: object) => runHookSync(name, payload, envOf(s));
      hook('post-tool-use', a, editPayload(a.sessionId, repo, join(repo, 'src/math.ts')));
      hook('post-tool-use', b, editPayload(b.sessionId, repo, join(repo, 'src/b.ts')));
      hook('post-tool-use', c, editPayload(c.sessionId, repo, join(repo, 'src/c.ts')));
      const B = await mcpClient(reg, b.pid, repo);
      try {
        await B.call('send_message', { message: 'hello A', targetSessionId: a.sessionId });
        const project = readdirSync(join(reg.store, 'projects'))[0]!;
        const store = new ProjectStore(reg.store, project);
        const A = store.dir(a.sessionId);
        const inboxFile = readdirSync(join(A, 'inbox'))[0]!;

        // Damage every location of session A, the user's config and the registry.
        const locations = [
          join(A, 'meta.json'),
          join(A, 'files', `${fileKey('src/math.ts')}.jsonl`),
          join(A, 'told', 'garbage-marker'),
          join(A, 'inbox', inboxFile),
          join(A, 'inbox', 'not-a-message.json'),
          join(A, 'summary.json'),
          join(A, 'resolved', fileKey('src/math.ts')),
          join(A, 'sent.log'),
          join(reg.store, 'config.json'),
          join(reg.claudeDir, 'sessions', '999999.json'),
          join(reg.claudeDir, 'sessions', `${a.pid}.json.tmp`),
          join(reg.store, 'pending', String(b.pid)),
          join(reg.store, 'handover', String(b.pid)),
        ];
        for (const p of locations) corrupt(p, how);
        // A torn record (a writer stopped mid-line) at the end of B's file, and a stray file where a session dir should be.
        appendFileSync(join(store.dir(b.sessionId), 'files', `${fileKey('src/b.ts')}.jsonl`), '{"v":1,"ts":12,"sess');
        writeFileSync(join(store.sessionsDir, 'ffffffff-not-a-dir'), GARBAGE);

        // Every hook of B and C, every read tool and the CLI keep working.
        const runs = [
          hook('session-start', b, { session_id: b.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'startup' }),
          hook('user-prompt-submit', b, { session_id: b.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'go on' }),
          hook('pre-tool-use', c, { ...editPayload(c.sessionId, repo, join(repo, 'src/math.ts')), hook_event_name: 'PreToolUse' }),
          hook('post-tool-use', c, editPayload(c.sessionId, repo, join(repo, 'src/math.ts'), { originalFile: 'dirty' })),
          hook('deliver', b, { session_id: b.sessionId, cwd: repo, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: {} }),
        ];
        for (const r of runs) {
          assert.equal(r.status, 0, r.stderr);
          assert.equal(typeof r.json, 'object');
        }
        const calls = ['list_sessions', 'get_all_changes', 'get_messages'].map((t) => B.call(t, {}));
        calls.push(B.call('get_session_context', { sessionId: a.sessionId }));
        calls.push(B.call('get_session_context', { sessionId: c.sessionId }));
        calls.push(B.call('send_message', { message: 'second', targetSessionId: a.sessionId.slice(0, 8) }));
        const answers = await Promise.all(calls);
        for (const r of answers) assert.notEqual(r.isError, true, r.content[0]?.text);
        const listed = answers[0]!.structuredContent.sessions.map((s: any) => s.sessionId).sort();
        assert.deepEqual(listed, [a.sessionId, b.sessionId, c.sessionId].sort(), 'no bad file hides a session');
        const changes = answers[1]!.structuredContent.sessions;
        const filesOf = (id: string) => changes.find((s: any) => s.sessionId === id)?.files.map((f: any) => f.file) ?? [];
        assert.ok(filesOf(b.sessionId).includes('src/b.ts'), "B's records survive a torn line after them");
        assert.ok(filesOf(c.sessionId).includes('src/c.ts') && filesOf(c.sessionId).includes('src/math.ts'), "C's records are all there");
        const status = spawnSync(process.execPath, [cliBundle, 'status', '--json'], { cwd: repo, env: envOf(b), encoding: 'utf8' });
        assert.equal(status.status, 0, status.stderr);
        assert.equal(JSON.parse(status.stdout).sessions?.length ?? JSON.parse(status.stdout).length, 3);

        // Repair: A's own next hooks rewrite its meta and record new edits readably; the unreadable message is set aside.
        const pr = hook('user-prompt-submit', a, { session_id: a.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'next' });
        assert.equal(pr.status, 0);
        assert.equal(store.readMeta(a.sessionId)?.sessionId, a.sessionId, 'meta.json repaired');
        hook('post-tool-use', a, editPayload(a.sessionId, repo, join(repo, 'src/math.ts'), { newStart: 3 }));
        hook('post-tool-use', b, editPayload(b.sessionId, repo, join(repo, 'src/b.ts'), { newStart: 3 }));
        assert.ok(store.editsOf(a.sessionId, 'src/math.ts').some((e) => e.ranges[0]?.[0] === 3), "A's edit after the damage is readable");
        assert.deepEqual(store.editsOf(b.sessionId, 'src/b.ts').map((e) => e.ranges[0]?.[0]), [2, 3], "B's edit after its torn line is readable");
        assert.ok(!existsSync(join(A, 'inbox', inboxFile)), 'the unreadable message no longer sits in the inbox');
        const mail = store.unreadIds(a.sessionId).length + store.readIds(a.sessionId).length;
        assert.ok(mail >= 1, "B's second message reached A");
        assert.doesNotMatch(logText(reg.store), /failed open/, 'no hook had to fail open because of a bad file');
        figure(`corrupt store (${how})`, { 'locations damaged': locations.length + 2, 'hooks run': runs.length + 3, 'tool calls': answers.length + 1, 'fatal errors': 0, 'sessions hidden': 3 - listed.length });
      } finally {
        await B.close();
      }
    } finally {
      w.close();
    }
  });
}

test('garbage everywhere in the registry and the projects folder never hides a live session', () => {
  const w = world('ccs-corrupt-');
  try {
    const { reg, repo } = w;
    const s = reg.add(repo);
    for (const [n, body] of [['1.json', ''], ['2.json', '{"pid":2,'], ['3.json', '[]'], ['abc.json', '{}'], ['4.json', JSON.stringify({ pid: 'x', sessionId: '../../x', cwd: 5 })]] as const) {
      writeFileSync(join(reg.claudeDir, 'sessions', n), body);
    }
    mkdirSync(join(reg.claudeDir, 'sessions', '5.json'));
    mkdirSync(join(reg.store, 'projects'), { recursive: true });
    writeFileSync(join(reg.store, 'projects', 'not-a-dir'), GARBAGE);
    const r = spawnSync(process.execPath, [cliBundle, 'status', '--all-projects', '--json'], { cwd: repo, env: reg.env(), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(s.sessionId));
  } finally {
    w.close();
  }
});
