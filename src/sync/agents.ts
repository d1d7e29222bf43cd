// The agents of one session: its main thread and its subagents (or in-process teammates) edit one
// checkout at once, so they collide like sessions do (docs/conflicts.md, "Agents of one session").
// Each agent is one side of a conflict; what it was told is kept under its own keys.
import { isSameCheckoutConflict, type Finding, type MyEdits, type PeerEdits, type PeerView } from '../core/conflicts.js';
import type { EditRecord } from '../core/records.js';
import { shortId } from '../core/ids.js';

/** The main thread's name as an agent: its edits carry no agent id. */
export const MAIN = 'main';

export const agentOf = (e: Pick<EditRecord, 'agent'>): string => e.agent ?? MAIN;

/** The told-once key of a finding for one agent. The main thread keeps session keys for other sessions. */
export function agentKey(agent: string, key: string): string {
  return agent === MAIN ? `agents|main|${key}` : `agent:${agent}|${key}`;
}

/** An agent's type as its records name it (`general-purpose`), kept to what a label needs: it comes from payloads. */
function agentTypeOf(edits: readonly EditRecord[]): string | undefined {
  return edits.find((e) => e.agentType)?.agentType?.replace(/[^\w:.-]/g, '').slice(0, 40) || undefined;
}

/** A subagent's name: its type and short id, `general-purpose (a2716e4b)`. */
function subagentName(agent: string, edits: readonly EditRecord[]): string {
  const type = agentTypeOf(edits);
  return `${type ? `${type} ` : ''}(${shortId(agent.replace(/[^\w-]/g, ''))})`;
}

/** How another agent of this session is named to an agent. */
export function agentView(sessionId: string, worktree: string, agent: string, edits: readonly EditRecord[]): PeerView {
  const label = agent === MAIN ? "this session's main thread" : `this session's subagent ${subagentName(agent, edits)}`;
  return { sessionId, label, worktree, kind: 'agent', agentId: agent };
}

/** A session's edits of one file by agent. */
export function byAgent(edits: readonly EditRecord[]): Map<string, EditRecord[]> {
  const out = new Map<string, EditRecord[]>();
  for (const e of edits) {
    const a = agentOf(e);
    const list = out.get(a);
    if (list) list.push(e);
    else out.set(a, [e]);
  }
  return out;
}

/**
 * The pairs to decide for `agent` in one file of its session: its own edits against each other
 * agent's. The session's resolve time counts for every agent (resolve_conflicts is the session's).
 */
export function siblingPair(sessionId: string, file: string, worktree: string, agent: string, edits: readonly EditRecord[], resolvedAt: number): { mine: MyEdits; peers: PeerEdits[] } | undefined {
  const groups = byAgent(edits);
  const mine = groups.get(agent) ?? [];
  const peers: PeerEdits[] = [];
  for (const [other, list] of groups) {
    if (other === agent) continue;
    peers.push({ peer: agentView(sessionId, worktree, other, list), edits: list, resolvedAt });
  }
  if (mine.length === 0 || peers.length === 0) return undefined;
  return { mine: { sessionId, file, worktree, edits: mine, resolvedAt }, peers };
}

/** For the main thread's overview: each pair of its subagents with edits of one file, once. */
export interface SubagentPair {
  mine: MyEdits;
  peers: PeerEdits[];
  /** The two, as the overview names them. */
  names: string;
  ids: string;
}

export function subagentPairs(sessionId: string, file: string, worktree: string, edits: readonly EditRecord[], resolvedAt: number): SubagentPair[] {
  const groups = [...byAgent(edits)].filter(([a]) => a !== MAIN).sort(([a], [b]) => a.localeCompare(b));
  const out: SubagentPair[] = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const [a, ea] = groups[i]!;
      const [b, eb] = groups[j]!;
      out.push({
        mine: { sessionId, file, worktree, edits: ea, resolvedAt },
        peers: [{ peer: agentView(sessionId, worktree, b, eb), edits: eb, resolvedAt }],
        names: `${subagentName(a, ea)} and ${subagentName(b, eb)}`,
        ids: `${a}+${b}`,
      });
    }
  }
  return out;
}

/** The conflicts of a subagent pair, as the main thread is told them (under its own keys). */
export function overviewFindings(pair: SubagentPair, found: readonly Finding[]): Finding[] {
  return found
    .filter(isSameCheckoutConflict)
    .map((f) => ({ ...f, peer: { sessionId: pair.mine.sessionId, label: pair.names, worktree: pair.mine.worktree, kind: 'agents' as const, agentId: pair.ids }, key: `agents|pair|${f.key}` }));
}

/** A session's subagents that edited something, each with the files it edited (for listings). */
export interface AgentSummary {
  agentId: string;
  type: string | null;
  label: string;
  files: string[];
}

export function subagentsOf(edits: readonly EditRecord[]): AgentSummary[] {
  const out: AgentSummary[] = [];
  for (const [agent, list] of byAgent(edits)) {
    if (agent === MAIN) continue;
    out.push({
      agentId: agent.replace(/[^\w-]/g, '').slice(0, 64),
      type: agentTypeOf(list) ?? null,
      label: `subagent ${subagentName(agent, list)}`,
      files: [...new Set(list.map((e) => e.file))].sort(),
    });
  }
  return out.sort((a, b) => a.agentId.localeCompare(b.agentId));
}
