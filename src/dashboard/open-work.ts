// THE place where the dashboard decides which recorded edits are still open (not committed, not
// reverted) and where two live sessions meet. It uses the same rules as the hooks (the observations
// of docs/conflicts.md, findingsForFile, resolve markers), so the page never disagrees with what the
// models are told.
import { findingsForFile, type FindingLevel, type PeerEdits, type PeerView } from '../core/conflicts.js';
import { openUnits, OUTSIDE_SYMBOLS, WHOLE_FILE } from '../core/openness.js';
import type { EditRecord } from '../core/records.js';
import type { ProjectStore } from '../store/session-store.js';

export interface SessionEdits {
  peer: PeerView;
  /** Every edit record of the session in this project. */
  edits: EditRecord[];
}

/** One session's uncommitted work on one file. */
export interface OpenFile {
  sessionId: string;
  file: string;
  worktree: string;
  /** Symbols edited and still open; null: file level (language not understood, or a whole-file write). */
  symbols: string[] | null;
  /** Open edit records of this file by this session, and the latest one. */
  edits: number;
  lastEditAt: number;
  firstOpenAt: number;
}

/** Two sessions meeting on one file: a conflict in one checkout, or a merge risk across worktrees. */
export interface Meeting {
  level: Exclude<FindingLevel, 'notice'>;
  file: string;
  /** Shared symbols (level symbol); empty otherwise. */
  symbols: string[];
  /** The two sessions, sorted. */
  sessions: [string, string];
  /** When the later of the two sides started its open work on the file: the moment they met. */
  since: number;
  /** Both sides marked the file handled (resolve_conflicts) after their last edits. */
  handled: boolean;
}

export interface OpenWork {
  open: OpenFile[];
  meetings: Meeting[];
}

/**
 * Which edits of these live sessions are open, and which sessions meet. `isCommitted` says whether
 * a file now equals HEAD in its worktree (committed or reverted since the edits); the caller caches
 * it, since it may ask git.
 */
export function openWork(
  store: ProjectStore,
  sessions: readonly SessionEdits[],
  isCommitted: (worktree: string, file: string) => boolean = () => false,
): OpenWork {
  const byFile = new Map<string, Map<string, EditRecord[]>>();
  for (const s of sessions) {
    for (const e of s.edits) {
      let perSession = byFile.get(e.file);
      if (!perSession) byFile.set(e.file, (perSession = new Map()));
      const list = perSession.get(s.peer.sessionId) ?? [];
      list.push(e);
      perSession.set(s.peer.sessionId, list);
    }
  }
  const views = new Map(sessions.map((s) => [s.peer.sessionId, s.peer]));
  // A session of another machine: its relay published only its open edits, judged against its own
  // HEAD; none of this checkout's observations (nor its git) apply to them.
  const remote = (id: string) => views.get(id)?.machine !== undefined;
  const open: OpenFile[] = [];
  const openByFile = new Map<string, OpenFile[]>();
  // Symbols gathered in a set while the pairs are visited; sorted once at the end.
  const meetings = new Map<string, Omit<Meeting, 'symbols'> & { symbols: Set<string> }>();
  for (const [file, perSession] of byFile) {
    const obs = store.observationsOf(file);
    const resolved = new Map([...perSession.keys()].map((id) => [id, store.resolvedAt(id, file)]));
    for (const [id, edits] of perSession) {
      const worktree = edits.at(-1)!.worktree;
      const seen = remote(id) ? [] : obs;
      const live = edits.filter((e) => openUnits(e, seen).length > 0);
      if (live.length === 0 || (!remote(id) && isCommitted(worktree, file))) continue;
      const units = new Set(live.flatMap((e) => openUnits(e, seen)));
      const symbols = units.has(WHOLE_FILE) ? null : [...units].filter((u) => u !== OUTSIDE_SYMBOLS).sort();
      let first = Infinity;
      let last = -Infinity;
      for (const e of live) {
        if (e.ts < first) first = e.ts;
        if (e.ts > last) last = e.ts;
      }
      const o: OpenFile = { sessionId: id, file, worktree, symbols, edits: live.length, lastEditAt: last, firstOpenAt: first };
      open.push(o);
      const here = openByFile.get(file);
      if (here) here.push(o);
      else openByFile.set(file, [o]);
      // Meetings are found from this machine's sessions' side (a remote one's own side is its machine's business).
      if (perSession.size < 2 || remote(id)) continue;
      const resolvedAt = resolved.get(id)!;
      const peers: PeerEdits[] = [];
      for (const [other, theirs] of perSession) if (other !== id) peers.push({ peer: views.get(other)!, edits: theirs, resolvedAt: resolved.get(other) });
      const theirFirst = new Map<string, number>();
      for (const f of findingsForFile({ sessionId: id, file, worktree, edits, resolvedAt }, peers, obs)) {
        if (f.level === 'notice') continue;
        const other = f.peer.sessionId;
        const pair = (id < other ? [id, other] : [other, id]) as [string, string];
        const key = `${f.level}|${pair[0]}|${pair[1]}|${file}`;
        let t = theirFirst.get(other);
        if (t === undefined) {
          t = Infinity;
          for (const e of perSession.get(other)!) if (openUnits(e, remote(other) ? [] : obs).length > 0 && e.ts < t) t = e.ts;
          theirFirst.set(other, t);
        }
        const since = Math.max(first, t);
        const prev = meetings.get(key);
        if (prev) {
          for (const x of f.symbols) prev.symbols.add(x);
          prev.since = Math.min(prev.since, since);
        } else meetings.set(key, { level: f.level, file, symbols: new Set(f.symbols), sessions: pair, since, handled: false });
      }
    }
  }
  // A finding exists from a side that has not marked it handled; seen from neither side, it was
  // handled by both (the meeting is still shown, greyed, while the work stays open).
  const out: Meeting[] = [...meetings.values()].map((m) => ({ ...m, symbols: [...m.symbols].sort() }));
  const met = new Set(out.map((m) => `${m.file}\0${m.sessions.join('|')}`));
  for (const [file, perSession] of byFile) {
    if (perSession.size < 2) continue;
    const openHere = openByFile.get(file) ?? [];
    for (let i = 0; i < openHere.length; i++) {
      for (let j = i + 1; j < openHere.length; j++) {
        const a = openHere[i]!;
        const b = openHere[j]!;
        const pair = [a.sessionId, b.sessionId].sort() as [string, string];
        if (met.has(`${file}\0${pair.join('|')}`)) continue;
        if (a.worktree !== b.worktree) continue;
        const shared = a.symbols && b.symbols ? a.symbols.filter((s) => b.symbols!.includes(s)) : null;
        if (shared !== null && shared.length === 0) continue;
        // Both sides resolved: the hooks stay quiet, the page shows it as handled.
        out.push({ level: shared ? 'symbol' : 'file', file, symbols: shared ?? [], sessions: pair, since: Math.max(a.firstOpenAt, b.firstOpenAt), handled: true });
      }
    }
  }
  const rank = { symbol: 0, file: 1, remote: 2, 'merge-risk': 3 } as const;
  out.sort((x, y) => Number(x.handled) - Number(y.handled) || rank[x.level] - rank[y.level] || x.file.localeCompare(y.file) || x.sessions.join().localeCompare(y.sessions.join()));
  open.sort((x, y) => x.file.localeCompare(y.file) || x.sessionId.localeCompare(y.sessionId));
  return { open, meetings: out };
}
