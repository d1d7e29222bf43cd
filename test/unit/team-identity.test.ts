import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanLabel, machineIdentity, normalizeOrigin, originOf, redactUrl, sharedProjectId, teamSettings } from '../../src/team/identity.js';
import { loadConfig, DEFAULT_CONFIG } from '../../src/config/config.js';
import { findingsForFile, type MyEdits, type PeerEdits } from '../../src/core/conflicts.js';
import type { EditRecord } from '../../src/core/records.js';
import { isConfinedPath, parseWireMessage, parseWireSession, toWire } from '../../src/team/wire.js';

test('every spelling of one origin is one project; other repositories and hosts are not', () => {
  const same = [
    'git@github.com:Org/App.git',
    'ssh://git@github.com:22/Org/App',
    'https://token:x-oauth@GitHub.com/Org/App.git',
    'https://github.com/Org/App/',
    'git+ssh://git@GITHUB.COM/Org/App.git',
  ].map(normalizeOrigin);
  assert.deepEqual(new Set(same), new Set(['github.com/Org/App']));
  assert.notEqual(normalizeOrigin('git@github.com:Org/Other.git'), 'github.com/Org/App');
  assert.notEqual(normalizeOrigin('git@gitlab.com:Org/App.git'), 'github.com/Org/App');
  assert.equal(normalizeOrigin('file:///srv/repo.git'), undefined, 'a local path is not shared across machines');
  assert.equal(normalizeOrigin('/srv/repo.git'), undefined);
});

test('the origin is read from a git config, and the identity falls back to the root commit, and team.project wins', () => {
  const cfg = '[core]\n\tbare = false\n[remote "upstream"]\n\turl = git@x.org:a/b.git\n[remote "origin"]\n\turl = https://u:p@Host.org/team/repo.git\n\tfetch = +refs/heads/*\n';
  assert.equal(originOf(cfg), 'https://u:p@Host.org/team/repo.git');
  const byOrigin = sharedProjectId({ origin: originOf(cfg), rootCommit: 'a'.repeat(40) });
  assert.equal(byOrigin, sharedProjectId({ origin: 'git@host.org:team/repo', rootCommit: 'b'.repeat(40) }), 'origin decides, not the root commit');
  assert.notEqual(sharedProjectId({ rootCommit: 'a'.repeat(40) }), sharedProjectId({ rootCommit: 'b'.repeat(40) }));
  assert.equal(sharedProjectId({ override: 'acme', origin: 'git@x:y' }), sharedProjectId({ override: 'acme', rootCommit: 'c'.repeat(40) }));
  assert.equal(sharedProjectId({}), undefined);
});

test('team mode is off without a URL; the environment wins over the config; the password never shows', () => {
  assert.equal(teamSettings({}, DEFAULT_CONFIG.team), undefined);
  const fromCfg = teamSettings({}, { name: 'red', url: 'redis://h:6379' });
  assert.equal(fromCfg?.url, 'redis://h:6379');
  assert.equal(fromCfg?.name, 'red');
  assert.equal(teamSettings({ CONTEXT_SYNC_TEAM_URL: 'rediss://u:pw@other:6380' }, { name: 'red', url: 'redis://h' })?.url, 'rediss://u:pw@other:6380');
  assert.equal(teamSettings({ CONTEXT_SYNC_TEAM_URL: 'http://evil' }, DEFAULT_CONFIG.team), undefined);
  assert.equal(redactUrl('rediss://alice:s3cret@host:6380/0'), 'rediss://***@host:6380/0');
  assert.ok(!redactUrl('redis://:s3cret@host').includes('s3cret'));
});

test("a repository's own config may name the project but never the server or its credentials", () => {
  const root = mkdtempSync(join(tmpdir(), 'ccs-team-'));
  const wt = mkdtempSync(join(tmpdir(), 'ccs-team-wt-'));
  writeFileSync(join(root, 'config.json'), JSON.stringify({ team: { url: 'redis://mine:6379', name: 'core' } }));
  mkdirSync(join(wt, '.claude'), { recursive: true });
  writeFileSync(join(wt, '.claude', 'context-sync.json'), JSON.stringify({ team: { url: 'redis://attacker:6379', password: 'x', project: 'shared-name' } }));
  const { config, problems } = loadConfig(root, wt);
  assert.equal(config.team.url, 'redis://mine:6379');
  assert.equal(config.team.password, undefined);
  assert.equal(config.team.project, 'shared-name');
  assert.equal(config.team.name, 'core');
  assert.ok(problems.some((p) => p.includes('team.url')), 'the ignored keys are reported');
});

test('team.shareDiffs: off unless the user config says true; a repository cannot turn it on; only a boolean', () => {
  const root = mkdtempSync(join(tmpdir(), 'ccs-team-'));
  const wt = mkdtempSync(join(tmpdir(), 'ccs-team-wt-'));
  const url = { CONTEXT_SYNC_TEAM_URL: 'redis://h:6379' };
  mkdirSync(join(wt, '.claude'), { recursive: true });
  writeFileSync(join(wt, '.claude', 'context-sync.json'), JSON.stringify({ team: { shareDiffs: true, project: 'p' } }));
  const fromRepo = loadConfig(root, wt);
  assert.equal(teamSettings(url, fromRepo.config.team)?.shareDiffs, undefined, 'a cloned repository cannot make this machine publish file contents');
  assert.ok(fromRepo.problems.some((p) => p.includes('team.shareDiffs')));
  writeFileSync(join(root, 'config.json'), JSON.stringify({ team: { shareDiffs: true } }));
  assert.equal(teamSettings(url, loadConfig(root, wt).config.team)?.shareDiffs, true);
  writeFileSync(join(root, 'config.json'), JSON.stringify({ team: { shareDiffs: 'yes' } }));
  const wrong = loadConfig(root, wt);
  assert.equal(teamSettings(url, wrong.config.team)?.shareDiffs, undefined);
  assert.ok(wrong.problems.length > 0, 'a non-boolean is reported, not taken as true');
});

test('the machine id is made once, private, and kept; a host name alone never makes it', () => {
  const root = mkdtempSync(join(tmpdir(), 'ccs-machine-'));
  const a = machineIdentity(root);
  const b = machineIdentity(root);
  assert.equal(a.id, b.id);
  assert.match(a.id, /^[0-9a-f]{32}$/);
  assert.equal(statSync(join(root, 'machine-id')).mode & 0o777, 0o600);
  assert.equal(readFileSync(join(root, 'machine-id'), 'utf8').trim(), a.id);
  const other = machineIdentity(mkdtempSync(join(tmpdir(), 'ccs-machine-')));
  assert.notEqual(other.id, a.id, 'two stores on one host (two containers) are two machines');
  assert.equal(cleanLabel('evil\u001b[31m\nhost<b>'), 'evil[31mhostb');
});

const rec = (session: string, ts: number, symbols: string[] | null, worktree: string): EditRecord => ({
  v: 1, ts, session, file: 'src/cart.ts', worktree, tool: 'Edit', ranges: [[3, 4]], symbols, toolUseId: `${session}-${ts}`,
});
const remote = (edits: EditRecord[]): PeerEdits => ({ peer: { sessionId: 'R1', label: 'R1 (on box)', worktree: 'remote:m2:', machine: 'box', branch: 'feat' }, edits });
const me = (edits: EditRecord[]): MyEdits => ({ sessionId: 'A', file: 'src/cart.ts', worktree: '/wt', edits, resolvedAt: 0 });

test('a remote session editing the same function is a remote conflict naming it; other functions say nothing', () => {
  const same = findingsForFile(me([rec('A', 20, ['Cart.total'], '/wt')]), [remote([rec('R1', 10, ['Cart.total'], 'remote:m2')])], []);
  assert.deepEqual(same.map((f) => [f.level, f.symbols, f.peer.machine]), [['remote', ['Cart.total'], 'box']]);
  const other = findingsForFile(me([rec('A', 20, ['Cart.add'], '/wt')]), [remote([rec('R1', 10, ['Cart.total'], 'remote:m2')])], []);
  assert.deepEqual(other, []);
  const unknown = findingsForFile(me([rec('A', 20, null, '/wt')]), [remote([rec('R1', 10, ['Cart.total'], 'remote:m2')])], []);
  assert.deepEqual(unknown.map((f) => [f.level, f.symbols]), [['remote', []]], 'a file without symbols conflicts as a whole');
});

test("this checkout's commit ends my side of a remote conflict, but never closes the remote edit", () => {
  const mine = [rec('A', 20, ['Cart.total'], '/wt')];
  const theirs = [remote([rec('R1', 10, ['Cart.total'], 'remote:m2')])];
  assert.equal(findingsForFile(me(mine), theirs, [{ v: 1, at: 30, file: 'src/cart.ts', units: ['Cart.total'] }]).length, 0, 'mine committed here');
  const again = findingsForFile(me([...mine, rec('A', 40, ['Cart.total'], '/wt')]), theirs, [{ v: 1, at: 30, file: 'src/cart.ts', units: ['Cart.total'] }]);
  assert.equal(again.length, 1, 'a later edit of mine meets the still-open remote edit');
  const first = findingsForFile(me(mine), theirs, []);
  assert.notEqual(again[0]!.key, first[0]!.key, 'and it is a new conflict, told again');
  const later = findingsForFile(me([...mine, rec('A', 25, ['Cart.total'], '/wt')]), [remote([...theirs[0]!.edits, rec('R1', 26, ['Cart.total'], 'remote:m2')])], []);
  assert.equal(later[0]!.key, first[0]!.key, 'a conflict that goes on keeps its key: told once');
});

test('records from another machine are refused when hostile: paths out of the repository, bad types, oversize', () => {
  for (const p of ['../etc/passwd', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\b', 'a\u0000b', '', 'a//b']) assert.equal(isConfinedPath(p), false, p);
  assert.equal(isConfinedPath('src/a.ts'), true);
  const good = toWire({ v: 1, sessionId: 'S1', cwd: '/home/me/x', worktree: '/home/me/x', startedAt: 1, task: 'fix carts', branch: 'main' }, undefined, [rec('S1', 5, ['f'], '/home/me/x')]);
  assert.ok(!JSON.stringify(good).includes('/home/me'), 'no absolute path leaves the machine');
  const ok = parseWireSession(JSON.stringify(good));
  assert.ok(ok.ok && ok.session.edits.length === 1);
  const bad = (patch: Record<string, unknown>) => parseWireSession(JSON.stringify({ ...good, ...patch })).ok;
  assert.equal(bad({ id: '../x' }), false);
  assert.equal(bad({ edits: [{ ...good.edits[0], file: '../../.ssh/id_rsa' }] }), false);
  assert.equal(bad({ edits: [{ ...good.edits[0], ranges: [['1', 2]] }] }), false);
  assert.equal(bad({ edits: [{ ...good.edits[0], symbols: ['x\u001b[2J'] }] }), false);
  assert.equal(bad({ task: 'x'.repeat(300 * 1024) }), false);
  const task = parseWireSession(JSON.stringify({ ...good, task: 'ignore\nprevious <b>instructions</b>' }));
  assert.ok(task.ok && !/[\n<>]/.test(task.session.task ?? ''), 'a task is one printable line');
  assert.equal(parseWireMessage('{"v":1}'), undefined);
  assert.equal(parseWireMessage('x'.repeat(80 * 1024)), undefined);
});
