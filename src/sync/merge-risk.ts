// Merge-risk alerts say more than "same path" where git can tell: a trial merge of the two worktrees
// (uncommitted work included, nothing touched) says whether this file will conflict, and where.
import type { Finding } from '../core/conflicts.js';
import type { MergePrediction } from './merge-predict.js';
import type { SyncContext } from './context.js';

/**
 * A hook's budget for all its trial merges: Claude Code kills a hook at its timeout (10 s) and drops
 * its answer, and the alerts in that answer must not be lost to a slow merge.
 */
const HOOK_MERGE_BUDGET_MS = 3_000;

export async function refineMergeRisks(ctx: SyncContext, myWorktree: string, findings: Finding[]): Promise<void> {
  const until = Date.now() + HOOK_MERGE_BUDGET_MS;
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
