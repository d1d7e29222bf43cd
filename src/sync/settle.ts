// Which edits of a file are still open: decided from the observations every session has recorded
// and, when a conflict in this checkout is at stake, from a fresh look at the file against HEAD.
// The look costs an outline of the file and, once per HEAD commit and file, one `git cat-file`; it
// is made only when its answer can change what the model is told (docs/conflicts.md).
import { dependsOnOpenEdits, findingsForFile, type Finding, type MyEdits, type PeerEdits } from '../core/conflicts.js';
import { unitsOf, type Observation } from '../core/openness.js';
import type { Project } from '../sessions/project.js';
import type { ProjectStore } from '../store/session-store.js';
import type { SyncContext } from './context.js';
import { agreeingUnits, headCommit, headShape, shapeOf } from './head.js';

/** A version of the file at a moment: `text` undefined means the file did not exist. */
export interface Snapshot {
  text: string | undefined;
  /** Edits made strictly before this time are closed on the units found agreeing. */
  at: number;
}

/**
 * Findings for one file. When some conflict in this checkout is found, the snapshots (the file
 * before and after this edit, or as it is now) are compared with HEAD first: units that agree close
 * every earlier edit of them, for every session, and the findings are decided again.
 */
export async function decideFile(
  ctx: SyncContext,
  store: ProjectStore,
  project: Project,
  mine: MyEdits,
  peers: readonly PeerEdits[],
  snapshots: () => Snapshot[],
): Promise<Finding[]> {
  const obs = store.observationsOf(mine.file);
  const first = findingsForFile(mine, peers, obs);
  if (!first.some(dependsOnOpenEdits)) return first;
  const added = await observe(ctx, store, project, mine, peers, snapshots());
  return added.length ? findingsForFile(mine, peers, [...obs, ...added]) : first;
}

async function observe(ctx: SyncContext, store: ProjectStore, project: Project, mine: MyEdits, peers: readonly PeerEdits[], snaps: Snapshot[]): Promise<Observation[]> {
  const head = headCommit(project);
  if (!head || snaps.length === 0) return [];
  const inHead = await headShape(project.worktree, head, mine.file);
  if (!inHead) return [];
  const wanted = new Set<string>();
  for (const e of [...mine.edits, ...peers.flatMap((p) => p.edits)]) for (const u of unitsOf(e)) wanted.add(u);
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
