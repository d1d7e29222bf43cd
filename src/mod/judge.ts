// What the hooks module decides on its own, in Claude Code's process, with no round trip: whether
// an edit may meet another side's open work (then the session's MCP server, which reads the store,
// decides and tells) or certainly does not (then the edit is only recorded, off the model's path).
//
// Pure: the watch list the server last sent, the edit's input and result in, a verdict out. It errs
// one way only: "may meet" whenever it cannot be sure, so the server is asked and nothing untold
// stays untold (docs/module.md).
import { editedRanges, isHunk, lineCount, rangeOfEdit, type Hunk } from '../core/patch.js';
import { OUTSIDE_SYMBOLS, WHOLE_FILE } from '../core/openness.js';
import { enclosingSymbols, languageOf } from '../symbols/index.js';

export type { Watch, WatchedFile } from '../core/watch.js';
import type { WatchedFile } from '../core/watch.js';

/** Symbols are not resolved in larger files (as on the server): the edit counts as the whole file. */
export const MAX_SYMBOL_BYTES = 2 * 1024 * 1024;

/** '/a/b/../c/./d' -> '/a/c/d'; a relative path is taken from `cwd`. Paths are compared as spelled. */
export function normalizePath(p: string, cwd: string): string {
  const abs = p.startsWith('/') ? p : `${cwd.replace(/\/+$/, '')}/${p}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** The units of an edit at `ranges` of `text` (the same rule as the server's records); `*` when unknown. */
export function unitsAt(file: string, text: string | undefined, ranges: Array<[number, number]>): string[] {
  const lang = languageOf(file);
  if (!lang || text === undefined || text.length > MAX_SYMBOL_BYTES || ranges.length === 0) return [WHOLE_FILE];
  try {
    const names = new Set<string>();
    for (const spans of enclosingSymbols(text, lang, ranges)) for (const s of spans) names.add(s.name);
    return names.size ? [...names] : [OUTSIDE_SYMBOLS];
  } catch {
    return [WHOLE_FILE];
  }
}

/** Whether units on the two sides can be the same code. */
export function meets(mine: readonly string[], theirs: readonly string[]): boolean {
  if (mine.includes(WHOLE_FILE) || theirs.includes(WHOLE_FILE)) return true;
  const set = new Set(theirs);
  return mine.some((u) => u !== OUTSIDE_SYMBOLS && set.has(u));
}

/** The file as an edit tool left it, from the tool's own result: Claude Code sends the text before and the change. */
export function textAfter(tool: string, input: Record<string, unknown>, result: unknown): string | undefined {
  if (tool === 'Write') return typeof input.content === 'string' ? input.content : undefined;
  if (tool !== 'Edit' || !result || typeof result !== 'object') return undefined;
  const r = result as Record<string, unknown>;
  if (typeof r.originalFile !== 'string' || typeof r.oldString !== 'string' || typeof r.newString !== 'string' || !r.oldString) return undefined;
  const original = r.originalFile;
  const replacement = r.newString;
  const out = r.replaceAll === true ? original.split(r.oldString).join(replacement) : original.replace(r.oldString, () => replacement);
  return out === original && r.oldString !== replacement ? undefined : out;
}

/** The hunks of a tool result, if it carries any. */
export function hunksOf(result: unknown): Hunk[] {
  const p = result && typeof result === 'object' ? (result as Record<string, unknown>).structuredPatch : undefined;
  return Array.isArray(p) ? p.filter(isHunk) : [];
}

/** Where an edit that was made landed, as units of the file after it (undefined: cannot tell). */
export function unitsOfMadeEdit(file: string, tool: string, input: Record<string, unknown>, result: unknown, after: string | undefined): string[] {
  if (tool === 'NotebookEdit') return [WHOLE_FILE];
  const hunks = hunksOf(result);
  const ranges: Array<[number, number]> = hunks.length ? editedRanges(hunks) : after === undefined ? [] : [[1, lineCount(after)]];
  return unitsAt(file, after, ranges);
}

/** Where an edit about to be made will land, judged on `text` (this session's last copy of the file). */
export function unitsOfPlannedEdit(file: string, tool: string, input: Record<string, unknown>, text: string | undefined): string[] {
  if (text === undefined) return [WHOLE_FILE];
  const one = (e: Record<string, unknown>) => (typeof e.old_string === 'string' ? rangeOfEdit(text, e.old_string, e.new_string) : undefined);
  let ranges: Array<[number, number] | undefined>;
  if (tool === 'Edit') ranges = [one(input)];
  else if (tool === 'MultiEdit' && Array.isArray(input.edits)) ranges = input.edits.map((e) => (e && typeof e === 'object' ? one(e as Record<string, unknown>) : undefined));
  else return [WHOLE_FILE];
  // An old_string this copy does not hold: the copy is stale, the server must look at the file.
  if (ranges.length === 0 || ranges.some((r) => r === undefined)) return [WHOLE_FILE];
  return unitsAt(file, text, ranges as Array<[number, number]>);
}

/**
 * Before an edit: must the server judge it? Only a conflict (never a notice) is told before an edit,
 * so units decide; `block` files always go to the server, which may deny.
 */
export function askBefore(w: WatchedFile | undefined, planned: () => string[]): boolean {
  if (!w) return false;
  if (w.block) return true;
  return meets(planned(), w.units);
}

/** After an edit: must the server judge it now (something may be new to tell), or only record it? */
export function askAfter(w: WatchedFile | undefined, made: () => string[]): boolean {
  if (!w) return false;
  return w.always || meets(made(), w.units);
}
