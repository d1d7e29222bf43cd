// The plugin as a user gets it: it validates, loads into a real Claude Code session, its hooks fire
// on real edits, and its MCP tools are offered to the model and answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, Session, claudeBin, pluginDir } from '../harness/claude.js';
import { modulePath } from '../harness/claude.js';
import { timesSeen, toolResultText } from '../harness/assert-seen.js';
import { until } from '../harness/wait.js';

const T = 'mcp__plugin_context-sync_sync__';

test('claude plugin validate accepts the bundle, also with the public directory profile', () => {
  const sb = new Sandbox();
  let plugin = pluginDir;
  if (process.env.E2E_NO_MODS === '1') {
    // A client older than mods reads a module against an earlier list of events (2.1.280 knows no
    // `tool.offer`) and does not load it: the classic hooks do the work there. What such a client
    // can check is the rest of the bundle, so it validates a copy without the module.
    plugin = join(sb.root, 'plugin-classic');
    cpSync(pluginDir, plugin, { recursive: true });
    const hooks = JSON.parse(readFileSync(join(plugin, 'hooks', 'hooks.json'), 'utf8'));
    delete hooks.modules;
    writeFileSync(join(plugin, 'hooks', 'hooks.json'), JSON.stringify(hooks, null, 2));
  }
  // The directory profile came with the clients that load modules.
  for (const extra of process.env.E2E_NO_MODS === '1' ? [[]] : [[], ['--profile', 'directory']]) {
    const r = spawnSync(claudeBin, ['plugin', 'validate', ...extra, plugin], { encoding: 'utf8', env: sb.env('http://127.0.0.1:9') });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Validation passed/);
    assert.doesNotMatch(r.stdout, /✘|error/i);
  }
});

test('a real session offers the six tools, records a Write through its hook, and answers list_sessions', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'README.md': '# p\n' });
  const s = new Session(sb, repo);
  await s.start();
  try {
    await s.prompt(
      'create a file',
      { tool: 'Write', input: { file_path: join(repo, 'src/new.ts'), content: 'export const x = 1;\n' } },
      { tool: `${T}list_sessions`, input: {} },
      { text: 'done' },
    );
    // Offered either as full tool definitions or, with tool search on, by name in the deferred-tools list.
    const first = JSON.stringify(s.api.mainRequests[0]);
    for (const name of ['list_sessions', 'get_session_context', 'get_all_changes', 'send_message', 'get_messages', 'resolve_conflicts']) {
      assert.ok(first.includes(T + name), `${name} offered to the model`);
    }
    // The hooks module's own tools never are: hidden by the module, and not listed to older clients.
    for (const name of ['mod_hook', 'mod_poll', 'mod_wake', 'mod_panel']) assert.ok(!first.includes(T + name), `${name} kept from the model`);
    // The PostToolUse hook recorded the edit in the store, under this session's id.
    const projects = readdirSync(join(sb.store, 'projects'));
    assert.equal(projects.length, 1);
    const sessDir = join(sb.store, 'projects', projects[0]!, 'sessions', s.sessionId);
    // On the module path the record of an edit that meets nobody is sent just after the turn.
    await until('the edit is recorded', () => existsSync(join(sessDir, 'files')), { ms: 5000, every: 100 });
    const files = readdirSync(join(sessDir, 'files'));
    assert.equal(files.length, 1);
    const rec = JSON.parse(readFileSync(join(sessDir, 'files', files[0]!), 'utf8').trim());
    assert.equal(rec.file, 'src/new.ts');
    assert.equal(rec.tool, 'Write');
    // The MCP server knew which session it serves, without being told.
    // (Claude Code hands the model the structured result when a tool returns one.)
    const listed = JSON.parse(toolResultText(s.api, `${T}list_sessions`) ?? '{}');
    assert.equal(listed.sessions?.length, 1);
    assert.equal(listed.sessions[0].sessionId, s.sessionId);
    assert.equal(listed.sessions[0].you, true);
    assert.deepEqual(listed.sessions[0].changedFiles, ['src/new.ts']);
    assert.equal(timesSeen(s.api, '[context-sync]'), 0, 'nothing injected when no one else is there');
  } finally {
    await s.close();
  }
  // SessionEnd removed the session's records.
  const projects = readdirSync(join(sb.store, 'projects'));
  assert.ok(!existsSync(join(sb.store, 'projects', projects[0]!, 'sessions', s.sessionId)), 'records removed at SessionEnd');
});

test('a session that starts while another works in the repository is told who is there, once', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'README.md': '# p\n' });
  const A = new Session(sb, repo);
  await A.start();
  try {
    await A.prompt('I am refactoring the parser', { text: 'ok' });
    const B = new Session(sb, repo);
    await B.start();
    try {
      await B.prompt('hello', { text: 'ok' });
      await B.prompt('again', { text: 'ok' });
      assert.equal(timesSeen(B.api, '1 other Claude Code session(s) work in this repository right now'), 1);
      assert.equal(timesSeen(B.api, `${A.sessionId.slice(0, 8)}`), 1);
      assert.equal(timesSeen(B.api, 'I am refactoring the parser'), 1, 'with its task');
    } finally {
      await B.close();
    }
  } finally {
    await A.close();
  }
});

test("a real session's hooks are answered in process by its hooks module and its own MCP server, and the edit still reaches the store", async (t) => {
  if (!modulePath) return t.skip('this run uses the classic hooks');
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/a.ts': 'export function a() {\n  return 1;\n}\n' });
  const s = new Session(sb, repo);
  await s.start();
  let claudePid: number | undefined;
  try {
    await s.prompt('edit a', { tool: 'Edit', input: { file_path: join(repo, 'src/a.ts'), old_string: 'return 1;', new_string: 'return 2;' } }, { text: 'done' });
    await s.prompt('anything else?', { text: 'no' });
    claudePid = s.pid!;
    // The module's marker is keyed by the Claude Code process that hooks see as CLAUDE_PID and
    // names that process's start, so its classic hooks stood down.
    const marker = JSON.parse(readFileSync(join(sb.store, 'mod', String(claudePid)), 'utf8'));
    assert.equal(marker.sessionId, s.sessionId);
    const stat = readFileSync(`/proc/${claudePid}/stat`, 'utf8');
    assert.equal(marker.procStart, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const project = readdirSync(join(sb.store, 'projects'))[0]!;
    const files = readdirSync(join(sb.store, 'projects', project, 'sessions', s.sessionId, 'files'));
    assert.equal(files.length, 1, 'the edit was recorded');
    // No classic hook ran for the edit or the prompts: their stream-json events are SessionStart's only.
    const classic = s.lines.filter((l) => l.type === 'system' && l.subtype === 'hook_started').map((l) => l.hook_event);
    assert.deepEqual([...new Set(classic)], ['SessionStart']);
  } finally {
    await s.close();
  }
  // When the session ends, its MCP server says how many hook calls the module handed it: the second
  // prompt at least (the first may come before the module has seen its server up, and then runs the
  // bundle) and the edit's record, made without the model waiting since nobody else is here.
  const log = readFileSync(join(sb.store, 'log', 'context-sync.log'), 'utf8');
  const m = new RegExp(`hooks module: answered (\\d+) hook calls \\((\\d+) recorded later\\) for Claude Code process ${claudePid}`).exec(log);
  assert.ok(m && Number(m[1]) >= 1 && Number(m[2]) === 1, `log:\n${log}`);
});

