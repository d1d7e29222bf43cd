// Conflicts for one session across everything it edited: shown at its next prompt (and after its
// next tool call when a peer woke it), each finding once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dependsOnOpenEdits, findingsForFile, groupFindings, type Finding, type MyEdits, type PeerEdits } from '../core/conflicts.js';
import { matchesAny } from '../core/globs.js';
import type { EditRecord } from '../core/records.js';
import { loadConfig } from '../config/config.js';
import type { Project } from '../sessions/project.js';
import { fileKey, type ProjectStore } from '../store/session-store.js';
import type { SyncContext } from './context.js';
import { livePeers, peerView } from './peers.js';
import { hasRemoteIndex, remotePeersOfFile, remotePeerView } from './remote-peers.js';
import { refineMergeRisks } from './merge-risk.js';
import { decideFile, type Snapshot } from './settle.js';

interface FileWork {
  mine: MyEdits;
  peers: PeerEdits[];
}

/** Per file this session edited: its edits and live peers' edits of the same file. */
function workByFile(ctx: SyncContext, store: ProjectStore, project: Project, me: string): FileWork[] {
  const peers = livePeers(ctx, store, me);
  const team = hasRemoteIndex(ctx, store.projectKey);
  if (peers.length === 0 && !team) return [];
  const byFile = new Map<string, EditRecord[]>();
  for (const e of store.allEdits(me)) {
    const list = byFile.get(e.file) ?? [];
    list.push(e);
    byFile.set(e.file, list);
  }
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
  return workByFile(ctx, store, project, me).flatMap((w) => findingsForFile(w.mine, w.peers, store.observationsOf(w.mine.file)));
}

function readNow(worktree: string, rel: string): Snapshot[] {
  try {
    return [{ text: readFileSync(join(worktree, rel), 'utf8'), at: Date.now() }];
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? [{ text: undefined, at: Date.now() }] : [];
  }
}

/** Findings the model of `me` has not been told yet; claims them. Looks at the file only for those. */
export async function newFindings(ctx: SyncContext, store: ProjectStore, project: Project, me: string): Promise<Finding[]> {
  const told: Finding[] = [];
  for (const w of workByFile(ctx, store, project, me)) {
    let findings = findingsForFile(w.mine, w.peers, store.observationsOf(w.mine.file));
    const untold = (f: Finding) => !store.wasTold(me, f.key);
    // Committed or reverted since? Only worth a look when there is something to tell.
    if (findings.some((f) => dependsOnOpenEdits(f) && untold(f))) {
      const at = ctx.now();
      findings = await decideFile(ctx, store, project, w.mine, w.peers, () => readNow(w.mine.worktree, w.mine.file).map((s) => ({ ...s, at })));
    }
    told.push(...findings.filter((f) => untold(f) && store.claimTold(me, f.key)));
  }
  await refineMergeRisks(ctx, project.worktree, told);
  return groupFindings(told);
}
