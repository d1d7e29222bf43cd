// The records the store holds, and the checks every record read back from disk must pass.
// A record that fails is skipped, never trusted: a crash, a full disk or a hostile peer can write anything.
import { isMessageId, isSessionId } from './ids.js';
import type { Observation } from './openness.js';
import { MAX_TIME } from './peer-text.js';

export interface EditRecord {
  v: 1;
  /** ms since epoch */
  ts: number;
  session: string;
  /** Path relative to the worktree top, '/'-separated. */
  file: string;
  worktree: string;
  tool: string;
  /** Edited lines of the file after the edit, 1-based inclusive. */
  ranges: Array<[number, number]>;
  /** Qualified names of the symbols edited; null when the language is not understood (file level). */
  symbols: string[] | null;
  /** Claude Code's id of the tool call (the same at PreToolUse and PostToolUse): names the edit in alert keys. */
  toolUseId?: string;
  /** Written by versions before 0.6 (file seen clean before this edit); read as nothing now. */
  baseClean?: boolean;
  /** The subagent (or in-process teammate) that made the edit; absent for the main thread. */
  agent?: string;
  /** Its type, as Claude Code names it (`general-purpose`, `code-reviewer`), for labels. */
  agentType?: string;
}

export interface SessionMeta {
  v: 1;
  sessionId: string;
  cwd: string;
  worktree: string;
  branch?: string;
  /** The Claude Code process, and its start time (guards against pid reuse). */
  pid?: number;
  procStart?: string;
  transcriptPath?: string;
  startedAt: number;
  /** The user's first request in this session, and the latest one (trimmed): the task until a summary exists. */
  task?: string;
  lastPrompt?: string;
}

export interface Message {
  v: 1;
  id: string;
  from: string;
  fromLabel: string;
  fromTask?: string;
  to: string | 'all';
  text: string;
  sentAt: number;
  inReplyTo?: string;
  /** Sent with the context-sync command (by whoever is at a terminal), not by a session's model. */
  via?: 'cli';
}

// Every field is checked for its type and range, optional ones too: a record that passes is safe
// to format, compare and print (a `fromTask: 7` or a `sentAt: 1e300` once cut a session off).
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TIME;
const isLine = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isRange = (r: unknown): r is [number, number] => Array.isArray(r) && r.length === 2 && isLine(r[0]) && isLine(r[1]);

export function isEditRecord(v: unknown): v is EditRecord {
  return (
    isObj(v) &&
    v.v === 1 &&
    isTime(v.ts) &&
    isSessionId(v.session) &&
    isString(v.file) &&
    isString(v.worktree) &&
    isString(v.tool) &&
    Array.isArray(v.ranges) &&
    v.ranges.every(isRange) &&
    (v.symbols === null || (Array.isArray(v.symbols) && v.symbols.every(isString))) &&
    optional(v.baseClean, (x) => typeof x === 'boolean') &&
    optional(v.toolUseId, (x) => typeof x === 'string' && x.length <= 200) &&
    optional(v.agent, (x) => typeof x === 'string' && x.length > 0 && x.length <= 128) &&
    optional(v.agentType, (x) => typeof x === 'string' && x.length <= 64)
  );
}

export function isObservation(v: unknown): v is Observation {
  return (
    isObj(v) &&
    v.v === 1 &&
    typeof v.at === 'number' &&
    Number.isFinite(v.at) &&
    typeof v.file === 'string' &&
    Array.isArray(v.units) &&
    v.units.length <= 10_000 &&
    v.units.every(isString)
  );
}

export function isSessionMeta(v: unknown): v is SessionMeta {
  return (
    isObj(v) &&
    v.v === 1 &&
    isSessionId(v.sessionId) &&
    isString(v.cwd) &&
    isString(v.worktree) &&
    isTime(v.startedAt) &&
    optional(v.branch, isString) &&
    optional(v.pid, (x) => Number.isSafeInteger(x) && (x as number) > 0) &&
    optional(v.procStart, isString) &&
    optional(v.transcriptPath, isString) &&
    optional(v.task, isString) &&
    optional(v.lastPrompt, isString)
  );
}

export function isMessage(v: unknown): v is Message {
  return (
    isObj(v) &&
    v.v === 1 &&
    isMessageId(v.id) &&
    isSessionId(v.from) &&
    isString(v.fromLabel) &&
    optional(v.fromTask, isString) &&
    isString(v.text) &&
    isTime(v.sentAt) &&
    (v.to === 'all' || isSessionId(v.to)) &&
    optional(v.inReplyTo, isString) &&
    optional(v.via, (x) => x === 'cli')
  );
}

/** Claude Code's tools that change a file: what is recorded, judged and delivered around. */
export const EDIT_TOOLS: ReadonlySet<string> = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);

/** A session's edit records, by file (in their order). */
export function editsByFile(edits: readonly EditRecord[]): Map<string, EditRecord[]> {
  const byFile = new Map<string, EditRecord[]>();
  for (const e of edits) {
    const list = byFile.get(e.file);
    if (list) list.push(e);
    else byFile.set(e.file, [e]);
  }
  return byFile;
}
