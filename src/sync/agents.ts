// The agents of one session: its main thread and its subagents (or in-process teammates) edit one
// checkout at once, so they collide like sessions do (docs/conflicts.md, "Agents of one session").
// Each agent is one side of a conflict; what it was told is kept under its own keys.
import { isSameCheckoutConflict, type Finding, type MyEdits, type PeerEdits, type PeerView } from '../core/conflicts.js';
import type { EditRecord } from '../core/records.js';
import { shortId } from '../store/ids.js';

/** The main thread's name as an agent: its edits carry no agent id. */
export const MAIN = 'main';

export const agentOf = (e: Pick<EditRecord, 'agent'>): string => e.agent ?? MAIN;

/** The told-once key of a finding for one agent. The main thread keeps session keys for other sessions. */
export function agentKey(agent: string, key: string): string {
  return agent === MAIN ? `agents|main|${key}` : `agent:${agent}|${key}`;
}

/** How another agent of this session is named to an agent. */
export function agentView(sessionId: string, worktree: string, agent: string, edits: readonly EditRecord[]): PeerView {
  // Names come from Claude Code's payloads; keep them to what a label needs.
  const type = edits.find((e) => e.agentType)?.agentType?.replace(/[^\w:.-]/g, '').slice(0, 40);
  const label = agent === MAIN ? "this session's main thread" : `this session's subagent ${type ? `${type} ` : ''}(${shortId(agent.replace(/[^\w-]/g, ''))})`;
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
  const short = (a: string, e: EditRecord[]) => agentView(sessionId, worktree, a, e).label.replace("this session's subagent ", '');
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const [a, ea] = groups[i]!;
      const [b, eb] = groups[j]!;
      out.push({
        mine: { sessionId, file, worktree, edits: ea, resolvedAt },
        peers: [{ peer: agentView(sessionId, worktree, b, eb), edits: eb, resolvedAt }],
        names: `${short(a, ea)} and ${short(b, eb)}`,
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

export function subagentsOf(sessionId: string, edits: readonly EditRecord[]): AgentSummary[] {
  const out: AgentSummary[] = [];
  for (const [agent, list] of byAgent(edits)) {
    if (agent === MAIN) continue;
    const view = agentView(sessionId, list[0]?.worktree ?? '', agent, list);
    out.push({
      agentId: agent.replace(/[^\w-]/g, '').slice(0, 64),
      type: list.find((e) => e.agentType)?.agentType?.replace(/[^\w:.-]/g, '').slice(0, 40) || null,
      label: view.label.replace("this session's ", ''),
      files: [...new Set(list.map((e) => e.file))].sort(),
    });
  }
  return out.sort((a, b) => a.agentId.localeCompare(b.agentId));
}
