// Merge-risk alerts say more than "same path" where git can tell: a trial merge of the two worktrees
// (uncommitted work included, nothing touched) says whether this file will conflict, and where.
import type { Finding } from '../core/conflicts.js';
import type { MergePrediction } from './merge-predict.js';
import type { SyncContext } from './context.js';

export async function refineMergeRisks(ctx: SyncContext, myWorktree: string, findings: Finding[]): Promise<void> {
  if (!findings.some((f) => f.level === 'merge-risk')) return;
  // Loaded only when there is a merge risk to refine: every edit hook would otherwise parse it.
  const { predictMerge } = await import('./merge-predict.js');
  const byWorktree = new Map<string, MergePrediction | null>();
  for (const f of findings) {
    if (f.level !== 'merge-risk' || !f.peer.worktree) continue;
    let p = byWorktree.get(f.peer.worktree);
    if (p === undefined) {
      try {
        p = predictMerge(myWorktree, f.peer.worktree);
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
