#!/usr/bin/env node
// Materialises the real-world corpus for bench/structured-accuracy.ts (JSON, YAML, TOML, Markdown)
// into a cache dir outside the repo.
//
//   node bench/structured-corpus.mjs             copy the files listed in bench/structured-corpus.json
//   node bench/structured-corpus.mjs --install   first apt-get install the Debian packages that are missing
//   node bench/structured-corpus.mjs --refresh   draw a new sample from the sources and rewrite the manifest
//
// Sources are only what a package client installs: the npm packages of this repository's
// node_modules (pinned by package-lock.json) and Debian's librust-*-dev packages, whose crate sources
// under /usr/share/cargo/registry carry Cargo.toml files, the crates' CI workflows (.github/workflows,
// .travis.yml, .gitlab-ci.yml) and READMEs, plus Markdown under /usr/share/doc. The sample is
// deterministic: candidates are ordered by sha256(seed + path).
import { createHash } from 'node:crypto';
import fg from 'fast-glob';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(repo, 'bench', 'structured-corpus.json');
const corpusDir = process.env.CONTEXT_SYNC_STRUCTURED_CORPUS ?? join(tmpdir(), 'context-sync-structured-corpus');
const seed = 'context-sync-structured-corpus-v1';
const args = new Set(process.argv.slice(2));
const minLines = 8;
const maxLines = 3000;

const nodeModules = join(repo, 'node_modules');
const cargo = '/usr/share/cargo/registry';
/** Debian packages whose dependency closure fills /usr/share/cargo/registry with ~110 crates. */
const debianPackages = ['librust-tokio-dev', 'librust-serde-json-dev', 'librust-clap-dev'];

/**
 * Where each format's files come from: `npm` (root: node_modules, files under a package directory) or
 * `cargo` (root: the registry, files under a crate directory), or `doc` (/usr/share/doc/<package>).
 */
const sources = [
  { format: 'json', from: 'npm', match: /(^|\/)package\.json$/, count: 30 },
  { format: 'json', from: 'npm', match: /(^|\/)tsconfig[^/]*\.json$/, count: 15 },
  { format: 'yaml', from: 'cargo', match: /(^|\/)(\.github\/workflows\/[^/]+|\.github\/dependabot|\.travis|\.gitlab-ci|\.circleci\/config|appveyor|\.cirrus)\.ya?ml$/, count: 36 },
  { format: 'yaml', from: 'npm', match: /\.ya?ml$/, exclude: /FUNDING\.yml$/, count: 9 },
  { format: 'toml', from: 'cargo', match: /^[^/]+\/Cargo\.toml$/, count: 40 },
  { format: 'toml', from: 'cargo', match: /(^|\/)(rustfmt|clippy|\.rustfmt|deny|Cross|\.clippy)\.toml$/, count: 6 },
  { format: 'markdown', from: 'npm', match: /(^|\/)(README|CHANGELOG|HISTORY|CONTRIBUTING|SECURITY)\.md$/i, count: 24 },
  { format: 'markdown', from: 'cargo', match: /\.md$/i, count: 14 },
  { format: 'markdown', from: 'doc', match: /\.md$/i, count: 8 },
];

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const log = (msg) => process.stderr.write(msg + '\n');
const lineCount = (text) => text.split('\n').length;

/** The files under `dir` (relative, sorted, nested node_modules left out); links are neither followed nor listed. */
const walk = (dir) => fg.sync('**', { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true, ignore: ['**/node_modules/**'] }).sort();

function debianVersion(pkg) {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${Status}\t${Version}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const [status, version] = out.split('\t');
    return status?.endsWith('installed') && !status.includes('not-installed') ? version : undefined;
  } catch {
    return undefined;
  }
}

function installMissing() {
  const missing = debianPackages.filter((p) => !debianVersion(p));
  if (missing.length === 0) return;
  if (!args.has('--install')) {
    log(`missing Debian packages (their files are skipped): ${missing.join(' ')}`);
    log('install them with: node bench/structured-corpus.mjs --install   (runs apt-get install -y --no-install-recommends)');
    return;
  }
  log(`apt-get install ${missing.join(' ')}`);
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** The package a file belongs to and its version: npm's package.json, the crate directory, the doc dir's Debian package. */
function packageOf(from, rel) {
  if (from === 'npm') {
    const parts = rel.split('/');
    const dir = parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    try {
      const pkg = JSON.parse(readFileSync(join(nodeModules, dir, 'package.json'), 'utf8'));
      return { pkg: `npm:${pkg.name}`, version: pkg.version };
    } catch {
      return undefined;
    }
  }
  if (from === 'cargo') {
    const m = /^(.+)-(\d+\.\d+\.\d+[^/]*)$/.exec(rel.split('/')[0]);
    return m ? { pkg: `cargo:${m[1]}`, version: m[2] } : undefined;
  }
  const dir = rel.split('/')[0];
  const version = debianVersion(dir);
  return version ? { pkg: `deb:${dir}`, version } : undefined;
}

const rootOf = { npm: nodeModules, cargo, doc: '/usr/share/doc' };

function sample() {
  const entries = [];
  const taken = new Set();
  const listings = {};
  for (const src of sources) {
    const root = rootOf[src.from];
    listings[src.from] ??= walk(root);
    const candidates = listings[src.from]
      .filter((p) => src.match.test(p) && !(src.exclude && src.exclude.test(p)) && !taken.has(`${src.from}/${p}`))
      .map((p) => ({ p, key: sha256(seed + src.from + '/' + p) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    let n = 0;
    for (const { p } of candidates) {
      if (n >= src.count) break;
      const full = join(root, p);
      if (statSync(full).size > 400_000) continue;
      const text = readFileSync(full, 'utf8');
      const lines = lineCount(text);
      if (lines < minLines || lines > maxLines) continue;
      const owner = packageOf(src.from, p);
      if (!owner) continue;
      taken.add(`${src.from}/${p}`);
      entries.push({ format: src.format, from: src.from, package: owner.pkg, version: owner.version, path: p, sha256: sha256(text), lines });
      n++;
    }
    if (n < src.count) log(`${src.format} from ${src.from}: only ${n} of ${src.count} files`);
  }
  return entries;
}

function materialise(entries) {
  const filesDir = join(corpusDir, 'files');
  rmSync(filesDir, { recursive: true, force: true });
  const copied = [];
  let changed = 0;
  for (const e of entries) {
    const full = join(rootOf[e.from], e.path);
    if (!existsSync(full)) {
      log(`skipped (not installed): ${e.format} ${e.package} ${e.path}`);
      continue;
    }
    const text = readFileSync(full, 'utf8');
    const actual = sha256(text);
    if (actual !== e.sha256) changed++;
    const rel = join(e.format, e.from, e.path);
    const dest = join(filesDir, rel);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, text);
    copied.push({ ...e, sha256: actual, lines: lineCount(text), file: rel });
  }
  if (changed) log(`${changed} files differ from the manifest (another package version is installed)`);
  const tmp = join(corpusDir, 'manifest.json.tmp');
  writeFileSync(tmp, JSON.stringify({ generatedFrom: 'bench/structured-corpus.json', files: copied }, null, 1) + '\n');
  renameSync(tmp, join(corpusDir, 'manifest.json'));
  return copied;
}

mkdirSync(corpusDir, { recursive: true });
installMissing();
let entries;
if (args.has('--refresh') || !existsSync(manifestPath)) {
  entries = sample();
  const tmp = manifestPath + '.tmp';
  writeFileSync(tmp, JSON.stringify({ seed, minLines, maxLines, debianPackages, files: entries }, null, 1) + '\n');
  renameSync(tmp, manifestPath);
  log(`wrote ${relative(repo, manifestPath)} (${entries.length} files)`);
} else {
  entries = JSON.parse(readFileSync(manifestPath, 'utf8')).files;
}
const copied = materialise(entries);
const perFormat = {};
for (const e of copied) perFormat[e.format] = (perFormat[e.format] ?? 0) + 1;
log(Object.entries(perFormat).map(([f, n]) => `${f} ${n}`).join(', '));
process.stdout.write(`${copied.length} files in ${corpusDir}\n`);
