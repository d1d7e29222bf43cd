// The records the store holds, and the checks every record read back from disk must pass.
// A record that fails is skipped, never trusted: a crash, a full disk or a hostile peer can write anything.
import { isMessageId, isSessionId } from '../store/ids.js';
import type { Observation } from './openness.js';

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
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRange = (r: unknown): r is [number, number] =>
  Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]);

export function isEditRecord(v: unknown): v is EditRecord {
  return (
    isObj(v) &&
    v.v === 1 &&
    typeof v.ts === 'number' &&
    isSessionId(v.session) &&
    typeof v.file === 'string' &&
    typeof v.worktree === 'string' &&
    typeof v.tool === 'string' &&
    Array.isArray(v.ranges) &&
    v.ranges.every(isRange) &&
    (v.symbols === null || (Array.isArray(v.symbols) && v.symbols.every((s) => typeof s === 'string'))) &&
    (v.toolUseId === undefined || (typeof v.toolUseId === 'string' && v.toolUseId.length <= 200)) &&
    (v.agent === undefined || (typeof v.agent === 'string' && v.agent.length > 0 && v.agent.length <= 128)) &&
    (v.agentType === undefined || (typeof v.agentType === 'string' && v.agentType.length <= 64))
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
    v.units.every((u) => typeof u === 'string')
  );
}

export function isSessionMeta(v: unknown): v is SessionMeta {
  return (
    isObj(v) &&
    v.v === 1 &&
    isSessionId(v.sessionId) &&
    typeof v.cwd === 'string' &&
    typeof v.worktree === 'string' &&
    typeof v.startedAt === 'number'
  );
}

export function isMessage(v: unknown): v is Message {
  return (
    isObj(v) &&
    v.v === 1 &&
    isMessageId(v.id) &&
    isSessionId(v.from) &&
    typeof v.fromLabel === 'string' &&
    typeof v.text === 'string' &&
    typeof v.sentAt === 'number' &&
    (v.to === 'all' || isSessionId(v.to))
  );
}
