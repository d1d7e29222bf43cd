// Accuracy of enclosingSymbols() on structured files (JSON, YAML, TOML, Markdown) against oracles
// built on real parsers, on a real-world corpus, and the time one edit takes in a 5,000-line file.
//
//   node scripts/build.mjs --tests && node bench/structured-corpus.mjs && node .build/bench/structured-accuracy.js [--check]
//
// A measurement: exits 0 whatever the result, unless --check is given (then 1 below 99% agreement in
// any format, or above 5 ms median for one edit in a 5,000-line JSON or YAML file).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enclosingSymbols, UnparsableFile } from '../src/symbols/index.js';
import type { LineRange, StructuredFormat, SymbolSpan } from '../src/symbols/types.js';
import { structuredOutline } from './structured-oracle.js';
import { oracleEnclosing } from './symbols-oracle.js';
import { isBoundary, sampleRanges, seededRandom } from './symbols-sampling.js';

const corpusDir = process.env.CONTEXT_SYNC_STRUCTURED_CORPUS ?? join(tmpdir(), 'context-sync-structured-corpus');
const check = process.argv.includes('--check');
const rangesPerFile = 24;
const boundaryPerFile = 12;
const threshold = 99;
const timingLimitMs = 5;
const disagreementsShown = 40;

interface CorpusFile {
  format: StructuredFormat;
  package: string;
  version: string;
  path: string;
  file: string;
  lines: number;
}

interface Tally {
  files: number;
  /** Files the oracle's parser rejects: the resolver must reject them too (file level). */
  unparsable: number;
  ranges: number;
  boundary: number;
  agree: number;
  boundaryAgree: number;
  kindMismatch: number;
  spanMismatch: number;
}

const plain = (s: SymbolSpan): SymbolSpan => ({ name: s.name, kind: s.kind, startLine: s.startLine, endLine: s.endLine });
const sameNames = (a: readonly SymbolSpan[], b: readonly SymbolSpan[]) => {
  const x = new Set(a.map((s) => s.name));
  const y = new Set(b.map((s) => s.name));
  return x.size === y.size && [...x].every((n) => y.has(n));
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * One edit (a 3-line range in the middle) in a fresh node process that loads only the resolver: the
 * first call, then the median of `runs` calls after `warmups`; medians over `processes` processes.
 */
function timeInFreshProcess(file: string, format: StructuredFormat, range: LineRange, warmups = 10, runs = 21, processes = 3): { cold: number; warm: number; cpu: number } {
  const resolver = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'symbols', 'index.js');
  const call = `enclosingSymbols(text, ${JSON.stringify(format)}, [[${range[0]}, ${range[1]}]])`;
  const script =
    `import { readFileSync } from 'node:fs'; import { performance } from 'node:perf_hooks';` +
    `const { enclosingSymbols } = await import(${JSON.stringify(resolver)});` +
    `const text = readFileSync(${JSON.stringify(file)}, 'utf8');` +
    `let t0 = performance.now(); ${call}; const cold = performance.now() - t0;` +
    `for (let i = 0; i < ${warmups}; i++) ${call};` +
    `const times = [], cpus = []; for (let i = 0; i < ${runs}; i++) { const c0 = process.cpuUsage(); t0 = performance.now(); ${call}; times.push(performance.now() - t0); const c = process.cpuUsage(c0); cpus.push((c.user + c.system) / 1000); }` +
    `const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];` +
    `process.stdout.write(JSON.stringify({ cold, warm: mid(times), cpu: mid(cpus) }));`;
  const cold: number[] = [];
  const warm: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < processes; i++) {
    const r = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { cold: number; warm: number; cpu: number };
    cold.push(r.cold);
    warm.push(r.warm);
    cpu.push(r.cpu);
  }
  return { cold: median(cold), warm: median(warm), cpu: median(cpu) };
}

/** A valid file of at least 5,000 lines made of copies of a corpus file. */
function synthetic(format: StructuredFormat, text: string): string {
  const lines = text.split('\n').length;
  const copies = Math.ceil(5000 / lines) + 1;
  const body = text.trimEnd();
  switch (format) {
    case 'json': // one key per copy: a valid object
      return `{\n${Array.from({ length: copies }, (_, i) => `"copy${i}": ${body}`).join(',\n')}\n}\n`;
    case 'yaml': // one document per copy
      return Array.from({ length: copies }, () => body).join('\n---\n') + '\n';
    case 'toml': // one table namespace per copy keeps table names unique
      return Array.from({ length: copies }, (_, i) => body.replace(/^(\s*\[+)([^\]])/gm, `$1copy${i}.$2`)).join('\n') + '\n';
    default:
      return Array.from({ length: copies }, () => body).join('\n\n') + '\n';
  }
}

function main(): number {
  let files: CorpusFile[];
  try {
    files = (JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { files: CorpusFile[] }).files;
  } catch {
    process.stderr.write(`no corpus in ${corpusDir}: run node bench/structured-corpus.mjs first\n`);
    return 2;
  }
  const formats = [...new Set(files.map((f) => f.format))];
  // Each file as published, and two copies as a session may leave them mid-edit: cut at a random
  // character, and with one random line deleted. Rows: `json`, `json cut`, `json -line`.
  const rowsOf = formats.flatMap((fm) => [fm, `${fm} cut`, `${fm} -line`]);
  const tallies = new Map<string, Tally>();
  const disagreements: unknown[] = [];
  const largest = new Map<StructuredFormat, string>();

  for (const f of files) {
    const published = readFileSync(join(corpusDir, 'files', f.file), 'utf8');
    const random = seededRandom(`mid-edit/${f.package}/${f.path}`);
    const publishedLines = published.split('\n');
    const cut = published.slice(0, Math.floor(published.length * (0.2 + 0.6 * random())));
    const deleted = Math.floor(publishedLines.length * random());
    const withoutLine = publishedLines.filter((_, i) => i !== deleted).join('\n');
    for (const [row, text] of [[f.format, published], [`${f.format} cut`, cut], [`${f.format} -line`, withoutLine]] as const) {
    if (row !== f.format && text === published) continue;
    const lines = text.split('\n');
    const t = tallies.get(row) ?? { files: 0, unparsable: 0, ranges: 0, boundary: 0, agree: 0, boundaryAgree: 0, kindMismatch: 0, spanMismatch: 0 };
    tallies.set(row, t);
    t.files++;
    const oracle = structuredOutline(text, f.format);
    if (oracle === null) t.unparsable++;
    const ranges = sampleRanges(`${f.package}/${f.path}`, oracle ?? [], lines, rangesPerFile, boundaryPerFile);
    let got: SymbolSpan[][] | null;
    try {
      got = enclosingSymbols(text, f.format, ranges.map((r) => [r.start, r.end] as const));
    } catch (e) {
      if (!(e instanceof UnparsableFile)) throw e;
      got = null;
    }
    if (row === f.format && oracle !== null && (largest.get(f.format)?.length ?? 0) < text.length) largest.set(f.format, text);
    ranges.forEach((r, i) => {
      const boundary = isBoundary(r.category);
      t.ranges++;
      if (boundary) t.boundary++;
      const expected = oracle === null ? null : oracleEnclosing(oracle, r.start, r.end).map(plain);
      const answer = got === null ? null : got[i]!.map(plain);
      const agree = expected === null || answer === null ? expected === answer : sameNames(expected, answer);
      if (agree) {
        t.agree++;
        if (boundary) t.boundaryAgree++;
        if (expected && answer) {
          const byName = new Map(answer.map((s) => [s.name, s]));
          if (expected.some((e) => byName.get(e.name)?.kind !== e.kind)) t.kindMismatch++;
          if (expected.some((e) => byName.get(e.name)?.startLine !== e.startLine || byName.get(e.name)?.endLine !== e.endLine)) t.spanMismatch++;
        }
      } else if (disagreements.length < disagreementsShown) {
        disagreements.push({ file: f.file, variant: row, package: `${f.package}@${f.version}`, range: [r.start, r.end], category: r.category, expected, got: answer });
      }
    });
    }
  }

  const timing: Record<string, { lines: number; warmMedianMs: number; cpuMedianMs: number; coldFirstCallMs: number }> = {};
  const syntheticDir = join(corpusDir, 'synthetic');
  mkdirSync(syntheticDir, { recursive: true });
  for (const [format, text] of largest) {
    const big = synthetic(format, text);
    const n = big.split('\n').length;
    const file = join(syntheticDir, `${format}.txt`);
    writeFileSync(file, big);
    const middle = Math.ceil(n / 2);
    const t = timeInFreshProcess(file, format, [middle, middle + 2]);
    timing[format] = { lines: n, warmMedianMs: t.warm, cpuMedianMs: t.cpu, coldFirstCallMs: t.cold };
  }

  const pct = (a: number, b: number) => (b === 0 ? '-' : ((100 * a) / b).toFixed(1));
  const header = ['format', 'files', 'unparsable', 'ranges', 'boundary', 'agree%', 'bound.agree%', 'kind≠', 'span≠', 'warm ms (lines)', 'cpu ms', 'cold ms'];
  const rows = rowsOf.filter((r) => tallies.has(r)).map((fm) => {
    const t = tallies.get(fm)!;
    const tm = timing[fm];
    return [fm, t.files, t.unparsable, t.ranges, t.boundary, pct(t.agree, t.ranges), pct(t.boundaryAgree, t.boundary), t.kindMismatch, t.spanMismatch,
      tm ? `${tm.warmMedianMs.toFixed(2)} (${tm.lines})` : '-', tm ? tm.cpuMedianMs.toFixed(2) : '-', tm ? tm.coldFirstCallMs.toFixed(1) : '-'].map(String);
  });
  const all = [...tallies.values()].reduce((a, t) => ({ files: a.files + t.files, ranges: a.ranges + t.ranges, boundary: a.boundary + t.boundary, agree: a.agree + t.agree, boundaryAgree: a.boundaryAgree + t.boundaryAgree }), { files: 0, ranges: 0, boundary: 0, agree: 0, boundaryAgree: 0 });
  rows.push(['all', `${files.length}`, '', String(all.ranges), String(all.boundary), pct(all.agree, all.ranges), pct(all.boundaryAgree, all.boundary), '', '', '', '', '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write('structured-file symbols vs parser oracles (agreement = same set of qualified names; a file the parser rejects must be rejected)\n');
  process.stdout.write('rows: each corpus file as published; `cut`: cut at a random character; `-line`: one random line deleted (a session mid-edit)\n');
  process.stdout.write(fmt(header) + '\n' + rows.map(fmt).join('\n') + '\n');
  process.stdout.write(
    'kind≠ / span≠: ranges where the names agree but a kind / a span differs. Timings, in a fresh process that loads only the resolver\n' +
      '(medians of 3 processes), one 3-line edit in the middle of a 5,000+ line file made of copies of the format\'s largest corpus file:\n' +
      'warm ms, the median of 21 calls after 10 warm-ups (wall time); cpu ms, the same calls\' CPU time (the process\'s, all threads:\n' +
      'what the resolver costs, without the waits of a busy machine; --check uses it); cold ms, the first call.\n',
  );
  const out = join(corpusDir, 'disagreements.json');
  writeFileSync(out + '.tmp', JSON.stringify({ summary: Object.fromEntries(tallies), timing, disagreements }, null, 1) + '\n');
  renameSync(out + '.tmp', out);
  process.stdout.write(`disagreements: ${out}\n`);

  if (!check) return 0;
  const below = [...tallies.keys()].filter((fm) => {
    const t = tallies.get(fm)!;
    return (100 * t.agree) / Math.max(1, t.ranges) < threshold;
  });
  const slow = (['json', 'yaml'] as const).filter((fm) => timing[fm] && !(timing[fm]!.cpuMedianMs <= timingLimitMs));
  if (below.length) process.stdout.write(`--check: below ${threshold}% agreement: ${below.join(', ')}\n`);
  if (slow.length) process.stdout.write(`--check: above ${timingLimitMs} ms for one edit: ${slow.join(', ')}\n`);
  return below.length || slow.length ? 1 : 0;
}

process.exitCode = main();
