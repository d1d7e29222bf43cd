// `context-sync doctor` on a temp HOME, run as the built bundle: a healthy set-up passes every check;
// each broken part is named with a fix, and the exit code says whether anything is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, pluginDir } from '../harness/claude.js';
import { pathCheck } from '../../src/cli/doctor.js';
import { processStart } from '../../src/sessions/registry.js';

class Setup {
  readonly sb = new Sandbox('ccs-doctor-');
  readonly bin = join(this.sb.root, 'bin');
  readonly claudeDir = join(this.sb.home, '.claude');
  readonly repo = this.sb.repo('proj', { 'a.ts': 'export const a = 1;\n' });
  readonly pkg = join(this.sb.root, 'pkg', 'plugin');

  constructor() {
    cpSync(pluginDir, this.pkg, { recursive: true });
    mkdirSync(this.bin, { recursive: true });
  }

  /** What a healthy user has: Claude Code on PATH and run once, a private store, the plugin enabled. */
  healthy(): this {
    this.fakeClaude();
    mkdirSync(join(this.claudeDir, 'sessions'), { recursive: true });
    mkdirSync(this.sb.store, { recursive: true, mode: 0o700 });
    chmodSync(this.sb.store, 0o700);
    this.settings({ enabledPlugins: { 'context-sync@claude-context-sync': true } });
    writeFileSync(join(this.sb.store, 'config.json'), JSON.stringify({ onConflict: 'block' }));
    return this;
  }

  fakeClaude(): void {
    writeFileSync(join(this.bin, 'claude'), '#!/bin/sh\n[ "$1" = --version ] && echo "2.1.330 (Claude Code)" && exit 0\nexit 1\n');
    chmodSync(join(this.bin, 'claude'), 0o755);
  }

  settings(s: unknown): void {
    mkdirSync(this.claudeDir, { recursive: true });
    writeFileSync(join(this.claudeDir, 'settings.json'), JSON.stringify(s, null, 2));
  }

  run(...args: string[]) {
    const env = { HOME: this.sb.home, PATH: `${this.bin}:/usr/bin:/bin` };
    return spawnSync(process.execPath, [join(this.pkg, 'dist', 'cli.mjs'), ...args], { encoding: 'utf8', env, cwd: this.repo });
  }

  doctor(): { status: number | null; ok: boolean; by: Record<string, Array<{ ok: boolean; detail: string; fix?: string }>> } {
    const r = this.run('doctor', '--json');
    const report = JSON.parse(r.stdout);
    const by: Record<string, any[]> = {};
    for (const f of report.findings) (by[f.check] ??= []).push(f);
    return { status: r.status, ok: report.ok, by };
  }
}

test('a healthy set-up: every check ok, exit 0, in JSON and in the table', () => {
  const s = new Setup().healthy();
  const d = s.doctor();
  const failed = Object.values(d.by).flat().filter((f) => !f.ok);
  assert.deepEqual(failed, []);
  assert.equal(d.status, 0);
  assert.equal(d.ok, true);
  assert.deepEqual(Object.keys(d.by).sort(), ['claude-cli', 'config', 'hooks', 'node', 'path', 'registry', 'store', 'team']);
  assert.match(d.by.hooks![0]!.detail, /enabled as a plugin/);
  assert.match(d.by['claude-cli']![0]!.detail, /2\.1\.330/);
  const human = s.run('doctor');
  assert.equal(human.status, 0);
  assert.doesNotMatch(human.stdout, /FAIL|\x1b\[/);
  assert.match(human.stdout, /^ok {3}node: Node\.js/m);
});

test('a broken set-up: world-readable store, invalid config, no claude, no registry, double install', () => {
  const s = new Setup();
  mkdirSync(s.sb.store, { recursive: true });
  chmodSync(s.sb.store, 0o755);
  writeFileSync(join(s.sb.store, 'config.json'), JSON.stringify({ onConflict: 'explode' }));
  mkdirSync(join(s.repo, '.claude'), { recursive: true });
  // init first (no plugin yet), then the plugin gets enabled at project level too.
  assert.equal(s.run('init').status, 0);
  writeFileSync(join(s.repo, '.claude', 'settings.json'), JSON.stringify({ enabledPlugins: { 'context-sync@team': true } }));
  const d = s.doctor();
  assert.equal(d.status, 1);
  assert.equal(d.ok, false);
  const one = (check: string) => {
    assert.equal(d.by[check]?.length, 1, `${check}: ${JSON.stringify(d.by)}`);
    return d.by[check]![0]!;
  };
  assert.equal(one('store').ok, false);
  assert.match(one('store').detail, /mode 755.*readable by other users/);
  assert.match(one('store').fix!, /chmod -R go-rwx/);
  assert.equal(one('config').ok, false);
  assert.match(one('config').detail, /config\.json: \/onConflict must be equal to one of the allowed values/);
  assert.equal(one('claude-cli').ok, false);
  assert.match(one('claude-cli').detail, /not on PATH/);
  assert.equal(one('registry').ok, false);
  assert.equal(one('hooks').ok, false);
  assert.match(one('hooks').detail, /installed twice.*context-sync@team in .*proj\/\.claude\/settings\.json/);
  assert.match(one('hooks').fix!, /context-sync uninstall/);
  assert.equal(one('node').ok, true);
  // The table says the same, with the fixes.
  const human = s.run('doctor');
  assert.equal(human.status, 1);
  assert.match(human.stdout, /^FAIL store: .*\n {5}fix: chmod -R go-rwx/m);
  assert.match(human.stdout, /^FAIL hooks: installed twice/m);
});

test('a store owned by someone else or not writable, a broken settings file, init hooks whose files are gone, an invalid project config', () => {
  const s = new Setup();
  s.fakeClaude();
  mkdirSync(join(s.claudeDir, 'sessions'), { recursive: true });
  mkdirSync(s.sb.store, { recursive: true, mode: 0o700 });
  chmodSync(s.sb.store, 0o700);
  if (process.getuid?.() === 0) chownSync(s.sb.store, 65534, 65534); // root can write anywhere: test ownership instead
  else chmodSync(s.sb.store, 0o500);
  // This fake claude refuses `mcp add`: init registers the hooks, then fails on the server.
  const init = s.run('init');
  assert.equal(init.status, 1);
  assert.match(init.stderr, /`claude mcp add` failed/);
  // The package was moved away after init: the hooks point at nothing.
  rmSync(join(s.pkg, 'dist', 'hooks'), { recursive: true });
  mkdirSync(join(s.repo, '.claude'), { recursive: true });
  writeFileSync(join(s.repo, '.claude', 'context-sync.json'), '{"ignore": ');
  writeFileSync(join(s.repo, '.claude', 'settings.local.json'), '{ nope');
  const d = s.doctor();
  assert.equal(d.status, 1);
  assert.match(d.by.store![0]!.detail, process.getuid?.() === 0 ? /owned by another user/ : /NOT writable/);
  assert.match(d.by.store![0]!.fix!, /chown -R/);
  const hooks = d.by.hooks!;
  assert.ok(hooks.some((f) => !f.ok && /settings\.local\.json is not valid JSON/.test(f.detail)), JSON.stringify(hooks));
  assert.ok(hooks.some((f) => !f.ok && /init hooks point at missing files: .*session-start\.mjs/.test(f.detail)), JSON.stringify(hooks));
  // Also the bundles behind the gated commands (`[ -e .../mod/$CLAUDE_PID ] && exit 0; exec node ".../post-tool-use.mjs"`).
  assert.ok(hooks.some((f) => !f.ok && /init hooks point at missing files: .*post-tool-use\.mjs/.test(f.detail)), JSON.stringify(hooks));
  assert.match(d.by.config![0]!.detail, /context-sync\.json: not valid JSON/);
  assert.equal(d.by.mcp?.[0]?.ok, false, 'no MCP server registered');
});

test('doctor says which path each live session uses: the hooks module where its marker is current, the classic hooks otherwise, and why', () => {
  const sb = new Sandbox('ccs-doctor-path-');
  const claudeDir = join(sb.root, 'home', '.claude');
  mkdirSync(join(claudeDir, 'sessions'), { recursive: true });
  // Two live "sessions": this test process (its marker names this process's start) and its parent,
  // whose marker names another process start (a pid reused since): that one is on the classic path.
  const withModule = { pid: process.pid, sessionId: '11111111-1111-4111-8111-111111111111', cwd: sb.root };
  const classic = { pid: process.ppid, sessionId: '22222222-2222-4222-8222-222222222222', cwd: sb.root };
  for (const s of [withModule, classic]) writeFileSync(join(claudeDir, "sessions", `${s.pid}.json`), JSON.stringify({ ...s, procStart: processStart(s.pid) }));
  mkdirSync(join(sb.store, 'mod'), { recursive: true });
  writeFileSync(join(sb.store, 'mod', String(process.pid)), JSON.stringify({ v: 1, sessionId: withModule.sessionId, procStart: processStart(process.pid) }));
  writeFileSync(join(sb.store, 'mod', String(process.ppid)), JSON.stringify({ v: 1, procStart: 'not-this-process' }));
  const f = pathCheck({}, sb.store, claudeDir);
  assert.equal(f.ok, true);
  assert.match(f.detail, /11111111 \(pid \d+\): hooks module, in process/);
  assert.match(f.detail, /22222222 \(pid \d+\): classic hooks: no hooks module active in that process \(Claude Code older than 2\.1\.287, CONTEXT_SYNC_MOD=0/);
  assert.match(f.detail, /a marker of an earlier process with this pid is left/);
  assert.match(pathCheck({ CONTEXT_SYNC_MOD: '0' }, sb.store, claudeDir).detail, /CONTEXT_SYNC_MOD=0 in this environment/);
});
