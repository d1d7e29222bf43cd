// Recording an edit (PostToolUse) and checking one before it happens (PreToolUse).
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { groupFindings, type Finding, type PeerEdits } from '../core/conflicts.js';
import { observationsOf, recordObservations, whilePeersOpen, type Snapshot } from './settle.js';
import { agentOf, MAIN } from './agents.js';
import { decidePendingEdit, decideRecordedEdit, sidesOf, type PendingEditSnapshot, type RecordedEditDecision, type RecordedEditSnapshot } from './edit-decision.js';
import { matchesAny } from '../core/globs.js';
import { editedRanges, isHunk, lineCount, rangeOfEdit } from '../core/patch.js';
import type { EditRecord } from '../core/records.js';
import { renderFindings, renderFindingsForUser } from '../core/render.js';
import { loadConfig } from '../config/config.js';
import { findProject } from '../sessions/project.js';
import { fileKey, type ProjectStore } from '../store/session-store.js';
import { readUserText } from '../store/fsx.js';
import { enclosingSymbolsLazy, languageOf } from '../symbols/lazy.js';
import type { SyncContext } from './context.js';
import type { HookAnswer } from './hook-protocol.js';
import { peerView, peersByLiveness, retireDead } from './peers.js';
import { remotePeersOfFile, remotePeerView } from './remote-peers.js';
import { wakeAgent, wakeSession } from './wake.js';
import { refineMergeRisks } from './merge-risk.js';
import { ensureMeta, projectStore, relPath, type HookSession } from './session.js';

/** Symbols are not resolved in files larger than this: the edit is tracked at file level. */
const MAX_SYMBOL_BYTES = 2 * 1024 * 1024;

export interface ToolCall extends HookSession {
  toolName: string;
  toolInput: Record<string, unknown>;
  toolResponse?: unknown;
  agentId?: string;
  agentType?: string;
  /** Claude Code's id of the call: the same at PreToolUse and PostToolUse. */
  toolUseId?: string;
}

export function editedFile(call: ToolCall): string | undefined {
  const p = call.toolInput.file_path ?? call.toolInput.notebook_path;
  if (typeof p !== 'string' || !p || p.includes('\0')) return undefined;
  return isAbsolute(p) ? p : resolve(call.cwd, p);
}

async function symbolsOf(file: string, text: string | undefined, ranges: Array<[number, number]>): Promise<string[] | null> {
  const lang = languageOf(file);
  if (!lang || text === undefined || text.length > MAX_SYMBOL_BYTES) return null;
  try {
    const names = new Set<string>();
    for (const spans of await enclosingSymbolsLazy(text, lang, ranges)) for (const s of spans) names.add(s.name);
    return [...names];
  } catch {
    return null;
  }
}

/** Peers' records of one file, live peers only. */
function peerEditsOf(ctx: SyncContext, store: ProjectStore, me: string, rel: string): PeerEdits[] {
  const out: PeerEdits[] = [];
  // Cheap first: only sessions that have records of this file are checked for liveness.
  const key = fileKey(rel);
  const peers = peersByLiveness(ctx, store, me, (id) => store.hasEditsOf(id, rel, key));
  // A peer that died with records of this file is cleaned up by the first session to edit it.
  retireDead(ctx, store, peers.dead);
  for (const p of peers.live) {
    const edits = store.editsOf(p.id, rel);
    if (edits.length) out.push({ peer: peerView(ctx, store, p.id, p.meta), edits, resolvedAt: store.resolvedAt(p.id, rel) });
  }
  // Team mode: other machines' sessions as the relay copied them (nothing here when it is off).
  for (const p of remotePeersOfFile(ctx, store.projectKey, rel, key, me)) {
    const edits = p.store.editsOf(p.id, rel);
    if (edits.length) out.push({ peer: remotePeerView(p), edits });
  }
  return out;
}

function answerFor(ctx: SyncContext, told: Finding[]): HookAnswer {
  if (told.length === 0) return {};
  const grouped = groupFindings(told);
  return { additionalContext: renderFindings(grouped, ctx.toolPrefix), systemMessage: renderFindingsForUser(grouped) || undefined };
}

/** The edited file, its repository and its path there; undefined for no file or one outside it. */
function locate(ctx: SyncContext, call: ToolCall) {
  const file = editedFile(call);
  if (!file) return undefined;
  const project = findProject(file);
  const rel = relPath(project, file);
  if (rel.startsWith('../')) return undefined;
  return { file, project, rel, store: projectStore(ctx, project) };
}

/**
 * PostToolUse on an edit tool: record it, and tell the model at once about any conflict it creates.
 * `later`: the hooks module did not wait for this answer (it judged that the edit meets nobody's
 * open work); whatever is owed after all is not claimed here but left for the next delivery, with
 * this session's wake-up marker set, so it is told once and never lost.
 * Read a snapshot, decide (edit-decision.ts, pure), write.
 */
export async function recordEdit(ctx: SyncContext, call: ToolCall, opts: { later?: boolean } = {}): Promise<HookAnswer> {
  const at = locate(ctx, call);
  if (!at) return {};
  const { project, rel, store } = at;
  const { config } = loadConfig(ctx.root, project.worktree);
  if (matchesAny(rel, config.ignore)) return {};
  ensureMeta(ctx, store, project, call);
  const snapshot = await readRecordedEdit(ctx, call, at, opts.later ?? false);
  const decision = decideRecordedEdit(snapshot);
  return writeRecordedEdit(ctx, store, project.worktree, call.sessionId, rel, decision);
}

/** The snapshot `decideRecordedEdit` needs; HEAD is looked at only when its answer can change what is told. */
async function readRecordedEdit(ctx: SyncContext, call: ToolCall, at: NonNullable<ReturnType<typeof locate>>, later: boolean): Promise<RecordedEditSnapshot> {
  const { file, project, rel, store } = at;
  const resp = (call.toolResponse ?? {}) as Record<string, unknown>;
  const isNotebook = call.toolName === 'NotebookEdit';
  const newText = typeof call.toolInput.content === 'string' && call.toolName === 'Write' ? call.toolInput.content : readUserText(file, MAX_SYMBOL_BYTES);
  let ranges: Array<[number, number]>;
  const hunks = Array.isArray(resp.structuredPatch) ? resp.structuredPatch.filter(isHunk) : [];
  if (hunks.length > 0) ranges = editedRanges(hunks);
  else ranges = [[1, newText === undefined ? 1 : lineCount(newText)]]; // a new file, or no patch: all of it
  const symbols = isNotebook ? null : await symbolsOf(file, newText, ranges);

  const now = ctx.now();
  const rec: EditRecord = { v: 1, ts: now, session: call.sessionId, file: rel, worktree: project.worktree, tool: call.toolName, ranges, symbols };
  if (call.agentId) rec.agent = call.agentId;
  if (call.agentId && call.agentType) rec.agentType = call.agentType.slice(0, 64);
  if (call.toolUseId) rec.toolUseId = call.toolUseId;
  const agent = call.agentId ?? MAIN;
  const told = (sessionId: string, key: string) => store.wasTold(sessionId, key);
  const mine = store.editsOf(call.sessionId, rel);
  const snapshot: RecordedEditSnapshot = { rec, agent, mine, peers: [], resolvedAt: 0, recorded: [], looked: [], later, told };
  // A copy of a record already made: peers are not read (reading them retires dead ones).
  if (call.toolUseId && mine.some((e) => e.toolUseId === call.toolUseId)) return snapshot;
  snapshot.peers = peerEditsOf(ctx, store, call.sessionId, rel);
  snapshot.resolvedAt = store.resolvedAt(call.sessionId, rel);
  const sides = sidesOf(call.sessionId, agent, rel, project.worktree, snapshot.peers, [...mine, rec], snapshot.resolvedAt);
  // The file just before this edit (Claude Code sends it; null for a file the edit created) and
  // just after it: either may show that earlier edits were committed or reverted meanwhile.
  const snapshots = (): Snapshot[] => {
    const out: Snapshot[] = [];
    if (typeof resp.originalFile === 'string') out.push({ text: resp.originalFile, at: now });
    else if (resp.originalFile === null || resp.type === 'create') out.push({ text: undefined, at: now });
    if (newText !== undefined) out.push({ text: newText, at: now + 0.5 });
    return out;
  };
  const { recorded, looked } = await observationsOf(store, project, sides.list, snapshots, whilePeersOpen(sides.list));
  snapshot.recorded = recorded;
  snapshot.looked = looked;
  return snapshot;
}

/** Carries a decision out: observations, the record, wake-ups, then the slow trial merge, then the once-only claims. */
async function writeRecordedEdit(ctx: SyncContext, store: ProjectStore, worktree: string, sessionId: string, rel: string, d: RecordedEditDecision): Promise<HookAnswer> {
  recordObservations(ctx, store, sessionId, rel, d.observations);
  if (d.record) store.appendEdit(d.record);
  for (const w of d.wake) {
    if (w.agent !== undefined) wakeAgent(ctx, w.sessionId, w.agent, w.pid);
    else wakeSession(ctx, w.sessionId, w.pid);
  }
  if (d.tell.length === 0) return {};
  // The slow part (a trial merge) runs before anything is claimed as told: a hook killed while it
  // runs loses nothing, and the next hook tells it.
  await refineMergeRisks(ctx, worktree, d.refine);
  return answerFor(ctx, d.tell.filter((t) => store.claimTold(sessionId, t.key)).map((t) => t.finding));
}

/** PreToolUse on an edit tool: warn (or block, per config) before touching a peer's uncommitted work. */
export async function checkEdit(ctx: SyncContext, call: ToolCall): Promise<HookAnswer> {
  const at = locate(ctx, call);
  if (!at) return {};
  const snapshot = await readPendingEdit(ctx, call, at);
  if (!snapshot) return {};
  const d = decidePendingEdit(snapshot);
  recordObservations(ctx, at.store, call.sessionId, at.rel, d.observations);
  if (d.deny !== undefined) return { decision: { kind: 'deny', reason: d.deny } };
  if (d.tell.length === 0) return {};
  return answerFor(ctx, d.tell.filter((t) => at.store.claimTold(call.sessionId, t.key)).map((t) => t.finding));
}

/** The snapshot `decidePendingEdit` needs; undefined when the edit meets nobody (or the file is ignored). */
async function readPendingEdit(ctx: SyncContext, call: ToolCall, at: NonNullable<ReturnType<typeof locate>>): Promise<PendingEditSnapshot | undefined> {
  const { file, project, rel, store } = at;
  const peers = peerEditsOf(ctx, store, call.sessionId, rel);
  const mine = store.editsOf(call.sessionId, rel);
  const agent = call.agentId ?? MAIN;
  // Alone in the file: nobody to warn, unless another agent of this session has edited it too.
  // Decided from the records, before the file is read or its symbols resolved (every edit pays this).
  if (peers.length === 0 && !mine.some((e) => agentOf(e) !== agent)) return undefined;
  const { config } = loadConfig(ctx.root, project.worktree);
  if (matchesAny(rel, config.ignore)) return undefined;

  const current = readUserText(file, MAX_SYMBOL_BYTES);
  let symbols: string[] | null = null;
  if (call.toolName === 'Edit' && current !== undefined && typeof call.toolInput.old_string === 'string') {
    const r = rangeOfEdit(current, call.toolInput.old_string, call.toolInput.new_string);
    symbols = r ? await symbolsOf(file, current, [r]) : null;
  } else if (call.toolName === 'MultiEdit' && current !== undefined && Array.isArray(call.toolInput.edits)) {
    const rs = call.toolInput.edits
      .map((e) => (e && typeof e === 'object' ? rangeOfEdit(current, String((e as Record<string, unknown>).old_string ?? ''), (e as Record<string, unknown>).new_string) : undefined))
      .filter((r): r is [number, number] => !!r);
    symbols = rs.length ? await symbolsOf(file, current, rs) : null;
  }
  const now = ctx.now();
  const pending: EditRecord = { v: 1, ts: now, session: call.sessionId, file: rel, worktree: project.worktree, tool: call.toolName, ranges: [], symbols };
  if (call.agentId) pending.agent = call.agentId;
  if (call.toolUseId) pending.toolUseId = call.toolUseId;
  const resolvedAt = store.resolvedAt(call.sessionId, rel);
  const sides = sidesOf(call.sessionId, agent, rel, project.worktree, peers, [...mine, pending], resolvedAt);
  if (sides.list.length === 0) return undefined;
  // The file as it is now: earlier edits may have been committed or reverted since.
  const snapshots = (): Snapshot[] => (current !== undefined || !existsSync(file) ? [{ text: current, at: now }] : []);
  const { recorded, looked } = await observationsOf(store, project, sides.list, snapshots);
  return { pending, agent, mine, peers, resolvedAt, recorded, looked, onConflict: config.onConflict, toolPrefix: ctx.toolPrefix };
}
