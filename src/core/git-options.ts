// git's command lines as git reads them: options the way parse-options does (clusters, attached
// values, unambiguous prefixes of long options), pathspecs to the working-tree scope they cover, and
// the path arithmetic both need. Pure; used by the subcommand classifiers (git-commands.ts).
import { posix } from 'node:path';
import type { Word } from './shell-words.js';

/**
 * Working-tree paths an operation touches. Each path is absolute (resolved against `dir`) and
 * covers itself and everything under it; it may hold glob characters. Paths relative to the
 * repository's top level are kept as `:/rel` for the caller to resolve; when `dir` is unknown,
 * relative paths are kept as given.
 */
export type GitScope = { kind: 'all' } | { kind: 'paths'; paths: string[] };

export const ALL: GitScope = Object.freeze({ kind: 'all' });

export interface OptSpec {
  /** Short options taking the next word (or the rest of the cluster) as their value. */
  short?: string;
  /** Short options whose value can only be attached (`-p1`, `-uno`). */
  attached?: string;
  /** Long options taking a value. */
  long?: string[];
  /** Long flags, listed so that unambiguous prefixes (`--har`) are understood as git does. */
  flags?: string[];
}

export interface Parsed {
  opts: Map<string, string | true>;
  positionals: Word[];
  /** Words after `--`. */
  paths: Word[];
  dashDash: boolean;
}

export function parse(args: Word[], spec: OptSpec): Parsed {
  const p: Parsed = { opts: new Map(), positionals: [], paths: [], dashDash: false };
  const longs = [...(spec.long ?? []), ...(spec.flags ?? [])];
  for (let j = 0; j < args.length; j++) {
    const w = args[j]!;
    const a = w.text;
    if (p.dashDash) p.paths.push(w);
    else if (a === '--' && !w.dynamic) p.dashDash = true;
    else if (w.dynamic || !a.startsWith('-') || a === '-') p.positionals.push(w);
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      let name = eq < 0 ? a : a.slice(0, eq);
      if (!longs.includes(name)) {
        const candidates = longs.filter((l) => l.startsWith(name));
        if (candidates.length === 1) name = candidates[0]!;
      }
      let value: string | true = eq < 0 ? true : a.slice(eq + 1);
      if (value === true && spec.long?.includes(name) && j + 1 < args.length) value = args[++j]!.text;
      p.opts.set(name, value);
    } else {
      for (let c = 1; c < a.length; c++) {
        const ch = a[c]!;
        const restOfCluster = a.slice(c + 1);
        if (spec.short?.includes(ch)) {
          const value = restOfCluster || args[++j]?.text || '';
          p.opts.set(`-${ch}`, value);
          break;
        }
        if (spec.attached?.includes(ch)) {
          p.opts.set(`-${ch}`, restOfCluster || true);
          break;
        }
        p.opts.set(`-${ch}`, true);
      }
    }
  }
  return p;
}

export function has(p: Parsed, ...names: string[]): boolean {
  return names.some((n) => p.opts.has(n));
}

/** What a subcommand's classifier may know of where and how git runs. */
export interface Env {
  /** The subcommand's own words, unparsed. */
  args: Word[];
  /** Directory git runs in; null when it cannot be known. */
  dir: string | null;
  /** $HOME, for `~/x` pathspecs; null when unknown. */
  home: string | null;
  /** xargs / find -exec append arguments we cannot see. */
  unseenArgs: boolean;
  /** `git -c key=value`, keys lower-cased. */
  config: ReadonlyMap<string, string>;
}

/** Pathspecs → scope. Exclusions only (`:!x`) mean everything else: 'all'. */
export function scopeOf(words: Word[], e: Env): GitScope {
  if (e.unseenArgs) return ALL;
  const paths: string[] = [];
  for (const w of words) {
    if (w.dynamic) return ALL;
    let text = expandHome(w.text, w.tilde, e.home);
    if (text === null) return ALL;
    let top = false;
    const long = /^:\(([^)]*)\)(.*)$/s.exec(text);
    const short = /^:([/!^]*):?(.*)$/s.exec(text);
    if (long) {
      const magic = long[1]!.split(',');
      if (magic.includes('exclude')) continue;
      if (magic.some((m) => m.startsWith('attr'))) return ALL;
      top = magic.includes('top');
      text = long[2]!;
    } else if (short && text.startsWith(':')) {
      if (/[!^]/.test(short[1]!)) continue;
      top = short[1]!.includes('/');
      text = short[2]!;
    }
    if (top) {
      if (text === '' || text === '.') return ALL;
      paths.push(`:/${posix.normalize(text)}`);
    } else {
      paths.push(resolvePath(e.dir, text) ?? trimSlash(posix.normalize(text)));
    }
  }
  if (paths.length === 0) return ALL;
  return { kind: 'paths', paths };
}

export function looksLikePath(w: Word): boolean {
  if (w.dynamic) return false;
  const t = w.text;
  if (t === '.' || t === '..' || w.glob || /^(\.{1,2}\/|\/|:|~)/.test(t) || t.endsWith('/')) return true;
  return /\.[A-Za-z][\w-]*$/.test(posix.basename(t));
}

export function isHead(w: Word | undefined): boolean {
  return w !== undefined && !w.dynamic && (w.text === 'HEAD' || w.text === '@');
}

/** `~` and `~/x` with $HOME; null for `~user` or an unknown home. */
export function expandHome(text: string, tilde: boolean, home: string | null): string | null {
  if (!tilde) return text;
  if (text !== '~' && !text.startsWith('~/')) return null; // ~user
  return home === null ? null : home + text.slice(1);
}

export function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** `p` against `dir`, normalised; null when `p` is relative and `dir` unknown. */
export function resolvePath(dir: string | null, p: string): string | null {
  if (posix.isAbsolute(p)) return trimSlash(posix.normalize(p));
  return dir === null ? null : trimSlash(posix.join(dir, p));
}
