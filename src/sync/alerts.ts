// Conflicts for one session across everything it edited: shown at its next prompt (and after its
// next tool call when a peer woke it), each finding once.
import { findingsForFile, groupFindings, type Finding, type PeerEdits } from '../core/conflicts.js';
import { settledAt } from './settle.js';
import { matchesAny } from '../core/globs.js';
import { loadConfig } from '../config/config.js';
import type { Project } from '../sessions/project.js';
import type { ProjectStore } from '../store/session-store.js';
import type { SyncContext } from './context.js';
import { matchesHead } from './git-state.js';
import { livePeers, peerView } from './peers.js';
import { refineMergeRisks } from './merge-risk.js';

/** Every current finding for `me` (told or not), without claiming anything. */
export function currentFindings(ctx: SyncContext, store: ProjectStore, project: Project, me: string): Finding[] {
  const peers = livePeers(ctx, store, me);
  if (peers.length === 0) return [];
  const { config } = loadConfig(ctx.root, project.worktree);
  const views = new Map(peers.map((p) => [p.id, peerView(ctx, store, p.id, p.meta)]));
  const byFile = new Map<string, typeof mine>();
  const mine = store.allEdits(me);
  for (const e of mine) {
    const list = byFile.get(e.file) ?? [];
    list.push(e);
    byFile.set(e.file, list);
  }
  const out: Finding[] = [];
  for (const [file, edits] of byFile) {
    if (matchesAny(file, config.ignore)) continue;
    const peerEdits: PeerEdits[] = [];
    for (const p of peers) {
      const pe = store.editsOf(p.id, file);
      if (pe.length) peerEdits.push({ peer: views.get(p.id)!, edits: pe });
    }
    if (peerEdits.length === 0) continue;
    const worktree = edits.at(-1)!.worktree;
    const settled = settledAt(store, me, file, worktree, [...edits, ...peerEdits.flatMap((p) => p.edits)]);
    const live = edits.filter((e) => e.ts > settled);
    if (live.length === 0) continue;
    const symbols = live.some((e) => e.symbols === null) ? null : [...new Set(live.flatMap((e) => e.symbols ?? []))];
    out.push(...findingsForFile({ file, worktree, symbols, resolvedAt: store.resolvedAt(me, file) }, peerEdits, settled));
  }
  return out;
}

/** Findings the model of `me` has not been told yet; claims them. Checks git only for those. */
export async function newFindings(ctx: SyncContext, store: ProjectStore, project: Project, me: string): Promise<Finding[]> {
  const fresh = currentFindings(ctx, store, project, me).filter((f) => !store.wasTold(me, f.key));
  const cleanCache = new Map<string, boolean>();
  const stillOpen = fresh.filter((f) => {
    if (f.level === 'merge-risk' || !project.commonDir) return true;
    // Committed or reverted since: nothing left to coordinate about.
    let clean = cleanCache.get(f.file);
    if (clean === undefined) {
      const seenAt = ctx.now();
      cleanCache.set(f.file, (clean = matchesHead(project.worktree, f.file)));
      // Remembered, so that the next prompt does not ask git again about the same settled edits.
      if (clean) store.markCleanSeen(me, f.file, seenAt);
    }
    return !clean;
  });
  const told = stillOpen.filter((f) => store.claimTold(me, f.key));
  await refineMergeRisks(ctx, project.worktree, told);
  return groupFindings(told);
}
