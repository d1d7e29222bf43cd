// A record of the right shape with a field of the wrong type or range (`fromTask: 7`, `sentAt:
// 1e300`), in every record kind a peer writes: messages, meta.json, edit records, summary.json. One
// bad record costs that record only: the recipient's hooks still answer, its real mail and its
// conflict alerts still reach its model, get_messages and `context-sync inbox` still work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliBundle } from '../harness/claude.js';
import { editPayload } from '../harness/hook-runner.js';
import { ProjectStore, fileKey } from '../../src/store/session-store.js';
import { findProject } from '../../src/sessions/project.js';
import { newMessageId } from '../../src/sync/messages.js';
import { answerHook } from '../../src/hooks-core/run.js';
import { handleUserPromptSubmit } from '../../src/hooks-core/handlers/user-prompt-submit.js';
import { sessionStarted } from '../../src/sync/lifecycle.js';
import { MATH, figure, logText, mcpClient, recordMutations, spawnHook, world } from './world.js';

const prompt = (sid: string, cwd: string, text = 'go on') => JSON.stringify({ session_id: sid, cwd, hook_event_name: 'UserPromptSubmit', prompt: text });

/** Put a message file into an inbox the way a sender does: whole, by rename. */
function plantMessage(store: ProjectStore, to: string, body: Record<string, unknown>, id = newMessageId(Date.now())): string {
  const dir = join(store.dir(to), 'inbox');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `.tmp-${id}`), JSON.stringify(body));
  renameSync(join(dir, `.tmp-${id}`), join(dir, `${id}.json`));
  return id;
}

const failedOpen = (store: string) => (logText(store).match(/failed open/g) ?? []).length;

test('the issue\'s two bad inbox files (fromTask: 7, sentAt: 1e300): the real message and the conflict alert of the same prompt still arrive, get_messages and the inbox command still work', async () => {
  const w = world('ccs-badrec-');
  const { reg, repo } = w;
  try {
    const [a, b] = [reg.add(repo), reg.add(repo)];
    const envB = reg.env({ CLAUDE_PID: String(b.pid) });
    // A conflict due for B at its next prompt: B edits add(), then A does (A is told at once, B at its next prompt).
    writeFileSync(join(repo, 'src/math.ts'), MATH.replace('a + b', 'a + b + 0'));
    await spawnHook('post-tool-use', JSON.stringify(editPayload(b.sessionId, repo, join(repo, 'src/math.ts'))), envB);
    await spawnHook('post-tool-use', JSON.stringify(editPayload(a.sessionId, repo, join(repo, 'src/math.ts'), { originalFile: 'dirty' })), reg.env({ CLAUDE_PID: String(a.pid) }));
    const store = new ProjectStore(reg.store, findProject(repo).key);
    const base = { v: 1, from: a.sessionId, fromLabel: 'a', to: b.sessionId, text: 'forged', sentAt: Date.now() };
    const early = Date.now() - 5000;
    plantMessage(store, b.sessionId, { ...base, id: newMessageId(early), fromTask: 7 }, newMessageId(early));
    const late = newMessageId(early + 1);
    plantMessage(store, b.sessionId, { ...base, id: late, sentAt: 1e300 }, late);
    const A = await mcpClient(reg, a.pid, repo);
    assert.notEqual((await A.call('send_message', { message: 'REAL-MAIL-3c1d please rebase', targetSessionId: b.sessionId })).isError, true);
    await A.close();

    const r = await spawnHook('user-prompt-submit', prompt(b.sessionId, repo), envB);
    assert.equal(r.status, 0);
    const ctx: string = r.json?.hookSpecificOutput?.additionalContext ?? '';
    assert.match(ctx, /REAL-MAIL-3c1d/, 'the real message reaches the model');
    assert.match(ctx, /CONFLICT in src\/math\.ts/, 'the conflict alert due at the same prompt is shown');
    assert.equal(failedOpen(reg.store), 0, 'no hook failed open');
    assert.match(logText(reg.store), /set aside unreadable message/, 'the bad ones are logged');

    const B = await mcpClient(reg, b.pid, repo);
    try {
      const got = await B.call('get_messages', {});
      assert.notEqual(got.isError, true, got.content[0]?.text);
      assert.match(got.content[0]!.text, /REAL-MAIL-3c1d/);
    } finally {
      await B.close();
    }
    const inbox = spawnSync(process.execPath, [cliBundle, 'inbox', b.sessionId], { cwd: repo, env: reg.env(), encoding: 'utf8' });
    assert.equal(inbox.status, 0, inbox.stderr);
    assert.match(inbox.stdout, /REAL-MAIL-3c1d/);
  } finally {
    w.close();
  }
});

test('every field of every record kind a peer writes, each wrong type and range: that record is skipped, nothing else is lost', async () => {
  const w = world('ccs-badrec-');
  const { reg, repo } = w;
  try {
    const [a, b, c] = [reg.add(repo), reg.add(repo), reg.add(repo)];
    const env = reg.env();
    const file = join(repo, 'src/math.ts');
    await spawnHook('post-tool-use', JSON.stringify(editPayload(c.sessionId, repo, file)), reg.env({ CLAUDE_PID: String(c.pid) }));
    await spawnHook('post-tool-use', JSON.stringify(editPayload(b.sessionId, repo, file, { originalFile: 'dirty' })), reg.env({ CLAUDE_PID: String(b.pid) }));
    const store = new ProjectStore(reg.store, findProject(repo).key);
    const C = store.dir(c.sessionId);
    const goodMeta = readFileSync(join(C, 'meta.json'), 'utf8');
    const editFile = join(C, 'files', `${fileKey('src/math.ts')}.jsonl`);
    const goodEdits = readFileSync(editFile, 'utf8');
    const goodEdit = JSON.parse(goodEdits.split('\n')[0]!);
    const summary = { task: 'peer task', changedFiles: ['src/math.ts'], decisions: ['d'], currentState: 's', blockers: [], impactOnOtherSessions: 'none' };
    const goodSummary = { v: 1, summary, source: 'offline', updatedAt: Date.now(), offset: 0 };
    const message = { v: 1, id: newMessageId(Date.now()), from: a.sessionId, fromLabel: 'a', fromTask: 't', to: b.sessionId, text: 'bad one', sentAt: Date.now(), inReplyTo: newMessageId(1) };

    const kinds: Array<{ kind: string; mutations: Array<[string, unknown, Record<string, unknown>]>; plant: (rec: Record<string, unknown>) => void; restore: () => void }> = [
      { kind: 'message', mutations: recordMutations(message), plant: (rec) => void plantMessage(store, b.sessionId, rec), restore: () => {} },
      { kind: 'meta', mutations: recordMutations(JSON.parse(goodMeta)), plant: (rec) => writeFileSync(join(C, 'meta.json'), JSON.stringify(rec)), restore: () => writeFileSync(join(C, 'meta.json'), goodMeta) },
      { kind: 'edit record', mutations: recordMutations(goodEdit), plant: (rec) => appendFileSync(editFile, JSON.stringify(rec) + '\n'), restore: () => writeFileSync(editFile, goodEdits) },
      {
        kind: 'summary',
        mutations: [...recordMutations(goodSummary), ...recordMutations(summary).map(([k, v, s]) => [`summary.${k}`, v, { ...goodSummary, summary: s }] as [string, unknown, Record<string, unknown>])],
        plant: (rec) => writeFileSync(join(C, 'summary.json'), JSON.stringify(rec)),
        restore: () => writeFileSync(join(C, 'summary.json'), JSON.stringify(goodSummary)),
      },
    ];

    const B = await mcpClient(reg, b.pid, repo);
    const problems: string[] = [];
    let records = 0;
    let goodLost = 0;
    let toolErrors = 0;
    let n = 0;
    try {
      for (const k of kinds) {
        for (const [field, value, rec] of k.mutations) {
          records++;
          const what = `${k.kind}.${field} = ${JSON.stringify(value)?.slice(0, 40)}`;
          k.plant(rec);
          const marker = `GOOD-${n++}-mail`;
          const goodId = newMessageId(Date.now() + n);
          plantMessage(store, b.sessionId, { ...message, id: goodId, text: marker, fromTask: undefined, inReplyTo: undefined }, goodId);
          const before = failedOpen(reg.store);
          const start = await answerHook('session-start', JSON.stringify({ session_id: b.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'resume' }), env, (ctx, p) => sessionStarted(ctx, { sessionId: p.session_id, cwd: p.cwd, source: p.source }));
          const ups = await answerHook('user-prompt-submit', prompt(b.sessionId, repo), env, handleUserPromptSubmit);
          const text = JSON.stringify(ups);
          if (!text.includes(marker)) {
            goodLost++;
            problems.push(`${what}: the good message did not reach the model (${text.slice(0, 200)})`);
          }
          if (k.kind !== 'message' && !JSON.stringify(start).includes(c.sessionId.slice(0, 8))) problems.push(`${what}: peer C missing from the session-start list`);
          for (const [tool, args] of [['list_sessions', {}], ['get_messages', {}], ['get_all_changes', {}], ['get_session_context', { sessionId: c.sessionId }]] as const) {
            const r = await B.call(tool, args);
            if (r.isError) {
              toolErrors++;
              problems.push(`${what}: ${tool} failed: ${r.content[0]?.text.slice(0, 200)}`);
            }
          }
          if (failedOpen(reg.store) > before) problems.push(`${what}: a hook failed open: ${logText(reg.store).split('\n').filter((l) => l.includes('failed open')).at(-1)}`);
          k.restore();
        }
      }
      const inbox = spawnSync(process.execPath, [cliBundle, 'inbox', b.sessionId], { cwd: repo, env, encoding: 'utf8' });
      if (inbox.status !== 0) problems.push(`context-sync inbox exits ${inbox.status}: ${inbox.stderr.slice(0, 200)}`);
      if (existsSync(join(store.dir(b.sessionId), 'inbox')) && store.unreadIds(b.sessionId).length > 0) problems.push(`${store.unreadIds(b.sessionId).length} messages left behind in the inbox`);
    } finally {
      await B.close();
    }
    figure('bad record fields', { 'record kinds': kinds.length, 'records generated': records, 'good messages lost': goodLost, 'tool errors': toolErrors, 'hooks crashed (failed open)': failedOpen(reg.store) });
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  } finally {
    w.close();
  }
});
