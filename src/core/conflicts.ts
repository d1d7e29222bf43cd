// Pure conflict logic: given what this session edits and what live peers recorded for the same
// file, say what overlaps. No disk, no clock, no process table: callers pass everything in.
import { editIdentity, openStretch, openUnits, unitsOf, OUTSIDE_SYMBOLS, WHOLE_FILE, type Observation } from './openness.js';
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
  /**
   * Who the other side is: another session (the default); another agent of this session (its main
   * thread or a subagent, `agentId` set); or, for the main thread's overview, two of its subagents.
   */
  kind?: 'session' | 'agent' | 'agents';
  agentId?: string;
  /** Team mode: the label of the other machine it runs on (undefined: this machine). */
  machine?: string;
}

/** `remote`: a session on another machine (another checkout by definition) has open edits of the same code. */
export type FindingLevel = 'symbol' | 'file' | 'remote' | 'merge-risk' | 'notice';

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
  /** The key under which the peer is (or will be) told about the same conflict, seen from its side. */
  mirrorKey?: string;
}

/** What this session has done to a file, as far as conflicts go. */
export interface MyEdits {
  sessionId: string;
  file: string;
  worktree: string;
  /** This session's edit records of the file (at PreToolUse, plus the edit about to be made). */
  edits: readonly EditRecord[];
  /** Peer edits at or before this time were handled (resolve_conflicts). */
  resolvedAt: number;
}

export interface PeerEdits {
  peer: PeerView;
  edits: EditRecord[];
  /** The peer's own resolve time for this file: for the key it is told under (the mirrored key). */
  resolvedAt?: number;
}

const stretchId = (e: EditRecord | undefined) => (e ? editIdentity(e) : '-');
const allUnits = (e: EditRecord) => unitsOf(e);
const unitOnly = (u: string) => (e: EditRecord) => (unitsOf(e).includes(u) ? [u] : []);

/**
 * What the open edits of this session and of live peers have in common in one file (see
 * docs/conflicts.md). Conflict keys name the two sides' open stretches, so each conflict is told
 * once, and again only when it ended and started anew.
 */
export function findingsForFile(mine: MyEdits, peers: readonly PeerEdits[], obs: readonly Observation[]): Finding[] {
  const out: Finding[] = [];
  const myEdits = mine.edits.filter((e) => e.file === mine.file);
  const myOpen = myEdits.filter((e) => e.worktree === mine.worktree && openUnits(e, obs).length > 0);
  const myUnits = new Set(myOpen.flatMap((e) => openUnits(e, obs)));
  for (const { peer, edits, resolvedAt: peerResolvedAt = 0 } of peers) {
    const ofFile = edits.filter((e) => e.file === mine.file);
    const live = ofFile.filter((e) => e.ts > mine.resolvedAt);
    if (live.length === 0) continue;
    if (peer.machine !== undefined) {
      out.push(...remoteFindings(mine, myOpen, myUnits, peer, live, obs));
      continue;
    }
    if (peer.worktree !== mine.worktree) {
      if (myEdits.length === 0) continue;
      out.push({
        level: 'merge-risk',
        file: mine.file,
        symbols: [],
        peer,
        key: `merge-risk|${peer.sessionId}|${mine.file}|${mine.resolvedAt}`,
        mirrorKey: `merge-risk|${mine.sessionId}|${mine.file}|${peerResolvedAt}`,
      });
      continue;
    }
    if (myOpen.length === 0) continue;
    const open = live.filter((e) => e.worktree === mine.worktree && openUnits(e, obs).length > 0);
    if (open.length === 0) continue;
    const theirs = new Set(open.flatMap((e) => openUnits(e, obs)));
    // Seen from the peer's side: its edits are all "mine", mine count after its own resolve time.
    const mineForPeer = myEdits.filter((e) => e.ts > peerResolvedAt);
    if (myUnits.has(WHOLE_FILE) || theirs.has(WHOLE_FILE)) {
      const key = (a: readonly EditRecord[], b: readonly EditRecord[]) =>
        `file|${mine.file}|${stretchId(openStretch(a, allUnits, obs))}|${stretchId(openStretch(b, allUnits, obs))}`;
      out.push({ level: 'file', file: mine.file, symbols: [], peer, key: key(live, myEdits), mirrorKey: key(mineForPeer, ofFile) });
      continue;
    }
    const shared = [...myUnits].filter((u) => u !== OUTSIDE_SYMBOLS && theirs.has(u)).sort();
    for (const s of shared) {
      const key = (a: readonly EditRecord[], b: readonly EditRecord[]) =>
        `symbol|${mine.file}|${s}|${stretchId(openStretch(a, unitOnly(s), obs))}|${stretchId(openStretch(b, unitOnly(s), obs))}`;
      out.push({ level: 'symbol', file: mine.file, symbols: [s], peer, key: key(live, myEdits), mirrorKey: key(mineForPeer, ofFile) });
    }
    if (shared.length === 0) {
      out.push({
        level: 'notice',
        file: mine.file,
        symbols: [...theirs].filter((u) => u !== OUTSIDE_SYMBOLS).sort(),
        peer,
        key: `notice|${peer.sessionId}|${mine.file}|${mine.resolvedAt}`,
      });
    }
  }
  return out;
}

/**
 * Across machines (docs/conflicts.md, "Across machines"): the peer's relay published only its open
 * edits, judged against its own HEAD, so none of this checkout's observations apply to them. Mine
 * are open as here. The same unit on both sides is a conflict (`remote`), the whole file where
 * either side has no symbols; different symbols are not mentioned. Each side keys its own telling,
 * so the key needs no mirror: the other machine tells its session from its own copy of mine.
 */
function remoteFindings(
  mine: MyEdits,
  myOpen: readonly EditRecord[],
  myUnits: ReadonlySet<string>,
  peer: PeerView,
  theirs: readonly EditRecord[],
  obs: readonly Observation[],
): Finding[] {
  if (myOpen.length === 0) return [];
  const theirUnits = new Set(theirs.flatMap(unitsOf));
  const stretch = (edits: readonly EditRecord[], units: (e: EditRecord) => string[], o: readonly Observation[]) => stretchId(openStretch(edits, units, o));
  if (myUnits.has(WHOLE_FILE) || theirUnits.has(WHOLE_FILE)) {
    const key = `remote|${peer.sessionId}|${mine.file}|*|${stretch(theirs, allUnits, [])}|${stretch(mine.edits, allUnits, obs)}`;
    return [{ level: 'remote', file: mine.file, symbols: [], peer, key }];
  }
  const shared = [...myUnits].filter((u) => u !== OUTSIDE_SYMBOLS && theirUnits.has(u)).sort();
  return shared.map((s) => ({
    level: 'remote' as const,
    file: mine.file,
    symbols: [s],
    peer,
    key: `remote|${peer.sessionId}|${mine.file}|${s}|${stretch(theirs, unitOnly(s), [])}|${stretch(mine.edits, unitOnly(s), obs)}`,
  }));
}

/** Findings whose telling depends on whether this checkout's edits are still open: worth a look at the file first. */
export const dependsOnOpenEdits = (f: Finding) => f.level === 'symbol' || f.level === 'file' || f.level === 'remote';

/** A conflict in this checkout (symbol or file): what git is asked about before it is told. */
export const isSameCheckoutConflict = (f: Finding) => f.level === 'symbol' || f.level === 'file';

/** Group findings per peer and file, conflicts before notices, for one readable alert. */
export function groupFindings(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const k = `${f.level}|${f.peer.sessionId}|${f.peer.kind ?? 'session'}|${f.peer.agentId ?? ''}|${f.file}`;
    const prev = byKey.get(k);
    if (prev) prev.symbols = [...new Set([...prev.symbols, ...f.symbols])].sort();
    else byKey.set(k, { ...f, symbols: [...f.symbols] });
  }
  const rank: Record<FindingLevel, number> = { symbol: 0, file: 1, remote: 2, 'merge-risk': 3, notice: 4 };
  return [...byKey.values()].sort((a, b) => rank[a.level] - rank[b.level] || a.file.localeCompare(b.file));
}

export const isConflict = (f: Finding) => f.level !== 'notice';
