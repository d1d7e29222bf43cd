// A hostile repository (or a model's tool call) hands the plugin pathological globs and special
// files. Glob matching never backtracks: every hook answers, the MCP server keeps answering, and a
// pattern past the limits is refused with a reason (doctor, log) instead of applied. Only regular
// files are read, capped: FIFOs, sockets, devices, folders and huge files never hang a hook or run
// it out of memory, wherever a hook, the server or the CLI reads a user's file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { cliBundle, pluginDir } from '../harness/claude.js';
import { editPayload } from '../harness/hook-runner.js';
import { globProblem, matchesAny } from '../../src/core/globs.js';
import { figure, logText, pathologicalGlobs, snapshot, specialFiles, spawnHook, treeDiff, world, type RawRun } from './world.js';

/** A hook that has not answered in this long is hung (it is killed, and the test fails): no timing is asserted. */
const HUNG_MS = 20_000;

const answered = (r: RawRun) => r.signal === null && r.status === 0 && typeof r.json === 'object' && r.json !== null;

/** Resolve with the promise's value, or 'hung' when it has not settled after `ms`. */
function orHung<T>(p: Promise<T>, ms: number): Promise<T | 'hung'> {
  return Promise.race([p, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms).unref())]);
}

/** This test process as a live "Claude Code process" in the registry, so that a real MCP server it starts serves `sessionId`. */
function registerSelf(claudeDir: string, sessionId: string, cwd: string): void {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const procStart = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  writeFileSync(join(claudeDir, 'sessions', `${process.pid}.json`), JSON.stringify({ pid: process.pid, sessionId, cwd, procStart, startedAt: Date.now(), status: 'busy' }));
}

test('pathological ignore globs: matched without backtracking in every family, refused with a reason past the limits', () => {
  const cases = pathologicalGlobs();
  const wrong: string[] = [];
  for (const c of cases) {
    const problem = globProblem(c.glob);
    if ((problem !== undefined) !== c.overLimit) wrong.push(`${c.family} ${c.glob.slice(0, 40)}: refused=${problem !== undefined}, expected ${c.overLimit}`);
    if (c.overLimit) {
      if (matchesAny(c.hit, [c.glob])) wrong.push(`${c.family}: a refused pattern was applied`);
      continue;
    }
    if (matchesAny(c.miss, [c.glob])) wrong.push(`${c.family} ${c.glob.slice(0, 40)}: matched ${c.miss.slice(0, 40)}`);
    if (!matchesAny(c.hit, [c.glob])) wrong.push(`${c.family} ${c.glob.slice(0, 40)}: did not match ${c.hit.slice(0, 40)}`);
  }
  assert.deepEqual(wrong, []);
  figure('pathological globs (matcher)', {
    'globs generated': cases.length,
    families: new Set(cases.map((c) => c.family)).size,
    'refused (past the limits)': cases.filter((c) => c.overLimit).length,
    'wrong answers': wrong.length,
  });
});

test('a repository config full of pathological globs, and files with long names: every hook answers, the MCP server keeps answering, doctor names each refused pattern', async () => {
  const w = world('ccs-glob-');
  const { reg, repo, sb } = w;
  let server: Client | undefined;
  try {
    // Every generated glob the schema accepts (it caps each at 512 characters): applied or refused.
    const cases = pathologicalGlobs().filter((c) => c.glob.length <= 512);
    mkdirSync(join(repo, '.claude'), { recursive: true });
    writeFileSync(join(repo, '.claude', 'context-sync.json'), JSON.stringify({ ignore: cases.map((c) => c.glob) }));
    // The issue's case: a pattern with many stars and a file named with many a's. Plus the others'
    // stress paths, as files the sessions edit.
    const paths = [...new Set(cases.map((c) => c.miss))].filter((p) => p.split('/').every((part) => part.length < 250));
    for (const p of paths) {
      mkdirSync(dirname(join(repo, p)), { recursive: true });
      writeFileSync(join(repo, p), 'export function f() {}\n');
    }
    const [a, b] = [reg.add(repo), reg.add(repo)];
    const me = `${process.pid}-self-session`;
    registerSelf(reg.claudeDir, me, repo);
    const runs: RawRun[] = [];
    const before = snapshot(sb.root);
    for (const p of paths) {
      const file = join(repo, p);
      runs.push(await spawnHook('post-tool-use', JSON.stringify(editPayload(a.sessionId, repo, file, { originalFile: 'x' })), reg.env({ CLAUDE_PID: String(a.pid) }), HUNG_MS));
      runs.push(await spawnHook('pre-tool-use', JSON.stringify({ ...editPayload(b.sessionId, repo, file), hook_event_name: 'PreToolUse' }), reg.env({ CLAUDE_PID: String(b.pid) }), HUNG_MS));
      runs.push(await spawnHook('post-tool-use', JSON.stringify(editPayload(me, repo, file, { originalFile: 'x' })), reg.env({ CLAUDE_PID: String(process.pid) }), HUNG_MS));
    }
    runs.push(await spawnHook('user-prompt-submit', JSON.stringify({ session_id: b.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'go' }), reg.env({ CLAUDE_PID: String(b.pid) }), HUNG_MS));
    const hung = runs.filter((r) => r.signal !== null).length;
    assert.equal(hung, 0, 'no hook was killed for not answering');
    assert.ok(runs.every(answered), 'every hook exits 0 with one JSON object');

    // The real MCP server (the one that also answers hooks) answers tool calls that match the globs.
    const transport = new StdioClientTransport({ command: process.execPath, args: [join(pluginDir, 'dist', 'mcp.mjs')], env: reg.env() as Record<string, string>, cwd: repo, stderr: 'ignore' });
    server = new Client({ name: 'fault', version: '1' });
    assert.notEqual(await orHung(server.connect(transport), HUNG_MS), 'hung');
    let toolCalls = 0;
    for (const name of ['list_sessions', 'get_all_changes', 'list_sessions']) {
      const r = await orHung(server.callTool({ name, arguments: {} }), HUNG_MS);
      assert.notEqual(r, 'hung', `${name} answered`);
      assert.notEqual((r as { isError?: boolean }).isError, true);
      toolCalls++;
    }
    assert.deepEqual(treeDiff(before, snapshot(sb.root)), [], 'nothing outside the store changed');

    // Doctor names every refused pattern and why; the log says so too (without the pattern's text).
    const doc = spawnSync(process.execPath, [cliBundle, 'doctor', '--json'], { cwd: repo, env: reg.env(), encoding: 'utf8', timeout: HUNG_MS });
    const findings = JSON.parse(doc.stdout);
    const config = (findings.findings ?? findings).find((f: { check: string }) => f.check === 'config');
    const refused = cases.map((c, i) => ({ c, i })).filter(({ c }) => c.overLimit);
    assert.equal(config.ok, false);
    for (const { i } of refused) assert.match(config.detail, new RegExp(`ignore pattern ${i + 1} \\(.*?\\) refused, not applied: `));
    assert.equal((config.detail.match(/refused, not applied/g) ?? []).length, refused.length, 'only those past the limits are refused');
    const log = logText(reg.store);
    assert.match(log, /ignore pattern \d+ refused: \d+ wildcards \(at most 32\)/);
    figure('pathological globs (hooks and MCP server)', {
      'globs in the config': cases.length,
      'files with stress names': paths.length,
      'hook runs': runs.length,
      'hooks hung': hung,
      'MCP tool calls answered': toolCalls,
      'refused patterns shown by doctor': refused.length,
    });
  } finally {
    await server?.close().catch(() => {});
    rmSync(join(reg.claudeDir, 'sessions', `${process.pid}.json`), { force: true });
    w.close();
  }
});

test('special files named by an edit (FIFO, socket, folder, 3 GB file, devices, links to each): every hook answers, nothing is read but regular files', async () => {
  const w = world('ccs-special-');
  const { reg, repo, sb } = w;
  const special = await specialFiles(join(repo, 'special'));
  try {
    const [a, b] = [reg.add(repo), reg.add(repo)];
    const envA = reg.env({ CLAUDE_PID: String(a.pid) });
    const envB = reg.env({ CLAUDE_PID: String(b.pid) });
    const failures: string[] = [];
    let runs = 0;
    for (const f of special.files) {
      // A peer edits it first, so that the second session's hooks have a conflict to check: they
      // read the file (symbols, comparison with HEAD) on both sides.
      const steps: Array<[string, string, NodeJS.ProcessEnv]> = [
        ['post-tool-use', JSON.stringify({ ...editPayload(b.sessionId, repo, f.path, { originalFile: 'x' }), tool_response: { filePath: f.path } }), envB],
        ['pre-tool-use', JSON.stringify({ ...editPayload(a.sessionId, repo, f.path), hook_event_name: 'PreToolUse' }), envA],
        ['post-tool-use', JSON.stringify({ ...editPayload(a.sessionId, repo, f.path), tool_response: { filePath: f.path } }), envA],
        ['post-tool-use', JSON.stringify({ ...editPayload(a.sessionId, repo, f.path), tool_name: 'NotebookEdit', tool_input: { notebook_path: f.path, new_source: 'x' } }), envA],
        ['user-prompt-submit', JSON.stringify({ session_id: a.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'go' }), envA],
      ];
      for (const [hook, body, env] of steps) {
        const r = await spawnHook(hook, body, env, HUNG_MS);
        runs++;
        if (!answered(r)) failures.push(`${hook} on ${f.kind}: exit ${r.status} signal ${r.signal} ${r.stderr.slice(0, 200)}`);
      }
      // The symbols command of the CLI: a clear refusal, not a hang or an abort.
      const cli = spawnSync(process.execPath, [cliBundle, 'symbols', f.path, '1'], { env: reg.env(), encoding: 'utf8', timeout: HUNG_MS });
      runs++;
      if (cli.signal !== null || cli.status !== 1 || !/cannot read .*: (not a regular file|too large)/.test(cli.stderr)) {
        failures.push(`symbols on ${f.kind}: exit ${cli.status} signal ${cli.signal} ${cli.stderr.slice(0, 200)}`);
      }
    }
    assert.deepEqual(failures, [], 'every hook answers; the CLI refuses with a reason');
    figure('special files named by edits', {
      'special files': special.files.length,
      kinds: special.files.map((f) => f.kind.replace(/^symlink to /, '')).filter((k, i, all) => all.indexOf(k) === i).length,
      'hook and CLI runs': runs,
      'hooks hung or crashed': failures.length,
    });
    void sb;
  } finally {
    special.close();
    w.close();
  }
});

test('special files where the repository keeps its own: .git/HEAD, .git/index and the project config as FIFOs, devices or folders', async () => {
  const w = world('ccs-special-');
  const { reg, repo, sb } = w;
  try {
    const [a, b] = [reg.add(repo), reg.add(repo)];
    const envA = reg.env({ CLAUDE_PID: String(a.pid) });
    const envB = reg.env({ CLAUDE_PID: String(b.pid) });
    const file = join(repo, 'src/math.ts');
    const places = ['.claude/context-sync.json', '.git/HEAD', '.git/index'];
    const makers: Array<[string, (p: string) => void]> = [
      ['FIFO', (p) => spawnSync('mkfifo', [p])],
      ['link to /dev/zero', (p) => symlinkSync('/dev/zero', p)],
      ['folder', (p) => mkdirSync(p)],
    ];
    const failures: string[] = [];
    let runs = 0;
    for (const place of places) {
      const path = join(repo, place);
      const saved = (() => {
        try {
          return readFileSync(path);
        } catch {
          return undefined;
        }
      })();
      for (const [kind, make] of makers) {
        rmSync(path, { recursive: true, force: true });
        mkdirSync(dirname(path), { recursive: true });
        make(path);
        for (const [hook, body, env] of [
          ['post-tool-use', JSON.stringify(editPayload(b.sessionId, repo, file, { originalFile: 'x' })), envB],
          ['pre-tool-use', JSON.stringify({ ...editPayload(a.sessionId, repo, file), hook_event_name: 'PreToolUse' }), envA],
          ['post-tool-use', JSON.stringify(editPayload(a.sessionId, repo, file, { originalFile: 'x' })), envA],
          ['session-start', JSON.stringify({ session_id: a.sessionId, cwd: repo, hook_event_name: 'SessionStart', source: 'resume' }), envA],
        ] as Array<[string, string, NodeJS.ProcessEnv]>) {
          const r = await spawnHook(hook, body, env, HUNG_MS);
          runs++;
          if (!answered(r)) failures.push(`${hook} with ${place} a ${kind}: exit ${r.status} signal ${r.signal}`);
        }
        const doc = spawnSync(process.execPath, [cliBundle, 'doctor', '--json'], { cwd: repo, env: reg.env(), encoding: 'utf8', timeout: HUNG_MS });
        runs++;
        if (doc.signal !== null) failures.push(`doctor with ${place} a ${kind}: killed`);
      }
      rmSync(path, { recursive: true, force: true });
      if (saved !== undefined) writeFileSync(path, saved);
    }
    assert.deepEqual(failures, []);
    figure('special files in the repository\'s own places', { 'special files': places.length * makers.length, 'hook and CLI runs': runs, 'hooks hung or crashed': failures.length });
    void sb;
  } finally {
    w.close();
  }
});
