// When is an edit still open? The contract (docs/conflicts.md): from the moment it is made until
// the code it touched agrees with HEAD again (committed, or reverted), or its session ends.
//
// "The code it touched" is a *unit*: a symbol's own text (its lines minus its nested symbols'),
// `(top)` for the text outside every symbol, or `*` for the whole file (an edit whose symbols are
// unknown). A commit or a revert is not seen when it happens; it is seen as an *observation*: at
// time `at`, these units of the file agreed with HEAD. An observation closes every edit of those
// units made before `at`. Pure: records and observations in, answers out.
import type { EditRecord } from './records.js';

export const WHOLE_FILE = '*';
export const OUTSIDE_SYMBOLS = '(top)';

export interface Observation {
  v: 1;
  /** Edits of the units made strictly before this time are closed. */
  at: number;
  file: string;
  /** Units that agreed with HEAD; `*` means the whole file did (every unit). */
  units: string[];
}

/** The units an edit touched. */
export function unitsOf(e: Pick<EditRecord, 'symbols'>): string[] {
  if (e.symbols === null) return [WHOLE_FILE];
  return e.symbols.length ? e.symbols : [OUTSIDE_SYMBOLS];
}

/** When the edit's part in `unit` was closed: the first observation after it covering the unit. */
export function closedAt(e: Pick<EditRecord, 'ts'>, unit: string, obs: readonly Observation[]): number {
  let first = Infinity;
  for (const o of obs) {
    if (o.at <= e.ts || o.at >= first) continue;
    // A whole-file edit closes only when the whole file agreed; a symbol's part closes with its symbol.
    if (o.units.includes(WHOLE_FILE) || (unit !== WHOLE_FILE && o.units.includes(unit))) first = o.at;
  }
  return first;
}

export function isOpen(e: EditRecord, unit: string, obs: readonly Observation[]): boolean {
  return closedAt(e, unit, obs) === Infinity;
}

/** The units of an edit that are still open. */
export function openUnits(e: EditRecord, obs: readonly Observation[]): string[] {
  return unitsOf(e).filter((u) => isOpen(e, u, obs));
}

/** The identity of an edit for alert keys: Claude Code's tool_use id, the same at PreToolUse and PostToolUse. */
export const editIdentity = (e: Pick<EditRecord, 'toolUseId' | 'session' | 'ts'>) => e.toolUseId ?? `${e.session}@${e.ts}`;

/**
 * One side's current *stretch* of open work on some units: the first edit since the last moment
 * that side had nothing open there. Its identity names a conflict in the told-once keys, so a
 * conflict that ends (commit, revert, resolve) and starts again later is told again, while one that
 * goes on is never told twice. undefined: nothing open.
 */
export function openStretch(edits: readonly EditRecord[], units: (e: EditRecord) => string[], obs: readonly Observation[]): EditRecord | undefined {
  const sorted = [...edits].sort((a, b) => a.ts - b.ts);
  let start: EditRecord | undefined;
  let end = -Infinity;
  for (const e of sorted) {
    const us = units(e);
    if (us.length === 0) continue;
    if (e.ts >= end) start = e; // everything before was closed before this edit: a new stretch
    let close = -Infinity;
    for (const u of us) close = Math.max(close, closedAt(e, u, obs));
    end = Math.max(end, close);
  }
  return end === Infinity ? start : undefined;
}
