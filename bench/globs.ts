// What matching ignore globs costs, side by side in one run: the backtracking regular expression
// the matcher replaced, and the matcher (a set of positions, no backtracking), on ordinary patterns
// and paths; then both on the issue's hostile pattern at growing sizes, where the regex is given
// a budget and reported as "over budget" once a single match takes longer.
//
//   node scripts/build.mjs --tests && node .build/bench/globs.js
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { matchesAny } from '../src/core/globs.js';

/** The regex translation the matcher replaced (as it was in src/core/globs.ts). */
export function regexOf(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += '(?:' + glob.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')';
        i = end;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const GLOBS = ['**/package-lock.json', '**/yarn.lock', 'src/gen/**', '**/*.{min.js,map}', 'dist/**', '**/*.pb.go', 'vendor/**/*.js', 'docs/*.md'];
const PATHS = Array.from({ length: 20_000 }, (_, i) => `src/module${i % 50}/sub${i % 7}/file${i}.${['ts', 'js', 'go', 'md', 'map'][i % 5]}`);

function nsPerPath(f: () => number, rounds = 5): { ns: number; hits: number } {
  let hits = f();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) hits = f();
  return { ns: ((performance.now() - t0) * 1e6) / rounds / PATHS.length, hits };
}

const res = GLOBS.map(regexOf);
const byRegex = () => PATHS.filter((p) => res.some((r) => r.test(p))).length;
const byMatcher = () => PATHS.filter((p) => matchesAny(p, GLOBS)).length;
for (let warm = 0; warm < 3; warm++) byRegex(), byMatcher();
const a = nsPerPath(byRegex);
const b = nsPerPath(byMatcher);
console.log(`ordinary: ${GLOBS.length} globs x ${PATHS.length} paths`);
console.log(`  regex    ${a.ns.toFixed(0).padStart(7)} ns/path  (${a.hits} ignored)`);
console.log(`  matcher  ${b.ns.toFixed(0).padStart(7)} ns/path  (${b.hits} ignored)  ratio matcher/regex ${(b.ns / a.ns).toFixed(2)}`);

// The hostile case: the regex runs in a worker that is stopped past the budget (it cannot be interrupted otherwise).
const BUDGET_MS = 2000;
function regexMs(glob: string, path: string): Promise<number | 'over budget'> {
  return new Promise((resolve) => {
    const w = new Worker(`const { parentPort, workerData } = require('node:worker_threads'); const t0 = performance.now(); new RegExp(workerData.re).test(workerData.path); parentPort.postMessage(performance.now() - t0);`, {
      eval: true,
      workerData: { re: regexOf(glob).source, path },
    });
    const timer = setTimeout(() => void w.terminate().then(() => resolve('over budget')), BUDGET_MS);
    w.once('message', (ms: number) => {
      clearTimeout(timer);
      void w.terminate();
      resolve(ms);
    });
  });
}

console.log(`hostile: src/${'*a'}... X.ts (k stars) against src/<200 a's>.ts; regex budget ${BUDGET_MS} ms`);
for (const k of [4, 6, 8, 12, 24]) {
  const glob = `src/${'*a'.repeat(k)}X.ts`;
  const path = `src/${'a'.repeat(200)}.ts`;
  const t0 = performance.now();
  matchesAny(path, [glob]);
  const m = performance.now() - t0;
  const r = await regexMs(glob, path);
  console.log(`  k=${String(k).padStart(2)}  regex ${typeof r === 'number' ? `${r.toFixed(2)} ms` : r}   matcher ${m.toFixed(2)} ms${typeof r === 'number' ? `   ratio ${(m / r).toFixed(3)}` : ''}`);
}
