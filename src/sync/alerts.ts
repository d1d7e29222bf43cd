// Conflicts for one session across everything it edited: shown at its next prompt (and after its
// next tool call when a peer woke it), each finding once.
import { join } from 'node:path';
import { dependsOnOpenEdits, findingsForFile, type Finding, type MyEdits, type PeerEdits } from '../core/conflicts.js';
import { matchesAny } from '../core/globs.js';
import { editsByFile, type EditRecord } from '../core/records.js';
import { loadConfig } from '../config/config.js';
import type { Project } from '../sessions/project.js';
import { fileKey, type ProjectStore } from '../store/session-store.js';
import type { SyncContext } from './context.js';
import { livePeers, peerView } from './peers.js';
import { hasRemoteIndex, remotePeersOfFile, remotePeerView } from './remote-peers.js';
import { refineMergeRisks } from './merge-risk.js';
import { decideFile, MAX_COMPARED_BYTES, type Sides, type Snapshot } from './settle.js';
import { readUserFile } from '../store/fsx.js';
import { agentKey, byAgent, MAIN, overviewFindings, siblingPair, subagentPairs } from './agents.js';

interface FileWork {
  mine: MyEdits;
  peers: PeerEdits[];
}

/** Per file this session edited (`byFile`: its records): its edits and live peers' edits of the same file. */
function workByFile(ctx: SyncContext, store: ProjectStore, project: Project, me: string, byFile: Map<string, EditRecord[]>): FileWork[] {
  const peers = livePeers(ctx, store, me);
  const team = hasRemoteIndex(ctx, store.projectKey);
  if (peers.length === 0 && !team) return [];
  const { config } = loadConfig(ctx.root, project.worktree);
  const views = new Map(peers.map((p) => [p.id, peerView(ctx, store, p.id, p.meta)]));
  const out: FileWork[] = [];
  for (const [file, edits] of byFile) {
    if (matchesAny(file, config.ignore)) continue;
    const peerEdits: PeerEdits[] = [];
    for (const p of peers) {
      const pe = store.editsOf(p.id, file);
      if (pe.length) peerEdits.push({ peer: views.get(p.id)!, edits: pe, resolvedAt: store.resolvedAt(p.id, file) });
    }
    // Other machines' sessions with records of this file (team mode); one under my own id is forged.
    for (const p of team ? remotePeersOfFile(ctx, store.projectKey, file, fileKey(file), me) : []) {
      const pe = p.store.editsOf(p.id, file);
      if (pe.length) peerEdits.push({ peer: remotePeerView(p), edits: pe });
    }
    if (peerEdits.length === 0) continue;
    const worktree = edits.reduce((a, b) => (b.ts > a.ts ? b : a)).worktree;
    out.push({ mine: { sessionId: me, file, worktree, edits, resolvedAt: store.resolvedAt(me, file) }, peers: peerEdits });
  }
  return out;
}

/** Every current finding for `me` (told or not), from what is recorded; claims nothing, asks no git. */
export function currentFindings(ctx: SyncContext, store: ProjectStore, project: Project, me: string): Finding[] {
  return workByFile(ctx, store, project, me, editsByFile(store.allEdits(me))).flatMap((w) => findingsForFile(w.mine, w.peers, store.observationsOf(w.mine.file)));
}

/** The file as it is now; no snapshot when it cannot be read as a regular file (a FIFO, a device, too large). */
function readNow(worktree: string, rel: string, at: number): Snapshot[] {
  const r = readUserFile(join(worktree, rel), MAX_COMPARED_BYTES);
  if (r.ok) return [{ text: r.data.toString('utf8'), at }];
  return r.why === 'missing' ? [{ text: undefined, at }] : [];
}

/**
 * Every finding for the model of `me` (its main thread, or one of its agents), each under the key it
 * is told under, told or not; claims nothing. The main thread hears of other sessions, of its
 * subagents' edits that meet its own, and of two subagents that meet each other; a subagent hears
 * only of the session's other agents. Looks at a file against HEAD, and refines a merge risk by a
 * trial merge, only when there is something not yet `told`.
 */
export async function deliverableFindings(
  ctx: SyncContext,
  store: ProjectStore,
  project: Project,
  me: string,
  agent: string,
  told: (key: string) => boolean,
): Promise<Finding[]> {
  const candidates: Finding[] = [];
  const untold = (f: Finding) => !told(f.key);
  // The session's records, read once: by file, for other sessions and for its own agents.
  const mine = editsByFile(store.allEdits(me));
  const sessionWork = agent === MAIN ? workByFile(ctx, store, project, me, mine) : [];
  const files = new Map(sessionWork.map((w) => [w.mine.file, w]));
  // Files where another agent of this session has edits too.
  const agentFiles = new Map([...mine].filter(([, edits]) => byAgent(edits).size >= 2));
  for (const file of new Set([...files.keys(), ...agentFiles.keys()])) {
    const w = files.get(file);
    const edits = agentFiles.get(file) ?? [];
    const worktree = w?.mine.worktree ?? edits.reduce((a, b) => (b.ts > a.ts ? b : a)).worktree;
    const resolvedAt = w?.mine.resolvedAt ?? store.resolvedAt(me, file);
    const agents = edits.length ? siblingPair(me, file, worktree, agent, edits, resolvedAt) : undefined;
    const pairs = agent === MAIN && edits.length ? subagentPairs(me, file, worktree, edits, resolvedAt) : [];
    // Every pair of sides to decide, and the key each finding is told under.
    const sides: Array<Sides & { told: (f: Finding) => Finding[] }> = [];
    if (w) sides.push({ ...w, told: (f) => [f] });
    if (agents) sides.push({ ...agents, told: (f) => [{ ...f, key: agentKey(agent, f.key) }] });
    for (const p of pairs) sides.push({ ...p, told: (f) => overviewFindings(p, [f]).map((o) => ({ ...o, key: agentKey(MAIN, o.key) })) });
    const keyed = (decided: Finding[][]) => decided.flatMap((list, i) => list.flatMap((f) => sides[i]!.told(f)));
    // Committed or reverted since? Only worth a look when there is something to tell.
    const at = ctx.now();
    const { findings } = await decideFile(ctx, store, project, sides, () => readNow(worktree, file, at), (first) => keyed(first).some((f) => untold(f) && dependsOnOpenEdits(f)));
    candidates.push(...keyed(findings));
  }
  // The slow part (trial merges, one budget for all) before anything is claimed: a hook killed
  // meanwhile loses nothing, and the next one tells it.
  await refineMergeRisks(ctx, project.worktree, candidates.filter(untold));
  return candidates;
}
