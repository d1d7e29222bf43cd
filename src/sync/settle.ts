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

/** Whether to look at the file against HEAD, given the findings decided from what is recorded. */
export type LookWhen = (first: Finding[][], obs: readonly Observation[]) => boolean;

/** At PreToolUse: when a finding's telling depends on edits still being open. */
export const whenAtStake: LookWhen = (first) => first.some((fs) => fs.some(dependsOnOpenEdits));

/**
 * After an edit, the file as it was just before it is the only witness of a commit or revert made
 * since the last look: it is recorded whenever another side still has open work here, even if
 * nothing is at stake for this side now (it resolved, or edits other code), because that side's
 * later conflicts depend on it.
 */
export const whilePeersOpen =
  (sides: readonly Sides[]): LookWhen =>
  (first, obs) =>
    whenAtStake(first, obs) || sides.some((s) => s.peers.some((p) => p.edits.some((e) => e.worktree === s.mine.worktree && openUnits(e, obs).length > 0)));

/**
 * Findings for one file, for each pair of sides (this session against other sessions, this agent
 * against the session's other agents), in the order of `sides`, and the observations they rest on.
 * When `lookWhen` says so, the snapshots (the file before and after this edit, or as it is now) are
 * compared with HEAD first: units that agree close every earlier edit of them, for every session,
 * and the findings are decided again.
 */
export async function decideFile(
  ctx: SyncContext,
  store: ProjectStore,
  project: Project,
  sides: readonly Sides[],
  snapshots: () => Snapshot[],
  lookWhen: LookWhen = whenAtStake,
): Promise<{ findings: Finding[][]; obs: Observation[] }> {
  if (sides.length === 0) return { findings: [], obs: [] };
  const { recorded, looked } = await observationsOf(store, project, sides, snapshots, lookWhen);
  recordObservations(ctx, store, sides[0]!.mine.sessionId, sides[0]!.mine.file, looked);
  if (looked.length === 0) return { findings: sides.map((s) => findingsForFile(s.mine, s.peers, recorded)), obs: recorded };
  const all = [...recorded, ...looked];
  return { findings: sides.map((s) => findingsForFile(s.mine, s.peers, all)), obs: all };
}

/**
 * The observations of the file every session has recorded and, when `lookWhen` says so, the fresh
 * ones from comparing the snapshots with HEAD (`looked`: not yet recorded; the caller writes them).
 */
export async function observationsOf(
  store: ProjectStore,
  project: Project,
  sides: readonly Sides[],
  snapshots: () => Snapshot[],
  lookWhen: LookWhen = whenAtStake,
): Promise<{ recorded: Observation[]; looked: Observation[] }> {
  if (sides.length === 0) return { recorded: [], looked: [] };
  const recorded = store.observationsOf(sides[0]!.mine.file);
  const first = sides.map((s) => findingsForFile(s.mine, s.peers, recorded));
  if (!lookWhen(first, recorded)) return { recorded, looked: [] };
  return { recorded, looked: await observe(project, sides, snapshots()) };
}

/** Writes fresh observations under this session; one that cannot be written is still used for this answer. */
export function recordObservations(ctx: SyncContext, store: ProjectStore, sessionId: string, file: string, looked: readonly Observation[]): void {
  for (const o of looked) {
    try {
      store.appendObservation(sessionId, o);
    } catch (e) {
      // A later hook looks again.
      ctx.log('settle', `could not record an observation of ${file}: ${(e as Error).message}`);
    }
  }
}

async function observe(project: Project, sides: readonly Sides[], snaps: Snapshot[]): Promise<Observation[]> {
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
    if (units.length > 0) out.push({ v: 1, at: s.at, file: mine.file, units });
  }
  return out;
}
