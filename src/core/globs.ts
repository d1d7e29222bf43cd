// Glob matching for the `ignore` setting (`**`, `*`, `?`, `{a,b}`; '[' and ']' are plain characters
// there, so Next.js folders like `app/[id]/` are written as they are named) and for git pathspecs
// (`[...]` sets), on '/'-separated paths. Hooks run on every edit: this avoids loading a glob
// library at start-up.
//
// Patterns come from a repository's own config and from shell commands the model writes, so they
// are hostile input. A regular expression built from `src/*a*a*a...X.ts` backtracks exponentially
// on a long name of `a`s (a hook was killed after 12 s). Here a pattern is compiled to a short list
// of steps and run as a set of positions advanced one path character at a time (no backtracking):
// the cost is at most (path length) x (pattern steps), whatever the pattern. Limits keep that
// product small, and a pattern over them is refused with a reason rather than half-applied.

/** Beyond these a pattern is refused (globProblem says why), never matched. */
export const GLOB_LIMITS = {
  /** Characters in the pattern as written. */
  maxLength: 512,
  /** `*`, `**` and `?` together; a real ignore glob has a handful. */
  maxWildcards: 32,
  /** Patterns after expanding every `{a,b}` (the product of the groups' sizes). */
  maxAlternatives: 32,
  /** Steps of all alternatives together: the per-character cost of matching. */
  maxSteps: 2048,
} as const;

type Step =
  | { k: 'lit'; c: string }
  | { k: 'one' } // `?`
  | { k: 'set'; neg: boolean; ranges: Array<[number, number]> } // `[...]`, pathspecs only
  | { k: 'star' } // `*`: any run of characters (within one folder, unless the dialect crosses '/')
  | { k: 'any' } // `**` not followed by '/': any run, folders included
  | { k: 'dirs' }; // `**/`: nothing, or any run ending in '/'

interface Dialect {
  /** `*` and `?` match '/' too (git pathspecs), or stop at it (ignore globs). */
  crossSlash: boolean;
  /** `[...]` is a character set (pathspecs); else '[' is a literal (Next.js `[id].tsx` files). */
  sets: boolean;
  /** `{a,b}` alternatives (ignore globs). */
  braces: boolean;
}

const IGNORE: Dialect = { crossSlash: false, sets: false, braces: true };
const PATHSPEC: Dialect = { crossSlash: true, sets: true, braces: false };

interface Alternative {
  steps: Step[];
  /** Literal text before the first wildcard, and after the last: a path without them cannot match. */
  head: string;
  tail: string;
}

export interface CompiledGlob {
  alternatives: Alternative[];
}

function literalRun(steps: Step[]): string {
  let out = '';
  for (const s of steps) {
    if (s.k !== 'lit') break;
    out += s.c;
  }
  return out;
}

function alternative(steps: Step[]): Alternative {
  const head = literalRun(steps);
  const tail = head.length === steps.length ? '' : [...literalRun([...steps].reverse())].reverse().join('');
  return { steps, head, tail };
}

class GlobRefused extends Error {}

/**
 * Split `{a,b}` groups into alternatives. A group inside a group (`{a,{b,c}}`) is refused: read
 * left to right, its first '}' would close the outer group and the pattern would quietly mean
 * something else (`{a,{b,c}}.ts` would not match `c.ts`). Wildcards inside a group are steps of
 * the alternative like any other (`{a?,b}.ts` matches `ax.ts`).
 */
function expandBraces(glob: string): string[] {
  let out = [''];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    const end = c === '{' ? glob.indexOf('}', i) : -1;
    if (end < 0) {
      out = out.map((p) => p + (c === '{' ? '\\{' : c));
      continue;
    }
    const inner = glob.slice(i + 1, end);
    if (inner.includes('{')) throw new GlobRefused("a '{' inside a {a,b} group (nested groups are not supported: write the alternatives out)");
    const parts = inner.split(',');
    if (out.length * parts.length > GLOB_LIMITS.maxAlternatives) {
      throw new GlobRefused(`more than ${GLOB_LIMITS.maxAlternatives} alternatives once its {a,b} groups are expanded`);
    }
    out = out.flatMap((p) => parts.map((q) => p + q));
    i = end;
  }
  return out;
}

function parseSet(glob: string, start: number): { step: Step; end: number } | undefined {
  let i = start + 1;
  const neg = glob[i] === '!' || glob[i] === '^';
  if (neg) i++;
  const ranges: Array<[number, number]> = [];
  let first = true;
  for (; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === ']' && !first) return { step: { k: 'set', neg, ranges }, end: i };
    first = false;
    const lo = c.codePointAt(0)!;
    if (glob[i + 1] === '-' && glob[i + 2] !== undefined && glob[i + 2] !== ']') {
      ranges.push([lo, glob[i + 2]!.codePointAt(0)!]);
      i += 2;
    } else ranges.push([lo, lo]);
  }
  return undefined; // unterminated: a literal '['
}

function toSteps(glob: string, d: Dialect): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && d.braces && glob[i + 1] === '{') {
      steps.push({ k: 'lit', c: '{' }); // an unmatched '{', escaped by expandBraces
      i++;
    } else if (c === '*') {
      let j = i;
      while (glob[j + 1] === '*') j++;
      const double = j > i;
      i = j;
      // A run of stars is one step: `***` costs what `**` does.
      if (!double || d.crossSlash) {
        const k = d.crossSlash ? 'any' : 'star';
        if (steps.at(-1)?.k !== k) steps.push({ k });
      } else if (glob[i + 1] === '/') {
        i++;
        steps.push({ k: 'dirs' });
      } else steps.push({ k: 'any' });
    } else if (c === '?') steps.push({ k: 'one' });
    else if (c === '[' && d.sets) {
      const s = parseSet(glob, i);
      if (s) {
        steps.push(s.step);
        i = s.end;
      } else steps.push({ k: 'lit', c });
    } else steps.push({ k: 'lit', c });
  }
  return steps;
}

function countWildcards(glob: string): number {
  // `**` and `***` are one wildcard each, like `*`.
  return (glob.match(/\*+|\?/g) ?? []).length;
}

function compile(glob: string, d: Dialect): CompiledGlob {
  if (glob.length > GLOB_LIMITS.maxLength) throw new GlobRefused(`longer than ${GLOB_LIMITS.maxLength} characters`);
  const wild = countWildcards(glob);
  if (wild > GLOB_LIMITS.maxWildcards) throw new GlobRefused(`${wild} wildcards (at most ${GLOB_LIMITS.maxWildcards})`);
  const alternatives = (d.braces ? expandBraces(glob) : [glob]).map((g) => toSteps(g, d));
  const steps = alternatives.reduce((n, a) => n + a.length, 0);
  if (steps > GLOB_LIMITS.maxSteps) throw new GlobRefused(`${steps} steps once expanded (at most ${GLOB_LIMITS.maxSteps})`);
  return { alternatives: alternatives.map(alternative) };
}

/** Why an ignore glob cannot be matched safely, or undefined when it can. */
export function globProblem(glob: string): string | undefined {
  try {
    compile(glob, IGNORE);
    return undefined;
  } catch (e) {
    if (e instanceof GlobRefused) return e.message;
    throw e;
  }
}

function stepMatches(s: Step, c: string, crossSlash: boolean): boolean {
  switch (s.k) {
    case 'lit':
      return s.c === c;
    case 'one':
      return crossSlash || c !== '/';
    case 'set': {
      const cp = c.codePointAt(0)!;
      const hit = s.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
      return hit !== s.neg && (crossSlash || c !== '/');
    }
    default:
      return false;
  }
}

/**
 * Whether `path` matches one alternative. States are step indexes; a 'dirs' step has a second state
 * (index + n + 1: "inside a run that must end in '/'"), which, unlike the step itself, cannot be
 * skipped. Each path character moves every live state at most once: no backtracking.
 * With `prefix`, a match of a leading part of the path that ends before a '/' counts (git pathspecs:
 * `src` and `s*c` cover everything under src/).
 */
function runSteps(steps: Step[], path: string, crossSlash: boolean, prefix: boolean): boolean {
  const n = steps.length;
  const inside = (i: number) => i + n + 1;
  let cur: number[] = [];
  let next: number[] = [];
  const mark = new Int32Array(2 * n + 2).fill(-1);
  let gen = 0;
  const add = (list: number[], i: number) => {
    // Skippable steps (stars, 'dirs') also put the state after them in the set.
    for (;;) {
      if (mark[i] === gen) return;
      mark[i] = gen;
      list.push(i);
      if (i >= n) return;
      const k = steps[i]!.k;
      if (k !== 'star' && k !== 'any' && k !== 'dirs') return;
      i++;
    }
  };
  add(cur, 0);
  for (let p = 0; p < path.length; p++) {
    if (cur.length === 0) return false;
    const c = path[p]!;
    if (prefix && c === '/' && mark[n] === gen) return true;
    gen++;
    next.length = 0;
    for (const st of cur) {
      if (st > n) {
        // Inside a 'dirs' run: keep consuming; a '/' may end it.
        const i = st - n - 1;
        add(next, st);
        if (c === '/') add(next, i + 1);
        continue;
      }
      if (st === n) continue;
      const s = steps[st]!;
      if (s.k === 'star') {
        if (crossSlash || c !== '/') add(next, st);
      } else if (s.k === 'any') add(next, st);
      else if (s.k === 'dirs') {
        add(next, inside(st));
        if (c === '/') add(next, st + 1);
      } else if (stepMatches(s, c, crossSlash)) add(next, st + 1);
    }
    [cur, next] = [next, cur];
  }
  return mark[n] === gen;
}

function matchesCompiled(g: CompiledGlob, path: string, crossSlash: boolean, prefix: boolean): boolean {
  for (const a of g.alternatives) {
    // Most paths fail on a literal prefix or suffix (`src/gen/`, `.min.js`): no state set to run.
    // (With `prefix`, a match may end before the path does: only the head can be checked.)
    if (!path.startsWith(a.head) || (!prefix && !path.endsWith(a.tail))) continue;
    if (runSteps(a.steps, path, crossSlash, prefix)) return true;
  }
  return false;
}

// Compiled patterns, and refused ones as null: the MCP server matches the same config on every hook.
const cache = new Map<string, CompiledGlob | null>();
const MAX_CACHED = 1000;

function compiledIgnore(glob: string): CompiledGlob | null {
  let g = cache.get(glob);
  if (g === undefined) {
    try {
      g = compile(glob, IGNORE);
    } catch (e) {
      if (!(e instanceof GlobRefused)) throw e;
      g = null;
    }
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(glob, g);
  }
  return g;
}

// A glob of the form "**" + "/name" with no other wildcard: a plain suffix test.
const SUFFIX_ONLY = /^\*\*\/[^*?{}[\]\\]+$/;

/**
 * Whether `path` matches any of the ignore globs. A pattern over GLOB_LIMITS matches nothing:
 * config loading refuses it with a reason (doctor shows it); this is the last line, for a caller
 * that passed one anyway.
 */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  for (const glob of globs) {
    if (SUFFIX_ONLY.test(glob)) {
      const lit = glob.slice(3);
      if (path === lit || path.endsWith('/' + lit)) return true;
      continue;
    }
    const g = compiledIgnore(glob);
    if (g && matchesCompiled(g, path, false, false)) return true;
  }
  return false;
}

/**
 * A matcher for a git pathspec glob as git applies it by default: `*` and `?` cross '/', `[...]`
 * sets, and a match of a leading folder covers what is below it. A pathspec too complex to match
 * safely matches every path: the git guard then errs towards asking.
 */
export function pathspecGlob(spec: string): (path: string) => boolean {
  let g: CompiledGlob;
  try {
    g = compile(spec, PATHSPEC);
  } catch (e) {
    if (e instanceof GlobRefused) return () => true;
    throw e;
  }
  return (path) => matchesCompiled(g, path, true, true);
}
