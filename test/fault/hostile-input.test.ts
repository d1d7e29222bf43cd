// Hostile input to every hook and every MCP tool: each field of each event's payload missing,
// mistyped, huge or binary; paths with spaces, quotes, newlines, unicode, invalid UTF-8, relative
// paths and symlinks out of the project. Hooks exit 0 with one JSON object, tools answer (isError
// where the input is wrong, never an internal error), and no file outside the store changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTILE_TEXT, figure, mcpClient, pool, snapshot, spawnHook, specialFiles, treeDiff, world } from './world.js';

const HOOKS: Record<string, (sid: string, cwd: string, file: string) => Record<string, unknown>> = {
  'session-start': (sid, cwd) => ({ session_id: sid, cwd, hook_event_name: 'SessionStart', source: 'startup', transcript_path: join(cwd, '.t.jsonl') }),
  'user-prompt-submit': (sid, cwd) => ({ session_id: sid, cwd, hook_event_name: 'UserPromptSubmit', prompt: 'fix the bug' }),
  'pre-tool-use': (sid, cwd, file) => ({ session_id: sid, cwd, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: file, old_string: 'a', new_string: 'b' } }),
  'post-tool-use': (sid, cwd, file) => ({
    session_id: sid,
    cwd,
    hook_event_name: 'PostToolUse',
    tool_name: 'Write',
    tool_input: { file_path: file, content: 'x\n' },
    tool_response: { type: 'update', filePath: file, structuredPatch: [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ['-a', '+b'] }] },
  }),
  deliver: (sid, cwd) => ({ session_id: sid, cwd, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'ls' }, tool_response: { stdout: '' } }),
  'session-end': (sid, cwd) => ({ session_id: sid, cwd, hook_event_name: 'SessionEnd', reason: 'other' }),
};

const BINARY = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));
const WRONG_VALUES: unknown[] = [undefined, null, 42, true, [], { a: 1 }, '', 'x'.repeat(1 << 20), BINARY];

/** Every field of the payload deleted or replaced by each wrong value. */
function fieldMutations(base: Record<string, unknown>): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const k of Object.keys(base)) {
    for (const v of WRONG_VALUES) {
      const m = { ...base };
      if (v === undefined) delete m[k];
      else m[k] = v;
      out.push(m);
    }
  }
  return out;
}

test('every hook, every field mutated, hostile paths and raw bytes: exit 0, one JSON object, nothing written outside the store', async () => {
  const w = world();
  const cleanups: Array<() => void> = [];
  try {
    const { reg, repo, sb } = w;
    const s = reg.add(repo);
    const env = reg.env({ CLAUDE_PID: String(s.pid) });
    // Files with awkward names, and a symlinked folder that leads out of the project.
    const odd = ['with space.ts', 'qu"o\'te.ts', 'new\nline.ts', 'ünï cødé ✓.ts', '$(touch pwned).ts', '-rf.ts'];
    for (const n of odd) writeFileSync(join(repo, n), 'export function f() {}\n');
    const outside = join(sb.root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'victim.ts'), 'export const v = 1;\n');
    symlinkSync(outside, join(repo, 'escape'));
    symlinkSync(join(outside, 'victim.ts'), join(repo, 'link.ts'));
    // Special files of every kind (FIFO, socket, folder, huge file, devices, links to them): only
    // regular files are read.
    const special = await specialFiles(join(repo, 'special'));
    cleanups.push(special.close);

    const paths = [
      ...odd.map((n) => join(repo, n)),
      'src/math.ts', // relative to cwd
      './src/../src/math.ts',
      '../../../../etc/passwd',
      join(repo, 'escape', 'victim.ts'),
      join(repo, 'link.ts'),
      join(repo, 'lone\ud800surrogate.ts'),
      join(repo, 'nul\0byte.ts'),
      join(repo, 'x'.repeat(5000) + '.ts'),
      '/',
      '',
      ...special.files.map((f) => f.path),
    ];
    const inputs: Array<{ hook: string; body: Buffer | string }> = [];
    for (const [hook, make] of Object.entries(HOOKS)) {
      const base = make(s.sessionId, repo, join(repo, 'src/math.ts'));
      for (const m of fieldMutations(base)) inputs.push({ hook, body: JSON.stringify(m) });
      for (const cwd of ['.', 'relative/dir', join(repo, 'does-not-exist'), '/', join(repo, 'new\nline.ts')]) {
        inputs.push({ hook, body: JSON.stringify(make(s.sessionId, cwd, join(repo, 'src/math.ts'))) });
      }
      if (hook === 'pre-tool-use' || hook === 'post-tool-use') {
        for (const p of paths) inputs.push({ hook, body: JSON.stringify(make(s.sessionId, repo, p)) });
        // NotebookEdit names its file notebook_path; MultiEdit carries a list of edits.
        inputs.push({ hook, body: JSON.stringify({ ...base, tool_name: 'NotebookEdit', tool_input: { notebook_path: join(repo, 'nb.ipynb'), new_source: BINARY } }) });
        inputs.push({ hook, body: JSON.stringify({ ...base, tool_name: 'MultiEdit', tool_input: { file_path: join(repo, 'src/math.ts'), edits: [null, 5, { old_string: 7 }, { old_string: BINARY }] } }) });
        inputs.push({ hook, body: JSON.stringify({ ...base, tool_input: { file_path: join(repo, 'src/bin.ts'), content: BINARY.repeat(1000) } }) });
      }
      // Invalid UTF-8 bytes inside an otherwise valid JSON payload, and in the middle of a key.
      const text = JSON.stringify(base);
      inputs.push({ hook, body: Buffer.concat([Buffer.from(text.slice(0, -1) + ',"x":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0]), Buffer.from('"}')]) });
      inputs.push({ hook, body: Buffer.concat([Buffer.from('{"sess'), Buffer.from([0x80, 0x81]), Buffer.from(text.slice(6))]) });
      inputs.push({ hook, body: '\ufeff' + text }); // a BOM
      inputs.push({ hook, body: text + '\n' + text }); // two objects
      inputs.push({ hook, body: JSON.stringify({ ...base, __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }) });
      inputs.push({ hook, body: '['.repeat(100_000) + ']'.repeat(100_000) }); // deep nesting
      if (hook === 'post-tool-use') inputs.push({ hook, body: JSON.stringify({ ...base, tool_response: { ...(base.tool_response as object), originalFile: 'a'.repeat(50 * 1024 * 1024) } }) }); // 50 MB
    }

    const before = snapshot(sb.root);
    const beforeReg = snapshot(reg.root, [reg.store]);
    const runs = await pool(inputs.map((i) => () => spawnHook(i.hook, i.body, env)), 4);
    const failures = runs
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.status !== 0 || typeof r.json !== 'object' || r.json === null || Array.isArray(r.json))
      .map(({ r, i }) => `${inputs[i]!.hook} <- [${inputs[i]!.body.length}] ${String(inputs[i]!.body).slice(0, 120)} ... ${String(inputs[i]!.body).slice(-150)}: exit ${r.status} signal ${r.signal} stdout ${JSON.stringify(r.stdout.slice(0, 200))} stderr ${r.stderr.slice(0, 300)}`);
    assert.deepEqual(failures, [], 'every hook exits 0 with one JSON object');
    assert.ok(runs.every((r) => r.stderr === ''), 'nothing on stderr either');

    const outsideChanges = [...treeDiff(before, snapshot(sb.root)), ...treeDiff(beforeReg, snapshot(reg.root, [reg.store]))];
    assert.deepEqual(outsideChanges, [], 'nothing outside the store was created, changed or removed');
    // Only well-formed ids became directories.
    for (const p of readdirSync(join(reg.store, 'projects'))) {
      for (const id of readdirSync(join(reg.store, 'projects', p, 'sessions'))) assert.match(id, /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/);
    }
    figure('hostile hook input', { inputs: runs.length, hooks: Object.keys(HOOKS).length, crashes: failures.length, 'files changed outside store': outsideChanges.length, 'special file paths': special.files.length });
  } finally {
    for (const c of cleanups) c();
    w.close();
  }
});

const HOSTILE_IDS = ['../../x', '/etc/passwd', '', ' ', '.', '..', 'x'.repeat(5000), 'a/b', 'a\0b', '\ud800', 'ünï', '*', '-rf', '$(id)'];

test('every MCP tool, every argument mutated and hostile ids as targets: an answer each time, isError for bad input, never an internal error', async () => {
  const w = world();
  try {
    const { reg, repo, sb } = w;
    const a = reg.add(repo);
    const b = reg.add(repo);
    const A = await mcpClient(reg, a.pid, repo);
    try {
      const { tools } = await A.client.listTools();
      const before = snapshot(sb.root);
      let calls = 0;
      let errors = 0;
      const internal: string[] = [];
      const wrong: unknown[] = [null, 42, true, [], { x: 1 }, '', 'x'.repeat(70_000), BINARY, ...HOSTILE_IDS, ...HOSTILE_TEXT];
      for (const t of tools) {
        const props = Object.keys((t.inputSchema.properties ?? {}) as object);
        const variants: Array<Record<string, unknown>> = [{}, { unknown: BINARY }];
        for (const p of props) for (const v of wrong) variants.push({ ...(t.name === 'send_message' && p !== 'message' ? { message: 'hi' } : {}), [p]: v });
        if (t.name === 'send_message') {
          for (const id of HOSTILE_IDS) variants.push({ message: 'hello', targetSessionId: id });
          variants.push({ message: 'x'.repeat(5000) }, { message: BINARY }, { message: 'hi', inReplyTo: '../../../x' });
          // A reply reference is an id or nothing: 64 characters of frame closer must not get through.
          for (const h of HOSTILE_TEXT) variants.push({ message: 'hi', targetSessionId: b.sessionId, inReplyTo: h.slice(0, 64) });
        }
        for (const args of variants) {
          const r = await A.call(t.name, args);
          calls++;
          if (r.isError) errors++;
          const text = r.content?.[0]?.text ?? '';
          if (/internal error/i.test(text)) internal.push(`${t.name}(${JSON.stringify(args).slice(0, 100)}): ${text.slice(0, 200)}`);
          assert.equal(typeof text, 'string');
        }
      }
      assert.deepEqual(internal, [], 'bad arguments are the caller\'s error, with a clear message');
      assert.deepEqual(treeDiff(before, snapshot(sb.root)), [], 'nothing written outside the store');
      for (const p of readdirSync(join(reg.store, 'projects'))) {
        for (const id of readdirSync(join(reg.store, 'projects', p, 'sessions'))) assert.ok([a.sessionId, b.sessionId].includes(id), `unexpected session dir ${id}`);
      }
      // The server still works after all of that.
      const ok = await A.call('list_sessions', {});
      assert.equal(ok.isError, undefined);
      assert.equal(ok.structuredContent.sessions.length, 2);
      figure('hostile MCP arguments', { inputs: calls, tools: tools.length, 'isError answers': errors, 'internal errors': internal.length });
    } finally {
      await A.close();
    }
  } finally {
    w.close();
  }
});
