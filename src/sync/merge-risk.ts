// Merge-risk alerts say more than "same path" where git can tell: a trial merge of the two worktrees
// (uncommitted work included, nothing touched) says whether this file will conflict, and where.
//
// Across machines (level `remote`) the same holds when the other machine shares its diffs
// (team.shareDiffs there): the trial merge is run against its published hunks.
import type { Finding } from '../core/conflicts.js';
import { findProject } from '../sessions/project.js';
import { ProjectStore } from '../store/session-store.js';
import type { MergePrediction } from './merge-predict.js';
import type { SyncContext } from './context.js';
import { machineOfRemoteWorktree, readRemoteDiffs, type RemoteDiffs } from './remote-peers.js';

/**
 * A hook's budget for all its trial merges: Claude Code kills a hook at its timeout (10 s) and drops
 * its answer, and the alerts in that answer must not be lost to a slow merge.
 */
const HOOK_MERGE_BUDGET_MS = 3_000;

export async function refineMergeRisks(ctx: SyncContext, myWorktree: string, findings: Finding[]): Promise<void> {
  const until = Date.now() + HOOK_MERGE_BUDGET_MS;
  await refineRemote(ctx, myWorktree, findings, until);
  if (!findings.some((f) => f.level === 'merge-risk')) return;
  // Loaded only when there is a merge risk to refine: every edit hook would otherwise parse it.
  const { predictMerge } = await import('./merge-predict.js');
  const byWorktree = new Map<string, MergePrediction | null>();
  for (const f of findings) {
    if (f.level !== 'merge-risk' || !f.peer.worktree) continue;
    let p = byWorktree.get(f.peer.worktree);
    if (p === undefined) {
      try {
        p = await predictMerge(myWorktree, f.peer.worktree, { withinMs: until - Date.now() });
      } catch (e) {
        ctx.log('merge-risk', `trial merge failed: ${(e as Error).message}`);
        p = null;
      }
      byWorktree.set(f.peer.worktree, p);
    }
    if (!p) continue;
    const c = p.conflicts.find((x) => x.file === f.file);
    if (c) {
      const lines = c.hunks.map((h) => h.line).slice(0, 5);
      f.detail = `a trial merge (git merge-tree) CONFLICTS in this file${lines.length ? ` at line ${lines.join(', ')}` : ''}: coordinate now, or call predict_merge_conflicts for the hunks`;
    } else {
      f.detail = 'a trial merge of both worktrees (git merge-tree) is clean for now';
    }
  }
}

/** The published diffs of a remote finding's session, if its machine shares them. */
function remoteDiffsOf(ctx: SyncContext, projectKey: string, f: Finding): RemoteDiffs | undefined {
  const machine = machineOfRemoteWorktree(f.peer.worktree);
  if (f.level !== 'remote' || !machine) return undefined;
  try {
    return readRemoteDiffs(new ProjectStore(ctx.root, projectKey, machine), f.peer.sessionId);
  } catch {
    return undefined; // an id that is not a session id: no diffs
  }
}

async function refineRemote(ctx: SyncContext, myWorktree: string, findings: Finding[], until: number): Promise<void> {
  if (!findings.some((f) => f.level === 'remote')) return;
  const key = findProject(myWorktree).key;
  const wanted = findings.map((f) => [f, remoteDiffsOf(ctx, key, f)] as const).filter(([f, d]) => d?.files.some((x) => x.file === f.file));
  if (wanted.length === 0) return;
  const { predictMergeWithRemote } = await import('./merge-predict.js');
  const bySession = new Map<string, Awaited<ReturnType<typeof predictMergeWithRemote>> | null>();
  for (const [f, diffs] of wanted) {
    const id = `${f.peer.worktree}\0${f.peer.sessionId}`;
    let p = bySession.get(id);
    if (p === undefined) {
      try {
        p = await predictMergeWithRemote(myWorktree, diffs!, { withinMs: until - Date.now() });
      } catch (e) {
        ctx.log('merge-risk', `trial merge with a remote session failed: ${(e as Error).message}`);
        p = null;
      }
      bySession.set(id, p);
    }
    if (!p || !p.applied.includes(f.file)) continue;
    const c = p.conflicts.find((x) => x.file === f.file);
    if (c) {
      const lines = c.hunks.map((h) => h.line).slice(0, 5);
      f.detail = `a trial merge with its shared uncommitted changes (git merge-tree) CONFLICTS in this file${lines.length ? ` at line ${lines.join(', ')}` : ''}: coordinate now, or call predict_merge_conflicts for the hunks`;
    } else {
      f.detail = 'a trial merge with its shared uncommitted changes (git merge-tree) is clean for now';
    }
  }
}
