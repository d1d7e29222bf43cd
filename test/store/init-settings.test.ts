// `context-sync init` / `uninstall` on a temp HOME, run as the built bundle from a copy of the
// package whose path has a space. A fake `claude` first on PATH records its arguments and keeps
// ~/.claude.json the way the real one does, so no test touches a real ~/.claude.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Sandbox, pluginDir } from '../harness/claude.js';

const FAKE_CLAUDE = `#!/usr/bin/env node
const fs = require('fs'), path = require('path');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_CLAUDE_LOG, JSON.stringify(args) + '\\n');
if (args[0] === '--version') { console.log('9.9.9 (Claude Code)'); process.exit(0); }
const file = path.join(process.env.HOME, '.claude.json');
const data = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
data.mcpServers ??= {};
if (args[0] === 'mcp' && args[1] === 'add') {
  const name = args[4], rest = args.slice(args.indexOf('--') + 1);
  if (data.mcpServers[name]) { console.error('MCP server ' + name + ' already exists in user config'); process.exit(1); }
  data.mcpServers[name] = { type: 'stdio', command: rest[0], args: rest.slice(1), env: {} };
} else if (args[0] === 'mcp' && args[1] === 'remove') {
  const name = args[4];
  if (!data.mcpServers[name]) { console.error('No MCP server named "' + name + '" in user scope'); process.exit(1); }
  delete data.mcpServers[name];
}
fs.writeFileSync(file, JSON.stringify(data, null, 2));
`;

class Home {
  readonly sb = new Sandbox('ccs-init-');
  readonly bin = join(this.sb.root, 'bin');
  readonly log = join(this.sb.root, 'claude-args.jsonl');
  /** The installed package, at a path with a space in it. */
  readonly pkg = join(this.sb.root, 'global modules', 'claude-context-sync');
  readonly settings = join(this.sb.home, '.claude', 'settings.json');

  constructor(fakeClaude = true) {
    cpSync(pluginDir, join(this.pkg, 'plugin'), { recursive: true });
    mkdirSync(this.bin, { recursive: true });
    if (fakeClaude) {
      writeFileSync(join(this.bin, 'claude'), FAKE_CLAUDE.replace('#!/usr/bin/env node', `#!${process.execPath}`));
      chmodSync(join(this.bin, 'claude'), 0o755);
    }
    mkdirSync(dirname(this.settings), { recursive: true });
  }

  get pluginRoot(): string {
    return join(this.pkg, 'plugin');
  }

  run(...args: string[]) {
    // PATH: only the fake claude (and nothing that could be a real one).
    const env = { HOME: this.sb.home, PATH: this.bin, FAKE_CLAUDE_LOG: this.log };
    return spawnSync(process.execPath, [join(this.pluginRoot, 'dist', 'cli.mjs'), ...args], { encoding: 'utf8', env, cwd: this.sb.home });
  }

  claudeCalls(): string[][] {
    return existsSync(this.log) ? readFileSync(this.log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  }

  backups(): string[] {
    return readdirSync(dirname(this.settings)).filter((f) => f.startsWith('settings.json.bak-'));
  }

  read(): any {
    return JSON.parse(readFileSync(this.settings, 'utf8'));
  }
}

const USER_SETTINGS = {
  model: 'opus',
  permissions: { allow: ['Bash(npm test:*)'], deny: [] },
  env: { FOO: 'bar' },
  hooks: {
    PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'echo mine' }] }],
    Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }],
  },
  enabledPlugins: { 'other@market': true, 'context-sync@claude-context-sync': false },
};

test('init registers every hook of hooks.json at the installed path and the MCP server; a second init changes nothing', () => {
  const h = new Home();
  writeFileSync(h.settings, JSON.stringify(USER_SETTINGS, null, 2) + '\n');
  const r = h.run('init');
  assert.equal(r.status, 0, r.stderr);
  const s = h.read();
  const template = JSON.parse(readFileSync(join(h.pluginRoot, 'hooks', 'hooks.json'), 'utf8')).hooks;
  for (const [event, groups] of Object.entries<any[]>(template)) {
    const ours = s.hooks[event].filter((g: any) => g.hooks.some((x: any) => x.command.endsWith('# context-sync:init')));
    assert.equal(ours.length, groups.length, `${event}: one entry per template entry`);
    assert.deepEqual(ours.map((g: any) => g.matcher), groups.map((g: any) => g.matcher), `${event}: same matchers`);
    for (const g of ours) for (const x of g.hooks) {
      assert.ok(!x.command.includes('${CLAUDE_PLUGIN_ROOT}'), 'no plugin variable left');
      for (const m of x.command.matchAll(/"([^"]*\.mjs)"/g)) assert.ok(existsSync(m[1]), `${m[1]} exists`);
    }
  }
  // The user's own hooks and settings are all still there, in place.
  assert.deepEqual(s.hooks.PostToolUse[0], USER_SETTINGS.hooks.PostToolUse[0]);
  assert.deepEqual(s.hooks.Stop, USER_SETTINGS.hooks.Stop);
  assert.deepEqual({ ...s, hooks: undefined }, { ...USER_SETTINGS, hooks: undefined });
  assert.deepEqual(h.claudeCalls(), [['mcp', 'add', '--scope', 'user', 'context-sync', '--', 'node', join(h.pluginRoot, 'dist', 'mcp.mjs')]]);
  assert.equal(h.backups().length, 1);
  assert.equal(readFileSync(join(dirname(h.settings), h.backups()[0]!), 'utf8'), JSON.stringify(USER_SETTINGS, null, 2) + '\n', 'the backup holds the old bytes');

  const before = readFileSync(h.settings, 'utf8');
  const again = h.run('init');
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /already registered/);
  assert.equal(readFileSync(h.settings, 'utf8'), before, 'idempotent');
  assert.equal(h.backups().length, 1, 'no backup when nothing changes');
  assert.equal(h.claudeCalls().length, 1, 'the server is not registered again');
});

test('init, then the user changes other settings, then uninstall: the change survives and nothing of init remains', () => {
  const h = new Home();
  const original = JSON.stringify(USER_SETTINGS, null, 2) + '\n';
  writeFileSync(h.settings, original);
  assert.equal(h.run('init').status, 0);
  // The user (or the client) edits settings while installed.
  const edited = h.read();
  edited.model = 'sonnet';
  edited.theme = 'dark';
  edited.hooks.Stop.push({ hooks: [{ type: 'command', command: 'say really done' }] });
  writeFileSync(h.settings, JSON.stringify(edited, null, 2) + '\n');

  const r = h.run('uninstall');
  assert.equal(r.status, 0, r.stderr);
  const expected = structuredClone(USER_SETTINGS) as any;
  expected.model = 'sonnet';
  expected.theme = 'dark';
  expected.hooks.Stop.push({ hooks: [{ type: 'command', command: 'say really done' }] });
  assert.equal(readFileSync(h.settings, 'utf8'), JSON.stringify(expected, null, 2) + '\n');
  assert.ok(!readFileSync(h.settings, 'utf8').includes('context-sync:init'));
  assert.deepEqual(h.claudeCalls().at(-1), ['mcp', 'remove', '--scope', 'user', 'context-sync']);
  assert.deepEqual(JSON.parse(readFileSync(join(h.sb.home, '.claude.json'), 'utf8')).mcpServers, {});
  // A second uninstall finds nothing to do and writes nothing.
  const bytes = readFileSync(h.settings, 'utf8');
  const n = h.backups().length;
  assert.equal(h.run('uninstall').status, 0);
  assert.equal(readFileSync(h.settings, 'utf8'), bytes);
  assert.equal(h.backups().length, n);
});

test('init and uninstall with no settings file: uninstall leaves no hooks table behind', () => {
  const h = new Home();
  assert.equal(h.run('init').status, 0);
  assert.equal(h.backups().length, 0, 'nothing to back up');
  assert.equal(lstatSync(h.settings).mode & 0o777, 0o600);
  assert.equal(h.run('uninstall').status, 0);
  assert.deepEqual(h.read(), {});
});

test('a settings file that is not valid JSON is refused by init and uninstall: exit 1, byte-identical, no claude call', () => {
  const h = new Home();
  const broken = '{\n  "model": "opus",\n  // a comment\n  "theme": "dark",\n}\n';
  writeFileSync(h.settings, broken);
  for (const cmd of ['init', 'uninstall']) {
    const r = h.run(cmd);
    assert.equal(r.status, 1, `${cmd}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /not valid JSON/);
    assert.equal(readFileSync(h.settings, 'utf8'), broken);
  }
  assert.deepEqual(h.backups(), []);
  assert.deepEqual(readdirSync(dirname(h.settings)), ['settings.json'], 'no temp file left');
  assert.deepEqual(h.claudeCalls(), []);
  // A hooks table of the wrong shape is not guessed at either.
  writeFileSync(h.settings, '{"hooks": {"Stop": "say done"}}');
  assert.equal(h.run('init').status, 1);
  assert.equal(readFileSync(h.settings, 'utf8'), '{"hooks": {"Stop": "say done"}}');
});

test('init refuses while the plugin is enabled (every hook would run twice)', () => {
  const h = new Home();
  const text = JSON.stringify({ enabledPlugins: { 'context-sync@claude-context-sync': true } }, null, 2);
  writeFileSync(h.settings, text);
  const r = h.run('init');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /plugin is enabled.*twice/s);
  assert.equal(readFileSync(h.settings, 'utf8'), text);
  assert.deepEqual(h.claudeCalls(), []);
});

test('without a claude command, init registers the hooks and says how to add the server', () => {
  const h = new Home(false);
  const r = h.run('init');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /claude mcp add --scope user context-sync -- node ".*global modules.*mcp\.mjs"/);
  assert.ok(readFileSync(h.settings, 'utf8').includes('context-sync:init'));
});

test('a symlinked settings.json stays a link; its target is updated', () => {
  const h = new Home();
  const target = join(h.sb.root, 'dotfiles', 'settings.json');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, '{"model":"opus"}');
  symlinkSync(target, h.settings);
  assert.equal(h.run('init').status, 0);
  assert.ok(lstatSync(h.settings).isSymbolicLink());
  assert.equal(readlinkSync(h.settings), target);
  assert.ok(readFileSync(target, 'utf8').includes('context-sync:init'));
  assert.equal(h.run('uninstall').status, 0);
  assert.deepEqual(JSON.parse(readFileSync(target, 'utf8')), { model: 'opus' });
});
