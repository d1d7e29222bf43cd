#!/usr/bin/env node
// `npm run compat`: the end-to-end tier against Claude Code clients other than the pinned one.
// Each version is installed from the npm registry into a temp prefix (never into node_modules) and
// the tests drive it through E2E_CLAUDE_BIN (test/harness/claude.ts). Not part of `npm test`: it
// downloads clients and runs the slow tier once per pair.
//
// Default pairs: the newest client on npm on both paths (default env: the in-process module where
// the client loads mods; CONTEXT_SYNC_MOD=0: the classic hooks), and 2.1.280, a client older than
// mods (2.1.287), with the default env: classic hooks are its only path, reached the way a user of
// that client reaches them (no switch set), so a classic hook that wrongly waits for a module shows.
//
//   node scripts/build.mjs --tests && node scripts/compat.mjs [--pair <version>:<default|classic>]...
//        [--files conflicts,messaging] [--keep]
// <version> may be `latest`. --files names e2e files (without .test.js). --keep leaves the installs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = new URL('..', import.meta.url).pathname;
const e2eDir = join(repo, '.build', 'test', 'e2e');
// Built by `npm run compat` before this runs: the same rule the MCP server uses to list the module's tools.
const { loadsModules } = await import(join(repo, '.build', 'src', 'core', 'client-version.js'));
const PKG = '@anthropic-ai/claude-code';
const OLD_CLIENT = '2.1.280';

function option(name) {
  const out = [];
  for (let i = 2; i < process.argv.length; i++) if (process.argv[i] === `--${name}` && process.argv[i + 1]) out.push(process.argv[++i]);
  return out;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr ?? ''}`);
  return r.stdout.trim();
}

function newestOnNpm() {
  return run('npm', ['view', PKG, 'version']);
}

/** Install one client into its own prefix under `work`; returns the path of its `claude`. */
function install(version) {
  const prefix = join(work, version);
  mkdirSync(prefix, { recursive: true });
  console.error(`installing ${PKG}@${version} into ${prefix}`);
  run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `${PKG}@${version}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const bin = join(prefix, 'node_modules', '.bin', 'claude');
  if (!existsSync(bin)) throw new Error(`${PKG}@${version} installed no node_modules/.bin/claude`);
  const said = run(bin, ['--version'], { env: { PATH: process.env.PATH, HOME: prefix, DISABLE_AUTOUPDATER: '1' } });
  if (!said.includes(version)) throw new Error(`${bin} --version says ${said}, not ${version}`);
  return bin;
}

/** Top-level results from a TAP file of node --test: counts and the names of failing tests. */
function tapSummary(path) {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const count = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  // Top-level test lines are not indented; a file's failure before any test also shows here.
  const failed = [...text.matchAll(/^not ok \d+ - (.*)$/gm)].map((m) => m[1].replace(/\\#/g, '#'));
  return { pass: count('pass'), fail: count('fail'), cancelled: count('cancelled'), failed };
}

function e2eFiles(names) {
  if (!existsSync(e2eDir)) throw new Error('no .build/test/e2e: run `node scripts/build.mjs --tests` first');
  const all = readdirSync(e2eDir).filter((f) => f.endsWith('.test.js')).sort();
  if (!names.length) return all.map((f) => join(e2eDir, f));
  return names.map((n) => {
    const f = `${n.replace(/\.test\.(js|ts)$/, '')}.test.js`;
    if (!all.includes(f)) throw new Error(`no e2e file ${f}; there are: ${all.join(', ')}`);
    return join(e2eDir, f);
  });
}

const files = e2eFiles(option('files').flatMap((s) => s.split(',')).filter(Boolean));
let newest;
const pairs = (option('pair').length ? option('pair') : ['latest:default', 'latest:classic', `${OLD_CLIENT}:default`]).map((p) => {
  const [v, path = 'default'] = p.split(':');
  if (!['default', 'classic'].includes(path)) throw new Error(`path must be default or classic: ${p}`);
  const version = v === 'latest' ? (newest ??= newestOnNpm()) : v;
  return { version, path };
});

// Installs and TAP files, removed at the end unless --keep.
const work = mkdtempSync(join(tmpdir(), 'ccs-compat-'));
const bins = new Map();
const rows = [];
try {
  for (const { version, path } of pairs) {
    if (!bins.has(version)) bins.set(version, install(version));
    const env = { ...process.env, E2E_CLAUDE_BIN: bins.get(version) };
    delete env.CONTEXT_SYNC_MOD;
    if (path === 'classic') env.CONTEXT_SYNC_MOD = '0';
    const mods = loadsModules(version);
    // Tests of what only the module does skip themselves on a client that loads no module.
    if (!mods) env.E2E_NO_MODS = '1';
    const label = path === 'classic' ? 'classic (CONTEXT_SYNC_MOD=0)' : mods ? 'default env (module)' : 'default env (classic: no mods)';
    const tap = join(work, `e2e-${version}-${path}.tap`);
    console.error(`\n=== ${version}, ${label}: ${files.length} e2e file(s)`);
    const started = Date.now();
    spawnSync(
      process.execPath,
      ['--test', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
      { stdio: 'inherit', env, cwd: repo },
    );
    rows.push({ version, path: label, seconds: Math.round((Date.now() - started) / 1000), ...tapSummary(tap) });
  }
} finally {
  if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
  else console.error(`kept: ${work}`);
}

console.log(`\ncompat: ${files.length} e2e file(s) per pair (${files.map((f) => f.split('/').at(-1).replace('.test.js', '')).join(', ')})`);
console.log(`${'version'.padEnd(10)} ${'path'.padEnd(32)} ${'pass'.padStart(5)} ${'fail'.padStart(5)} ${'time'.padStart(6)}`);
for (const r of rows) {
  console.log(`${r.version.padEnd(10)} ${r.path.padEnd(32)} ${String(r.pass).padStart(5)} ${String(r.fail + (r.cancelled || 0)).padStart(5)} ${`${r.seconds}s`.padStart(6)}`);
  for (const name of r.failed) console.log(`${''.padEnd(11)}failed: ${name}`);
}
process.exit(rows.every((r) => r.fail === 0 && !r.cancelled && Number.isFinite(r.pass)) ? 0 : 1);
