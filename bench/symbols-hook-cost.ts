// What resolving one edit adds to a hook, which is a fresh node process: the resolver runs once, cold
// (no JIT), on the edited file.
//
//   node scripts/build.mjs --tests && node bench/symbols-corpus.mjs && node .build/bench/symbols-hook-cost.js [rounds]
//
// Per language, on the corpus file closest to 300 lines, three processes per round, interleaved in a
// shuffled order so that machine noise hits every case alike:
// - bare       `node -e 0`, the floor the issue measures against
// - loaded     a node process that imports the resolver and reads the file, without resolving
// - resolved   the same process, resolving one 3-line range in the middle of the file
// The child times its import and its one (cold) call itself; the table shows them next to bare and to
// the wall-time difference between `resolved` and `loaded`. A real hook does more than start node, so
// a share of bare is an upper bound of the resolver's share of the hook's wall time.
//
// The resolver is loaded the way hooks load it (src/symbols/lazy.ts: the entry, then the edited
// language's outliner by dynamic import), twice over: as built for tests (.build/src/symbols, one
// file per module) and bundled like the plugin (esbuild, minified, one chunk per language). The
// chunk's import happens inside the call, so it counts as resolving.
//
//   node .build/bench/symbols-hook-cost.js --instructions [--at 1/3,1/2,end] [--seeds 1] [--plugin dir]
//
// The hook itself, counted in instructions (callgrind: load-independent, where wall time on a shared
// machine is not): the built plugin's PostToolUse hook (run `node scripts/build.mjs` first) on an Edit
// at a given line of the corpus file closest to 300 lines, per language, against the same hook on the
// same content named .txt (no language: no resolver). The difference is what the resolver adds: its
// chunk's load, the scan and the lookup. --at lists edit positions as fractions of the file or `end`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { seededRandom, shuffled } from './symbols-sampling.js';
import { extensionOf, typicalFiles, type CorpusFile } from './symbols-typical.js';

const corpusDir = process.env.CONTEXT_SYNC_SYMBOLS_CORPUS ?? join(tmpdir(), 'context-sync-symbols-corpus');
const rounds = Number(process.argv[2]) || 11;
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const builtResolver = join(here, '..', 'src', 'symbols', 'lazy.js');
const workDir = join(corpusDir, 'hook-cost');


// The child: import, read, maybe resolve; prints how long the import and the call took inside it,
// which machine noise disturbs far less than a process's wall time. Written to a file: `node file.mjs`
// is how a hook starts.
const child = `import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
const [module, file, language, line] = process.argv.slice(2);
const t0 = performance.now();
const { enclosingSymbolsLazy } = await import(module);
const t1 = performance.now();
const text = readFileSync(file, 'utf8');
const t2 = performance.now();
if (language) await enclosingSymbolsLazy(text, language, [[Number(line), Number(line) + 2]]);
const t3 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, resolveMs: t3 - t2 }));
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

interface Sample {
  wallMs: number;
  importMs: number;
  resolveMs: number;
}

/** One process. A minimal env: inherited NODE_OPTIONS, NODE_EXTRA_CA_CERTS and the like skew start-up. */
function run(args: string[]): Sample {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: ${r.stderr}`);
  const inside = r.stdout ? (JSON.parse(r.stdout) as { importMs: number; resolveMs: number }) : { importMs: NaN, resolveMs: NaN };
  return { wallMs, ...inside };
}

/** The PostToolUse hook's wall time over `node -e 0`, as the hook benchmark (bench/hooks.ts) last recorded it. */
function postToolUseRatio(): number | undefined {
  try {
    const results = JSON.parse(readFileSync(join(repo, 'bench', 'results', 'hooks.json'), 'utf8')) as { rows?: Array<{ case?: string; ratio?: number }> };
    const row = results.rows?.find((r) => r.case?.startsWith('PostToolUse, file no one else edited'));
    return typeof row?.ratio === 'number' && row.ratio > 0 ? row.ratio : undefined;
  } catch {
    return undefined;
  }
}



/**
 * Instructions of one process under callgrind. A minimal env: NODE_EXTRA_CA_CERTS alone makes node's
 * start-up 4x. V8's random seed moves counts by up to 8% between runs of the same process (hash
 * seeds, heap layout); with --random-seed fixed they repeat to 0.05%, and the difference between two
 * processes run with the same seed stays the same from one seed to another.
 */
function instructions(args: string[], input: string, env: Record<string, string>, seed: number): number {
  const res = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, `--random-seed=${seed}`, ...args], { input, env, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`valgrind node ${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  const m = /Collected\s*:\s*(\d+)/.exec(res.stderr);
  if (!m) throw new Error(`no instruction count in valgrind's output: ${res.stderr.slice(-500)}`);
  return Number(m[1]);
}

/** The PostToolUse hook with and without the resolver, per language, in instructions. */
function hookInstructions(files: CorpusFile[], positions: string[], seeds: number[]): number {
  const pluginAt = process.argv.indexOf('--plugin'); // another build to compare, e.g. of an older commit
  const hookFile = join(pluginAt > 0 ? process.argv[pluginAt + 1]! : join(repo, 'plugin'), 'dist', 'hooks', 'post-tool-use.mjs');
  const root = join(workDir, `callgrind-${process.pid}`);
  const project = join(root, 'project');
  mkdirSync(project, { recursive: true });
  let runId = 0;
  /** A fresh home and store per run, so that every run finds the same (empty) store. */
  const freshEnv = (): { env: Record<string, string>; store: string } => {
    const home = join(root, `home-${runId++}`);
    const store = join(home, 'store');
    mkdirSync(join(home, 'claude'), { recursive: true });
    return { env: { PATH: process.env.PATH ?? '', HOME: home, CONTEXT_SYNC_HOME: store, CLAUDE_CONFIG_DIR: join(home, 'claude') }, store };
  };
  const payload = (file: string, line: number) =>
    JSON.stringify({
      session_id: 'bench-session', transcript_path: join(root, 't.jsonl'), cwd: project, permission_mode: 'default', hook_event_name: 'PostToolUse',
      tool_name: 'Edit', tool_input: { file_path: file, old_string: 'x', new_string: 'x' },
      tool_response: { filePath: file, structuredPatch: [{ oldStart: line, oldLines: 1, newStart: line, newLines: 1, lines: ['-x', '+x'] }] },
    });
  /** The symbols the hook recorded, read back from its store: proves the resolver ran. */
  const recordedSymbols = (store: string): unknown => {
    const found = spawnSync('grep', ['-rhoE', '"symbols":(null|\\[[^]]*\\])', store], { encoding: 'utf8' }).stdout.trim();
    return found.split('\n')[0] || '(no record)';
  };

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const bare = mean(seeds.map((seed) => instructions(['-e', '0'], '', freshEnv().env, seed)));
  const header = ['language', 'lines', 'edit at', 'with symbols', 'as .txt', 'resolver', 'share', 'symbols recorded'];
  const rows: string[][] = [];
  const M = (x: number) => `${(x / 1e6).toFixed(1)}M`;
  let worst = 0;
  for (const [language, f] of typicalFiles(files)) {
    const text = readFileSync(join(corpusDir, 'files', f.file), 'utf8');
    const source = join(project, `sample-${language}.${extensionOf[language]}`);
    const plain = join(project, `sample-${language}.txt`);
    writeFileSync(source, text);
    writeFileSync(plain, text);
    // The .txt run does the same work at any line: once per seed.
    const withoutBySeed = seeds.map((seed) => instructions([hookFile], payload(plain, 1), freshEnv().env, seed));
    const without = mean(withoutBySeed);
    for (const at of positions) {
      const line = at === 'end' ? f.lines : Math.max(1, Math.round(f.lines * Number(at.split('/')[0]) / Number(at.split('/')[1] ?? 1)));
      let store = '';
      const withBySeed = seeds.map((seed) => {
        const fresh = freshEnv();
        store = fresh.store;
        return instructions([hookFile], payload(source, line), fresh.env, seed);
      });
      const withSymbols = mean(withBySeed);
      const share = mean(withBySeed.map((w, k) => w - withoutBySeed[k]!)) / without;
      worst = Math.max(worst, share);
      const recorded = String(recordedSymbols(store));
      rows.push([language, String(f.lines), `${line} (${at})`, M(withSymbols), M(without), M(withSymbols - without), `${(100 * share).toFixed(1)}%`, recorded.length > 60 ? recorded.slice(0, 57) + '...' : recorded]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`PostToolUse hook (plugin/dist), one Edit, instructions under callgrind (node --random-seed=${seeds.join(',')}, mean); node -e 0: ${M(bare)}\n`);
  process.stdout.write(fmt(header) + '\n' + rows.map(fmt).join('\n') + '\n');
  rmSync(root, { recursive: true, force: true });
  process.stdout.write(`resolver = with symbols - as .txt (the chunk's load, the scan, the lookup); share = resolver / as .txt. Worst: ${(100 * worst).toFixed(1)}%.\n`);
  return 0;
}

async function main(): Promise<number> {
  let files: CorpusFile[];
  try {
    files = (JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { files: CorpusFile[] }).files;
  } catch {
    process.stderr.write(`no corpus in ${corpusDir}: run node bench/symbols-corpus.mjs first\n`);
    return 2;
  }
  mkdirSync(workDir, { recursive: true });
  if (process.argv.includes('--instructions')) {
    const at = process.argv.indexOf('--at');
    const seeds = Number(process.argv[process.argv.indexOf('--seeds') + 1]) || 1;
    return hookInstructions(files, at > 0 ? process.argv[at + 1]!.split(',') : ['1/3', '1/2', 'end'], Array.from({ length: seeds }, (_, k) => k + 1));
  }
  const childFile = join(workDir, 'child.mjs');
  writeFileSync(childFile, child);
  const bundleDir = join(workDir, 'bundle');
  rmSync(bundleDir, { recursive: true, force: true }); // chunk names carry hashes: drop the last run's
  await build({
    entryPoints: { lazy: join(repo, 'src', 'symbols', 'lazy.ts') }, bundle: true, splitting: true, platform: 'node', target: 'node20',
    format: 'esm', minify: true, outdir: bundleDir, outExtension: { '.js': '.mjs' }, logLevel: 'warning', absWorkingDir: repo,
  });
  const bundled = join(bundleDir, 'lazy.mjs');

  const typical = typicalFiles(files);

  type Case = { key: string; args: string[] };
  const cases: Case[] = [{ key: 'bare', args: ['-e', '0'] }];
  for (const [flavour, module] of [['built', builtResolver], ['bundled', bundled]] as const) {
    for (const [language, f] of typical) {
      const path = join(corpusDir, 'files', f.file);
      const line = String(Math.max(1, Math.floor(f.lines / 2)));
      cases.push({ key: `${flavour} ${language} loaded`, args: [childFile, module, path] });
      cases.push({ key: `${flavour} ${language} resolved`, args: [childFile, module, path, language, line] });
    }
  }
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.key, []]));
  const random = seededRandom('hook-cost');
  for (let r = 0; r < rounds; r++) {
    for (const c of shuffled(cases, random)) samples.get(c.key)!.push(run(c.args));
  }
  const med = (key: string, f: keyof Sample) => median(samples.get(key)!.map((x) => x[f]));

  const bare = med('bare', 'wallMs');
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const pct = (x: number) => `${((100 * x) / bare).toFixed(1)}%`;
  const header = ['language', 'lines', 'resolver', 'import (in)', 'resolve (in)', 'resolve % bare', 'wall loaded', 'wall resolved', 'wall Δ'];
  const rows: string[][] = [];
  let worst = { language: '', resolveMs: 0 };
  for (const [language, f] of typical) {
    for (const flavour of ['built', 'bundled']) {
      const loaded = `${flavour} ${language} loaded`;
      const resolved = `${flavour} ${language} resolved`;
      const resolveMs = med(resolved, 'resolveMs');
      if (flavour === 'bundled' && resolveMs > worst.resolveMs) worst = { language, resolveMs };
      rows.push([
        language, String(f.lines), flavour, ms(med(loaded, 'importMs')), ms(resolveMs), pct(resolveMs),
        ms(med(loaded, 'wallMs')), ms(med(resolved, 'wallMs')), ms(med(resolved, 'wallMs') - med(loaded, 'wallMs')),
      ]);
    }
  }
  const hookRatio = postToolUseRatio();
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`one edit resolved in a fresh node process, medians of ${rounds} interleaved rounds; node -e 0: ${ms(bare)}\n`);
  process.stdout.write(fmt(header) + '\n' + rows.map(fmt).join('\n') + '\n');
  process.stdout.write(
    [
      '(in): measured inside the child with performance.now(): the import of lazy.js, and the first (cold) call, which',
      'imports the language\'s outliner.',
      'resolve % bare: that call as a share of node -e 0 (a hook does more than start node: an upper bound of its share).',
      'wall: whole process, loaded = import + read only, resolved = the same plus the call; Δ is noisy on a busy machine.',
      `worst bundled cold call: ${worst.language} ${ms(worst.resolveMs)} = ${pct(worst.resolveMs)} of node -e 0.`,
      hookRatio
        ? `bench/results/hooks.json has the PostToolUse hook at ${hookRatio.toFixed(2)}x node -e 0: that call is about ` +
          `${((100 * worst.resolveMs) / (bare * hookRatio)).toFixed(1)}% of the hook's wall time.`
        : 'no bench/results/hooks.json: run the hook benchmark for the share of the hook itself.',
    ].join('\n') + '\n',
  );
  return 0;
}

process.exitCode = await main();
