// Pure conflict logic: given what this session edits and what live peers recorded for the same
// file, say what overlaps. No disk, no clock, no process table: callers pass everything in.
import type { EditRecord } from './records.js';

export interface PeerView {
  sessionId: string;
  /** Short id plus name or branch, for people and models. */
  label: string;
  task?: string;
  worktree: string;
  branch?: string;
  /** Its Claude Code process, where known (to wake it). */
  pid?: number;
}

export type FindingLevel = 'symbol' | 'file' | 'merge-risk' | 'notice';

export interface Finding {
  level: FindingLevel;
  /** Path relative to the worktree top. */
  file: string;
  /** The shared symbols (level symbol), or the peer's symbols in the file (notice). */
  symbols: string[];
  peer: PeerView;
  /** Stable identity: the model is told once per key. */
  key: string;
  /** merge-risk: what a trial merge of the two worktrees says (set by the caller, which runs git). */
  detail?: string;
}

/** What this session has done to a file, as far as conflicts go. */
export interface MyEdits {
  file: string;
  worktree: string;
  /** null: file level (language not understood, or a whole-file rewrite). */
  symbols: string[] | null;
  /** Peer edits at or before this time were handled (resolve_conflicts). */
  resolvedAt: number;
}

export interface PeerEdits {
  peer: PeerView;
  edits: EditRecord[];
}

/**
 * Edits of a file that are settled: some session saw the file equal to HEAD after them
 * (committed or reverted). Returns the time before which every edit of the file is settled.
 */
export function settledBefore(allEdits: readonly EditRecord[], worktree: string): number {
  let t = 0;
  for (const e of allEdits) if (e.baseClean && e.worktree === worktree && e.ts > t) t = e.ts;
  return t;
}

export function findingsForFile(mine: MyEdits, peers: readonly PeerEdits[], settled: number): Finding[] {
  const out: Finding[] = [];
  for (const { peer, edits } of peers) {
    const live = edits.filter((e) => e.file === mine.file && e.ts > mine.resolvedAt);
    if (live.length === 0) continue;
    if (peer.worktree !== mine.worktree) {
      out.push({
        level: 'merge-risk',
        file: mine.file,
        symbols: [],
        peer,
        key: `merge-risk|${peer.sessionId}|${mine.file}|${mine.resolvedAt}`,
      });
      continue;
    }
    const unsettled = live.filter((e) => e.ts > settled);
    if (unsettled.length === 0) continue;
    const peerFileLevel = unsettled.some((e) => e.symbols === null);
    if (mine.symbols === null || peerFileLevel) {
      out.push({ level: 'file', file: mine.file, symbols: [], peer, key: `file|${peer.sessionId}|${mine.file}|${mine.resolvedAt}` });
      continue;
    }
    const theirs = new Set(unsettled.flatMap((e) => e.symbols ?? []));
    const shared = [...new Set(mine.symbols)].filter((s) => theirs.has(s)).sort();
    for (const s of shared) {
      out.push({ level: 'symbol', file: mine.file, symbols: [s], peer, key: `symbol|${peer.sessionId}|${mine.file}|${s}|${mine.resolvedAt}` });
    }
    if (shared.length === 0) {
      out.push({
        level: 'notice',
        file: mine.file,
        symbols: [...theirs].sort(),
        peer,
        key: `notice|${peer.sessionId}|${mine.file}|${mine.resolvedAt}`,
      });
    }
  }
  return out;
}

/** Group findings per peer and file, conflicts before notices, for one readable alert. */
export function groupFindings(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const k = `${f.level}|${f.peer.sessionId}|${f.file}`;
    const prev = byKey.get(k);
    if (prev) prev.symbols = [...new Set([...prev.symbols, ...f.symbols])].sort();
    else byKey.set(k, { ...f, symbols: [...f.symbols] });
  }
  const rank: Record<FindingLevel, number> = { symbol: 0, file: 1, 'merge-risk': 2, notice: 3 };
  return [...byKey.values()].sort((a, b) => rank[a.level] - rank[b.level] || a.file.localeCompare(b.file));
}

export const isConflict = (f: Finding) => f.level !== 'notice';

/** The key under which the peer is (or will be) told about the same finding, seen from its side. */
export function mirroredKey(f: Finding, me: string, peerResolvedAt: number): string {
  const sym = f.level === 'symbol' ? `|${f.symbols[0]}` : '';
  return `${f.level}|${me}|${f.file}${sym}|${peerResolvedAt}`;
}
