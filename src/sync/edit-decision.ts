// What one edit changes, decided from a snapshot of the store: after it (recording it) and before it
// (checking it). No disk, clock or process table here: `recordEdit` and `checkEdit` (edits.ts) read
// the snapshot and carry the decision out, in its order.
import { findingsForFile, groupFindings, isConflict, isSameCheckoutConflict, type Finding, type PeerEdits } from '../core/conflicts.js';
import type { Observation } from '../core/openness.js';
import type { EditRecord } from '../core/records.js';
import { renderFindings } from '../core/render.js';
import { agentKey, MAIN, overviewFindings, siblingPair, subagentPairs } from './agents.js';
import type { Sides } from './settle.js';

/** This session against live peers, and this agent against the session's other agents; either may be absent. */
export interface EditSides {
  agent: string;
  session?: Sides;
  agents?: Sides;
  list: Sides[];
}

/** The sides to decide for an edit of `rel` by `agent` (docs/conflicts.md). */
export function sidesOf(sessionId: string, agent: string, rel: string, worktree: string, peers: PeerEdits[], edits: EditRecord[], resolvedAt: number): EditSides {
  const session: Sides | undefined = peers.length ? { mine: { sessionId, file: rel, worktree, edits, resolvedAt }, peers } : undefined;
  const agents = siblingPair(sessionId, rel, worktree, agent, edits, resolvedAt);
  return { agent, session, agents, list: [session, agents].filter((x): x is Sides => !!x) };
}

/** Findings decided for `sides.list`, split back into [against other sessions, against this session's agents]. */
export function bySide(sides: EditSides, findings: Finding[][]): [Finding[], Finding[]] {
  return [sides.session ? findings[0]! : [], sides.agents ? findings[sides.list.length - 1]! : []];
}

/** The store as one hook of an edit found it, before or after the edit. */
interface EditSnapshot {
  /** The agent that makes the edit (`MAIN` for the main thread). */
  agent: string;
  /** This session's records of the file, without this edit. */
  mine: readonly EditRecord[];
  /** Live peers' records of the file (after the edit: empty when its record is a copy already recorded, they are not read). */
  peers: PeerEdits[];
  /** This session's resolve time for the file. */
  resolvedAt: number;
  /** Observations every session has recorded of the file. */
  recorded: readonly Observation[];
  /** Fresh observations from a look at HEAD, not yet recorded. */
  looked: readonly Observation[];
}

/** The store as one PostToolUse of an edit found it. */
export interface RecordedEditSnapshot extends EditSnapshot {
  /** The record this edit adds. */
  rec: EditRecord;
  /** The hooks module did not wait for the answer: owed alerts are left for the next delivery. */
  later: boolean;
  /**
   * Whether a session's model was told under a key. A query rather than a list: told keys are stored
   * by hash, and which keys matter depends on the findings.
   */
  told: (sessionId: string, key: string) => boolean;
}

/** A session (or one agent of it) to wake for alerts it is owed. */
export interface WakeUp {
  sessionId: string;
  agent?: string;
  pid?: number;
}

export interface RecordedEditDecision {
  /** The record to append; none for a copy of one already recorded. */
  record?: EditRecord;
  /** Observations to record under this session, before the record. */
  observations: readonly Observation[];
  /** In this order, after the record is written. */
  wake: WakeUp[];
  /** Merge risks to refine by a trial merge before anything is claimed (the slow part). */
  refine: Finding[];
  /** Findings to tell, each under its told-once key, claimed in this order; only those whose claim wins are shown. */
  tell: Array<{ key: string; finding: Finding }>;
}

/**
 * PostToolUse of an edit: what to write, whom to wake and what to tell. A record sent again with the
 * same tool_use id (the module resends one the server did not confirm) changes nothing: the first copy stands.
 */
export function decideRecordedEdit(s: RecordedEditSnapshot): RecordedEditDecision {
  const { rec } = s;
  if (rec.toolUseId && s.mine.some((e) => e.toolUseId === rec.toolUseId)) return { observations: [], wake: [], refine: [], tell: [] };
  const me = rec.session;
  const sides = sidesOf(me, s.agent, rec.file, rec.worktree, s.peers, [...s.mine, rec], s.resolvedAt);
  if (sides.list.length === 0) return { record: rec, observations: [], wake: [], refine: [], tell: [] };
  const obs = s.looked.length ? [...s.recorded, ...s.looked] : [...s.recorded];
  const [withSessions, withAgents] = bySide(
    sides,
    sides.list.map((x) => findingsForFile(x.mine, x.peers, obs)),
  );
  const wake = owedWakeUps(me, sides, obs, s.told);
  const untold = (f: Finding) => !s.told(me, f.key);
  const untoldToAgent = (f: Finding) => !s.told(me, agentKey(sides.agent, f.key));
  const base = { record: rec, observations: s.looked, wake };
  if (s.later) {
    if (withSessions.some(untold) || withAgents.some(untoldToAgent)) wake.push({ sessionId: me, agent: sides.agent });
    return { ...base, refine: [], tell: [] };
  }
  return {
    ...base,
    refine: withSessions.filter((f) => (f.level === 'merge-risk' || f.level === 'remote') && untold(f)),
    tell: [...withSessions.map((f) => ({ key: f.key, finding: f })), ...withAgents.map((f) => ({ key: agentKey(sides.agent, f.key), finding: f }))],
  };
}

/**
 * The other sides learn at their next prompt, or after their next tool call if they work on their
 * own: each is woken for what this edit started *from its side* and it has not been told. Decided
 * from its side, not mirrored from this one: a resolve counts only for the side that made it, so a
 * conflict this session no longer hears of can be new to the other.
 */
function owedWakeUps(me: string, sides: EditSides, obs: Observation[], told: RecordedEditSnapshot['told']): WakeUp[] {
  const out: WakeUp[] = [];
  if (sides.session) {
    const mine = sides.session.mine;
    const asPeer = { peer: { sessionId: me, label: '', worktree: mine.worktree }, edits: [...mine.edits], resolvedAt: mine.resolvedAt };
    for (const p of sides.session.peers) {
      if (p.peer.machine !== undefined) continue; // another machine's relay tells its own sessions
      const theirs = findingsForFile({ sessionId: p.peer.sessionId, file: mine.file, worktree: p.peer.worktree, edits: p.edits, resolvedAt: p.resolvedAt ?? 0 }, [asPeer], obs);
      if (theirs.some((f) => isConflict(f) && !told(p.peer.sessionId, f.key))) out.push({ sessionId: p.peer.sessionId, pid: p.peer.pid });
    }
  }
  if (sides.agents) {
    const mine = sides.agents.mine;
    const asPeer = { peer: { sessionId: me, label: '', worktree: mine.worktree, kind: 'agent' as const, agentId: sides.agent }, edits: [...mine.edits], resolvedAt: mine.resolvedAt };
    for (const p of sides.agents.peers) {
      const other = p.peer.agentId!;
      const theirs = findingsForFile({ sessionId: me, file: mine.file, worktree: mine.worktree, edits: p.edits, resolvedAt: mine.resolvedAt }, [asPeer], obs);
      if (theirs.some((f) => isSameCheckoutConflict(f) && !told(me, agentKey(other, f.key)))) out.push({ sessionId: me, agent: other });
    }
    // Two subagents meet: the main thread, which will merge their reports, is owed an overview.
    if (sides.agent !== MAIN) {
      const all = [...mine.edits, ...sides.agents.peers.flatMap((p) => p.edits)];
      for (const pair of subagentPairs(me, mine.file, mine.worktree, all, mine.resolvedAt)) {
        const owed = overviewFindings(pair, findingsForFile(pair.mine, pair.peers, obs));
        if (owed.some((f) => !told(me, agentKey(MAIN, f.key)))) {
          out.push({ sessionId: me });
          break;
        }
      }
    }
  }
  return out;
}

/** The store as one PreToolUse of an edit found it. */
export interface PendingEditSnapshot extends EditSnapshot {
  /** The edit about to be made, as its record will read (the same tool_use id names it in alert keys). */
  pending: EditRecord;
  onConflict: 'warn' | 'block';
  /** How the model names this plugin's tools, for the texts. */
  toolPrefix: string;
}

export interface PendingEditDecision {
  observations: readonly Observation[];
  /** With `onConflict: block`: the edit is denied, for this reason; nothing is claimed. */
  deny?: string;
  /** Conflicts in this checkout to tell before the edit, under the keys PostToolUse uses, in claiming order. */
  tell: Array<{ key: string; finding: Finding }>;
}

/** PreToolUse of an edit: warn (or block, per config) before touching a peer's uncommitted work. */
export function decidePendingEdit(s: PendingEditSnapshot): PendingEditDecision {
  const { pending } = s;
  const sides = sidesOf(pending.session, s.agent, pending.file, pending.worktree, s.peers, [...s.mine, pending], s.resolvedAt);
  if (sides.list.length === 0) return { observations: [], tell: [] };
  const obs = s.looked.length ? [...s.recorded, ...s.looked] : [...s.recorded];
  const [bySession, byAgentSide] = bySide(
    sides,
    sides.list.map((x) => findingsForFile(x.mine, x.peers, obs)),
  );
  const withSessions = bySession.filter(isSameCheckoutConflict);
  const withAgents = byAgentSide.filter(isSameCheckoutConflict);
  const findings = [...withSessions, ...withAgents];
  if (findings.length === 0) return { observations: s.looked, tell: [] };
  if (s.onConflict === 'block') {
    const reason =
      renderFindings(groupFindings(findings), s.toolPrefix) +
      '\nThis edit was blocked by context-sync (onConflict: block). Coordinate first; after resolve_conflicts for this file the edit is allowed.';
    return { observations: s.looked, deny: reason, tell: [] };
  }
  // Same keys as PostToolUse: the model is told once, before the edit, not again after it.
  return {
    observations: s.looked,
    tell: [...withSessions.map((f) => ({ key: f.key, finding: f })), ...withAgents.map((f) => ({ key: agentKey(sides.agent, f.key), finding: f }))],
  };
}
