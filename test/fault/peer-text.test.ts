// Peer-controlled text in every channel that reaches a model or a terminal: message fields (text,
// label, task, inReplyTo), a peer's meta.json (branch, task), its registry entry (name, status),
// its summary.json (task, decisions, current state, blockers, impact, files), its edit records
// (file and symbol names). Each hostile string (frame closers, fake context lines, terminal
// escapes, bidi marks, 300 KB) goes into every channel at once; every hook answer, tool answer and
// CLI output is then checked: frames intact, nothing injected outside them, no control character,
// every answer capped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliBundle } from '../harness/claude.js';
import { editPayload } from '../harness/hook-runner.js';
import { ProjectStore, fileKey } from '../../src/store/session-store.js';
import { findProject } from '../../src/sessions/project.js';
import { newMessageId } from '../../src/sync/messages.js';
import { answerHook } from '../../src/hooks-core/run.js';
import { handleUserPromptSubmit } from '../../src/hooks-core/handlers/user-prompt-submit.js';
import { handlePreToolUse } from '../../src/hooks-core/handlers/pre-tool-use.js';
import { sessionStarted } from '../../src/sync/lifecycle.js';
import { CONTROL_CHARS, HOSTILE_TEXT, MATH, figure, frameBalance, mcpClient, outsideFrames, spawnHook, world } from './world.js';

/** Every string value in a structured answer (JSON.stringify would hide raw control characters as escapes). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** A line outside every frame that starts like the reader's own context or the user's words. */
const FAKE_LINE = /^\W*(\[context-sync\] USER|SYSTEM:)/m;

const CHANNELS = [
  'message text', 'message fromLabel', 'message fromTask', 'message inReplyTo', 'send_message inReplyTo',
  'meta branch', 'meta task', 'registry name', 'registry status',
  'summary task', 'summary decisions', 'summary currentState', 'summary blockers', 'summary impact', 'summary changedFiles',
  'edit file name', 'edit symbols',
];

test('peer text in every channel, each hostile string: frames hold, nothing injected outside them, no control character reaches a model or a terminal, every answer capped', async () => {
  const w = world('ccs-peertext-');
  const { reg, repo } = w;
  try {
    const [m, h] = [reg.add(repo), reg.add(repo)];
    const env = reg.env();
    writeFileSync(join(repo, 'src/math.ts'), MATH.replace('a + b', 'a + b + 0'));
    writeFileSync(join(repo, 'README.md'), '# r changed\n');
    const store = new ProjectStore(reg.store, findProject(repo).key);
    // M edits add() and README.md; H's records of the same files are rewritten per hostile string.
    for (const f of ['src/math.ts', 'README.md']) await spawnHook('post-tool-use', JSON.stringify(editPayload(m.sessionId, repo, join(repo, f))), reg.env({ CLAUDE_PID: String(m.pid) }));
    await spawnHook('post-tool-use', JSON.stringify(editPayload(h.sessionId, repo, join(repo, 'src/math.ts'))), reg.env({ CLAUDE_PID: String(h.pid) }));
    const H = store.dir(h.sessionId);
    const M = store.dir(m.sessionId);
    const hMeta = JSON.parse(readFileSync(join(H, 'meta.json'), 'utf8'));
    const regFile = join(reg.claudeDir, 'sessions', `${h.pid}.json`);
    const hReg = JSON.parse(readFileSync(regFile, 'utf8'));

    const problems: string[] = [];
    let outputs = 0;
    let frameEscapes = 0;
    let controlToModel = 0;
    let controlToTerminal = 0;
    let overCap = 0;
    let fakeLines = 0;
    const check = (where: string, text: string, cap: number, structured?: unknown) => {
      outputs++;
      const all = [text, ...strings(structured)].join('\n');
      const { opens, closes } = frameBalance(text);
      if (opens !== closes) {
        frameEscapes++;
        problems.push(`${where}: ${opens} frames opened, ${closes} closed`);
      }
      if (FAKE_LINE.test(outsideFrames(text))) {
        fakeLines++;
        problems.push(`${where}: a peer's line outside its frame: ${JSON.stringify(outsideFrames(text).match(FAKE_LINE)?.input?.slice(0, 160))}`);
      }
      if (CONTROL_CHARS.test(all)) {
        controlToModel++;
        problems.push(`${where}: control character ${JSON.stringify(all.match(CONTROL_CHARS)?.[0])}`);
      }
      const size = text.length + JSON.stringify(structured ?? '').length;
      if (size > cap) {
        overCap++;
        problems.push(`${where}: ${size} characters (cap ${cap})`);
      }
    };

    const Mc = await mcpClient(reg, m.pid, repo);
    const Hc = await mcpClient(reg, h.pid, repo);
    try {
      for (const [i, evil] of HOSTILE_TEXT.entries()) {
        const tag = `#${i}`;
        // Fresh start for M: nothing told, no mail.
        for (const d of ['told', 'inbox', 'read']) rmSync(join(M, d), { recursive: true, force: true });
        // Messages with the hostile string in one field each, written straight into M's inbox.
        const base = { v: 1, from: h.sessionId, fromLabel: 'h', to: m.sessionId, text: 'hello', sentAt: Date.now() };
        mkdirSync(join(M, 'inbox'), { recursive: true });
        for (const [k, field] of [['text', evil], ['fromLabel', evil], ['fromTask', evil], ['inReplyTo', evil]] as const) {
          const id = newMessageId(Date.now() + Math.floor(Math.random() * 1e6));
          writeFileSync(join(M, 'inbox', '.tmp'), JSON.stringify({ ...base, id, [k]: field }));
          renameSync(join(M, 'inbox', '.tmp'), join(M, 'inbox', `${id}.json`));
        }
        // The real tool: an inReplyTo of its 64 characters, refused or shown harmlessly.
        await Hc.call('send_message', { message: 'reply', targetSessionId: m.sessionId, inReplyTo: evil.slice(0, 64) });
        writeFileSync(join(H, 'meta.json'), JSON.stringify({ ...hMeta, branch: evil, task: evil }));
        writeFileSync(regFile, JSON.stringify({ ...hReg, name: evil, status: evil }));
        const summary = { task: evil, changedFiles: [evil, 'src/math.ts'], decisions: [evil, 'ok'], currentState: evil, blockers: [evil], impactOnOtherSessions: evil };
        writeFileSync(join(H, 'summary.json'), JSON.stringify({ v: 1, summary, source: 'model', updatedAt: Date.now(), offset: 0 }));
        const ts = Date.now();
        const rec = (file: string, symbols: string[] | null) => JSON.stringify({ v: 1, ts, session: h.sessionId, file, worktree: repo, tool: 'Edit', ranges: [[2, 2]], symbols }) + '\n';
        writeFileSync(join(H, 'files', `${fileKey('src/math.ts')}.jsonl`), rec('src/math.ts', [evil, 'add']));
        writeFileSync(join(H, 'files', `${fileKey('README.md')}.jsonl`), rec('README.md', null));
        appendFileSync(join(H, 'files', `${fileKey(evil)}.jsonl`), rec(evil, [evil]));

        const start = await answerHook('session-start', JSON.stringify({ session_id: m.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'resume' }), env, (ctx, p) => sessionStarted(ctx, { sessionId: p.session_id, cwd: p.cwd, source: p.source }));
        check(`${tag} SessionStart`, JSON.stringify(start), 4000, start);
        const pre = await answerHook('pre-tool-use', JSON.stringify({ ...editPayload(m.sessionId, repo, join(repo, 'README.md')), hook_event_name: 'PreToolUse' }), env, handlePreToolUse);
        check(`${tag} PreToolUse`, String((pre.hookSpecificOutput as any)?.additionalContext ?? '') + String((pre.hookSpecificOutput as any)?.permissionDecisionReason ?? ''), 8000, pre);
        rmSync(join(M, 'told'), { recursive: true, force: true });
        const ups = await answerHook('user-prompt-submit', JSON.stringify({ session_id: m.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'go' }), env, handleUserPromptSubmit);
        const upsText = String((ups.hookSpecificOutput as any)?.additionalContext ?? '');
        if (!upsText) problems.push(`${tag} UserPromptSubmit told nothing`);
        check(`${tag} UserPromptSubmit`, upsText, 20_000, ups);
        check(`${tag} systemMessage`, String(ups.systemMessage ?? ''), 300);
        for (const [tool, args, cap] of [
          ['list_sessions', {}, 20_000],
          ['get_session_context', { sessionId: h.sessionId }, 12_000],
          ['get_all_changes', {}, 20_000],
          ['get_messages', {}, 5 * 140_000],
          ['send_message', { message: 'hi', targetSessionId: h.sessionId }, 2000],
        ] as const) {
          const r = await Mc.call(tool, args);
          if (r.isError) problems.push(`${tag} ${tool} failed: ${r.content[0]?.text.slice(0, 200)}`);
          check(`${tag} ${tool}`, r.content[0]?.text ?? '', cap, r.structuredContent);
        }
        // The same store seen from a terminal.
        for (const args of [['inbox', m.sessionId], ['status'], ['sessions'], ['conflicts']]) {
          for (const json of [false, true]) {
            const r = spawnSync(process.execPath, [cliBundle, ...args, ...(json ? ['--json'] : [])], { cwd: repo, env, encoding: 'utf8', maxBuffer: 64 << 20 });
            outputs++;
            if (r.status !== 0) problems.push(`${tag} context-sync ${args[0]}${json ? ' --json' : ''} exits ${r.status}: ${r.stderr.slice(0, 200)}`);
            const bad = (r.stdout + r.stderr).match(CONTROL_CHARS);
            if (bad) {
              controlToTerminal++;
              problems.push(`${tag} context-sync ${args[0]}${json ? ' --json' : ''} prints ${JSON.stringify(bad[0])}`);
            }
          }
        }
        rmSync(join(H, 'files', `${fileKey(evil)}.jsonl`), { force: true });
      }
    } finally {
      await Mc.close();
      await Hc.close();
    }
    figure('peer text in every channel', {
      channels: CHANNELS.length,
      'hostile strings': HOSTILE_TEXT.length,
      'outputs checked': outputs,
      'frame escapes': frameEscapes,
      'fake context lines outside a frame': fakeLines,
      'control chars reaching a model': controlToModel,
      'control chars reaching a terminal': controlToTerminal,
      'answers over their cap': overCap,
    });
    assert.deepEqual(problems.slice(0, 25), [], `${problems.length} problems`);
  } finally {
    w.close();
  }
});
