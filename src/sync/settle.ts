// Which edits of a file are still open: decided from the observations every session has recorded
// and, when a conflict in this checkout is at stake, from a fresh look at the file against HEAD.
// The look costs an outline of the file and, once per HEAD commit and file, one `git cat-file`; it
// is made only when its answer can change what the model is told (docs/conflicts.md).
import { dependsOnOpenEdits, findingsForFile, type Finding, type MyEdits, type PeerEdits } from '../core/conflicts.js';
import { openUnits, unitsOf, type Observation } from '../core/openness.js';
import type { Project } from '../sessions/project.js';
import type { ProjectStore } from '../store/session-store.js';
import type { SyncContext } from './context.js';
import { agreeingUnits, headCommit, headShape, shapeOf } from './head.js';

/** Files larger than this are not compared unit by unit (the symbol resolver stops at 2 MiB too). */
export const MAX_COMPARED_BYTES = 16 * 1024 * 1024;

/** A version of the file at a moment: `text` undefined means the file did not exist. */
export interface Snapshot {
  text: string | undefined;
  /** Edits made strictly before this time are closed on the units found agreeing. */
  at: number;
}

export interface Sides {
  mine: MyEdits;
  peers: readonly PeerEdits[];
}

/**
 * Findings for one file, for each pair of sides (this session against other sessions, this agent
 * against the session's other agents). When some conflict in this checkout is found, the snapshots
 * (the file before and after this edit, or as it is now) are compared with HEAD first: units that
 * agree close every earlier edit of them, for every session, and the findings are decided again.
 */
export async function decideFile(
  ctx: SyncContext,
  store: ProjectStore,
  project: Project,
  sides: readonly Sides[],
  snapshots: () => Snapshot[],
  look: 'on-conflict' | 'while-peers-open' = 'on-conflict',
): Promise<Finding[][]> {
  if (sides.length === 0) return [];
  const file = sides[0]!.mine.file;
  const obs = store.observationsOf(file);
  const first = sides.map((s) => findingsForFile(s.mine, s.peers, obs));
  // After an edit, the file as it was just before it is the only witness of a commit or revert
  // made since the last look: it is recorded whenever another side still has open work here,
  // even if nothing is at stake for this side now (it resolved, or edits other code), because that
  // side's later conflicts depend on it.
  const othersOpen = look === 'while-peers-open' && sides.some((s) => s.peers.some((p) => p.edits.some((e) => e.worktree === s.mine.worktree && openUnits(e, obs).length > 0)));
  if (!othersOpen && !first.some((fs) => fs.some(dependsOnOpenEdits))) return first;
  const added = await observe(ctx, store, project, sides, snapshots());
  return added.length ? sides.map((s) => findingsForFile(s.mine, s.peers, [...obs, ...added])) : first;
}

async function observe(ctx: SyncContext, store: ProjectStore, project: Project, sides: readonly Sides[], snaps: Snapshot[]): Promise<Observation[]> {
  const { mine } = sides[0]!;
  const head = headCommit(project);
  if (!head || snaps.length === 0) return [];
  const inHead = await headShape(project.worktree, head, mine.file);
  if (!inHead) return [];
  const wanted = new Set<string>();
  for (const s of sides) for (const e of [...s.mine.edits, ...s.peers.flatMap((p) => p.edits)]) for (const u of unitsOf(e)) wanted.add(u);
  const out: Observation[] = [];
  for (const s of snaps) {
    const units = agreeingUnits(await shapeOf(mine.file, s.text), inHead, wanted);
    if (units.length === 0) continue;
    const o: Observation = { v: 1, at: s.at, file: mine.file, units };
    try {
      store.appendObservation(mine.sessionId, o);
    } catch (e) {
      // Still used for this answer; a later hook looks again.
      ctx.log('settle', `could not record an observation of ${mine.file}: ${(e as Error).message}`);
    }
    out.push(o);
  }
  return out;
}
