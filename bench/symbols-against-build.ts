// This build's symbol resolver against another build of it, for a refactor that must change neither
// what it answers nor how fast:
//
//   cp -r .build/src /tmp/symbols-before             # before the change (after a build --tests)
//   ... change src/symbols ...
//   node scripts/build.mjs --tests && node .build/bench/symbols-against-build.js /tmp/symbols-before dir...
//
// Every source file under the dirs (C, C++, Rust, Go, C#, PHP, TS/JS, Python, Ruby) is outlined as
// each language of the shared scanner (and Python and Ruby files as themselves), whole, with a random cut (a file mid-edit) and, lazily, for one random
// line (the early-stopping scan): any answer that differs is printed and the exit code is 1. Reading
// every file as every language reaches the paths of languages the machine has no sources for.
// Then the warm outline time of both builds on the same texts, interleaved, medians and ratios
// (a language that reads the text in well under a millisecond, PHP outside `<?php`, is noise).
// Not in `npm run bench`: it needs the other build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CodeLanguage, LineRange, SymbolNode, SymbolSpan } from '../src/symbols/types.js';

interface Resolver {
  outline(text: string, language: CodeLanguage): SymbolNode[];
  enclosingSymbolsLazy(text: string, language: CodeLanguage, ranges: readonly LineRange[]): Promise<SymbolSpan[][]>;
}

const [otherDir, ...dirs] = process.argv.slice(2);
if (!otherDir || dirs.length === 0) {
  console.error('usage: symbols-against-build.js <other build\'s .build/src> <source dir>...');
  process.exit(2);
}

async function load(src: string): Promise<Resolver> {
  const index = (await import(join(resolve(src), 'symbols/index.js'))) as Resolver;
  const lazy = (await import(join(resolve(src), 'symbols/lazy.js'))) as Resolver;
  return { outline: index.outline, enclosingSymbolsLazy: lazy.enclosingSymbolsLazy };
}

const EXTENSIONS = /\.(c|h|cc|cpp|hpp|rs|go|cs|php|ts|js|py|rb|java|kt|swift)$/;
/** The languages of the shared scanner; Python and Ruby files are also read as themselves. */
const SCANNED: CodeLanguage[] = ['typescript', 'tsx', 'javascript', 'jsx', 'go', 'rust', 'swift', 'java', 'kotlin', 'csharp', 'c', 'cpp', 'php'];
const languagesFor = (file: string): CodeLanguage[] =>
  file.endsWith('.py') ? [...SCANNED, 'python'] : file.endsWith('.rb') ? [...SCANNED, 'ruby'] : SCANNED;

function sourceFiles(dir: string, out: string[], limit: number): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (out.length >= limit || name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) sourceFiles(path, out, limit);
    else if (st?.isFile() && st.size < 60_000 && EXTENSIONS.test(name)) out.push(path);
  }
}

/** A fixed-seed generator: the same cuts and lines in every run. */
let seed = 12345;
const random = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

const answer = (f: () => unknown): string => {
  try {
    return JSON.stringify(f());
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

const other = await load(otherDir);
const current = await load(new URL('../src', import.meta.url).pathname);
const files: string[] = [];
for (const dir of dirs) sourceFiles(dir, files, files.length + 300); // at most 300 files per dir: a run of a minute or two
const texts = files.map((f) => readFileSync(f, 'utf8'));

let checks = 0;
let differences = 0;
const differ = (what: string, file: string, language: string): void => {
  differences++;
  if (differences <= 20) console.log(`differs: ${what} of ${file} as ${language}`);
};
for (const [k, text] of texts.entries()) {
  const file = files[k]!;
  const a = random(text.length + 1);
  const b = random(text.length + 1);
  const cut = text.slice(0, Math.min(a, b)) + text.slice(Math.max(a, b));
  for (const language of languagesFor(file)) {
    for (const [what, t] of [['outline', text], ['outline of a cut', cut]] as const) {
      checks++;
      if (answer(() => other.outline(t, language)) !== answer(() => current.outline(t, language))) differ(what, file, language);
    }
    const line = 1 + random(text.split('\n').length);
    const range: LineRange[] = [[line, line]];
    checks++;
    const before = await other.enclosingSymbolsLazy(text, language, range).then(JSON.stringify, (e: Error) => `throws ${e.message}`);
    const after = await current.enclosingSymbolsLazy(text, language, range).then(JSON.stringify, (e: Error) => `throws ${e.message}`);
    if (before !== after) differ(`symbols at line ${line}`, file, language);
  }
}
console.log(`${files.length} files, ${checks} comparisons, ${differences} differences`);

// Warm time: each language on the texts joined (up to 1 MB), both builds in alternating order.
console.log('\nlanguage       chars  other ms  this ms  this/other');
const all = texts.join('\n').slice(0, 1_000_000);
const ratios: number[] = [];
for (const language of SCANNED) {
  const times: [number[], number[]] = [[], []];
  const builds = [other, current];
  for (let w = 0; w < 10; w++) for (const r of builds) r.outline(all, language);
  for (let round = 0; round < 31; round++) {
    for (const which of round % 2 ? [0, 1] : [1, 0]) {
      const t0 = performance.now();
      builds[which]!.outline(all, language);
      times[which]!.push(performance.now() - t0);
    }
  }
  const ratio = median(times[1]) / median(times[0]);
  ratios.push(ratio);
  console.log(`${language.padEnd(10)} ${String(all.length).padStart(9)} ${median(times[0]).toFixed(2).padStart(9)} ${median(times[1]).toFixed(2).padStart(8)} ${ratio.toFixed(3).padStart(11)}`);
}
console.log(`geometric mean this/other: ${Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length).toFixed(3)}`);
process.exit(differences > 0 ? 1 : 0);
