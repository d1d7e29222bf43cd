// Recording an edit (PostToolUse) and checking one before it happens (PreToolUse).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { groupFindings, isConflict, isSameCheckoutConflict, type Finding, type MyEdits, type PeerEdits } from '../core/conflicts.js';
import { decideFile, type Snapshot } from './settle.js';
import { matchesAny } from '../core/globs.js';
import { editedRanges, isHunk, lineCount, rangeOfText } from '../core/patch.js';
import type { EditRecord } from '../core/records.js';
import { renderFindings, renderFindingsForUser } from '../core/render.js';
import { loadConfig } from '../config/config.js';
import { findProject } from '../sessions/project.js';
import { fileKey, type ProjectStore } from '../store/session-store.js';
import { enclosingSymbolsLazy, languageOf } from '../symbols/lazy.js';
import type { SyncContext } from './context.js';
import { livePeers, peerView } from './peers.js';
import { remotePeersOfFile, remotePeerView } from './remote-peers.js';
import { wakeSession } from './wake.js';
import { refineMergeRisks } from './merge-risk.js';
import { ensureMeta, projectStore, relPath, type HookSession } from './session.js';

export const EDIT_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);
/** Symbols are not resolved in files larger than this: the edit is tracked at file level. */
const MAX_SYMBOL_BYTES = 2 * 1024 * 1024;

export interface ToolCall extends HookSession {
  toolName: string;
  toolInput: Record<string, unknown>;
  toolResponse?: unknown;
  agentId?: string;
  /** Claude Code's id of the call: the same at PreToolUse and PostToolUse. */
  toolUseId?: string;
}

export interface HookAnswer {
  additionalContext?: string;
  systemMessage?: string;
  /** PreToolUse only. The plugin never answers allow: that would skip the user's own prompts. */
  decision?: { kind: 'ask' | 'deny'; reason: string };
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

function readFileText(path: string): string | undefined {
  try {
    if (statSync(path).size > MAX_SYMBOL_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Peers' records of one file, live peers only. */
function peerEditsOf(ctx: SyncContext, store: ProjectStore, me: string, rel: string): PeerEdits[] {
  const out: PeerEdits[] = [];
  // Cheap first: only sessions that have records of this file are checked for liveness.
  const key = fileKey(rel);
  for (const p of livePeers(ctx, store, me, (id) => store.hasEditsOf(id, rel, key))) {
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

/** Findings not yet told to this session; claims them so they are told exactly once. */
function claimNew(store: ProjectStore, sessionId: string, findings: Finding[]): Finding[] {
  return findings.filter((f) => store.claimTold(sessionId, f.key));
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

/** PostToolUse on an edit tool: record it, and tell the model at once about any conflict it creates. */
export async function recordEdit(ctx: SyncContext, call: ToolCall): Promise<HookAnswer> {
  const at = locate(ctx, call);
  if (!at) return {};
  const { file, project, rel, store } = at;
  const { config } = loadConfig(ctx.root, project.worktree);
  if (matchesAny(rel, config.ignore)) return {};
  ensureMeta(ctx, store, project, call);

  const resp = (call.toolResponse ?? {}) as Record<string, unknown>;
  const isNotebook = call.toolName === 'NotebookEdit';
  const newText = typeof call.toolInput.content === 'string' && call.toolName === 'Write' ? call.toolInput.content : readFileText(file);
  let ranges: Array<[number, number]>;
  const hunks = Array.isArray(resp.structuredPatch) ? resp.structuredPatch.filter(isHunk) : [];
  if (hunks.length > 0) ranges = editedRanges(hunks);
  else ranges = [[1, newText === undefined ? 1 : lineCount(newText)]]; // a new file, or no patch: all of it
  const symbols = isNotebook ? null : await symbolsOf(file, newText, ranges);

  const now = ctx.now();
  const rec: EditRecord = { v: 1, ts: now, session: call.sessionId, file: rel, worktree: project.worktree, tool: call.toolName, ranges, symbols };
  if (call.agentId) rec.agent = call.agentId;
  if (call.toolUseId) rec.toolUseId = call.toolUseId;
  const peers = peerEditsOf(ctx, store, call.sessionId, rel);
  if (peers.length === 0) {
    store.appendEdit(rec);
    return {};
  }

  const mine: MyEdits = { sessionId: call.sessionId, file: rel, worktree: project.worktree, edits: [...store.editsOf(call.sessionId, rel), rec], resolvedAt: store.resolvedAt(call.sessionId, rel) };
  // The file just before this edit (Claude Code sends it; null for a file the edit created) and
  // just after it: either may show that earlier edits were committed or reverted meanwhile.
  const snapshots = (): Snapshot[] => {
    const out: Snapshot[] = [];
    if (typeof resp.originalFile === 'string') out.push({ text: resp.originalFile, at: now });
    else if (resp.originalFile === null || resp.type === 'create') out.push({ text: undefined, at: now });
    if (newText !== undefined) out.push({ text: newText, at: now + 0.5 });
    return out;
  };
  const findings = await decideFile(ctx, store, project, mine, peers, snapshots);
  store.appendEdit(rec);
  // The other side learns at its next prompt, or after its next tool call if it works on its own.
  // Woken only for what it has not been told: the same conflict seen from its side has the mirrored key.
  for (const f of findings) {
    if (!isConflict(f) || !f.mirrorKey) continue;
    if (!store.wasTold(f.peer.sessionId, f.mirrorKey)) wakeSession(ctx, f.peer.sessionId, f.peer.pid);
  }
  const fresh = claimNew(store, call.sessionId, findings);
  await refineMergeRisks(ctx, project.worktree, fresh);
  return answerFor(ctx, fresh);
}

/** PreToolUse on an edit tool: warn (or block, per config) before touching a peer's uncommitted work. */
export async function checkEdit(ctx: SyncContext, call: ToolCall): Promise<HookAnswer> {
  const at = locate(ctx, call);
  if (!at) return {};
  const { file, project, rel, store } = at;
  const peers = peerEditsOf(ctx, store, call.sessionId, rel);
  if (peers.length === 0) return {};
  const { config } = loadConfig(ctx.root, project.worktree);
  if (matchesAny(rel, config.ignore)) return {};

  const current = readFileText(file);
  let symbols: string[] | null = null;
  if (call.toolName === 'Edit' && current !== undefined && typeof call.toolInput.old_string === 'string') {
    const r = rangeOfText(current, call.toolInput.old_string);
    symbols = r ? await symbolsOf(file, current, [r]) : null;
  } else if (call.toolName === 'MultiEdit' && current !== undefined && Array.isArray(call.toolInput.edits)) {
    const rs = call.toolInput.edits
      .map((e) => (e && typeof e === 'object' ? rangeOfText(current, String((e as Record<string, unknown>).old_string ?? '')) : undefined))
      .filter((r): r is [number, number] => !!r);
    symbols = rs.length ? await symbolsOf(file, current, rs) : null;
  }
  const now = ctx.now();
  // The edit about to be made, as its record will read (the same tool_use id names it in alert keys).
  const pending: EditRecord = { v: 1, ts: now, session: call.sessionId, file: rel, worktree: project.worktree, tool: call.toolName, ranges: [], symbols };
  if (call.toolUseId) pending.toolUseId = call.toolUseId;
  const mine: MyEdits = { sessionId: call.sessionId, file: rel, worktree: project.worktree, edits: [...store.editsOf(call.sessionId, rel), pending], resolvedAt: store.resolvedAt(call.sessionId, rel) };
  // The file as it is now: earlier edits may have been committed or reverted since.
  const snapshots = (): Snapshot[] => (current !== undefined || !existsSync(file) ? [{ text: current, at: now }] : []);
  const findings = (await decideFile(ctx, store, project, mine, peers, snapshots)).filter(isSameCheckoutConflict);
  if (findings.length === 0) return {};
  const grouped = groupFindings(findings);
  if (config.onConflict === 'block') {
    return {
      decision: {
        kind: 'deny',
        reason:
          renderFindings(grouped, ctx.toolPrefix) +
          '\nThis edit was blocked by context-sync (onConflict: block). Coordinate first; after resolve_conflicts for this file the edit is allowed.',
      },
    };
  }
  // Same keys as PostToolUse: the model is told once, before the edit, not again after it.
  const fresh = claimNew(store, call.sessionId, findings);
  if (fresh.length === 0) return {};
  return answerFor(ctx, fresh);
}

