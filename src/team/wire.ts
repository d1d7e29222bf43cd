// What crosses the wire in team mode, and the checks everything read from Redis must pass. Another
// machine, or whoever can write to the server, controls every byte: each record is size-capped,
// typed, its names checked before they become path components, its paths confined to the
// repository, its labels one printable line. A record that fails is skipped, never half-used.
import type { EditRecord, Message, SessionMeta } from '../core/records.js';
import { isEditRecord, isMessage } from '../core/records.js';
import { isSessionId } from '../core/ids.js';
import { cleanLabel } from './identity.js';
import { isConfinedPath as confined, parseRemoteDiffs, type RemoteDiffs } from '../sync/remote-peers.js';

/** A published session: who it is and its open edits. Only paths relative to the repository top. */
export interface WireSession {
  v: 1;
  id: string;
  branch?: string;
  task?: string;
  name?: string;
  startedAt: number;
  edits: WireEdit[];
  /** Only with team.shareDiffs on the publishing machine: the uncommitted hunks of its open files. */
  diffs?: RemoteDiffs;
}

export interface WireEdit {
  ts: number;
  file: string;
  tool: string;
  ranges: Array<[number, number]>;
  symbols: string[] | null;
  toolUseId?: string;
}

export const LIMITS = {
  /** One session's JSON on the wire. */
  sessionBytes: 256 * 1024,
  editsPerSession: 500,
  rangesPerEdit: 64,
  symbolsPerEdit: 64,
  symbolChars: 300,
  pathChars: 1024,
  sessionsPerMachine: 200,
  machines: 500,
  messageBytes: 70 * 1024,
} as const;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A path relative to the repository top that stays inside it: no absolute path, no `..`, no control characters. */
export const isConfinedPath = (p: unknown): p is string => confined(p, LIMITS.pathChars);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (n: unknown): n is number => Number.isSafeInteger(n);
const printable = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v ? cleanLabel(v, max) : undefined);

/** Our own session as published: open edits only, capped (the newest kept). */
export function toWire(meta: SessionMeta, name: string | undefined, open: readonly EditRecord[], diffs?: RemoteDiffs): WireSession {
  const edits = [...open]
    .sort((a, b) => a.ts - b.ts)
    .slice(-LIMITS.editsPerSession)
    .map((e) => ({
      ts: e.ts,
      file: e.file,
      tool: e.tool,
      ranges: e.ranges.slice(0, LIMITS.rangesPerEdit),
      symbols: e.symbols === null ? null : e.symbols.slice(0, LIMITS.symbolsPerEdit),
      ...(e.toolUseId ? { toolUseId: e.toolUseId } : {}),
    }));
  return {
    v: 1,
    id: meta.sessionId,
    ...(meta.branch ? { branch: meta.branch } : {}),
    ...(meta.task ? { task: meta.task.slice(0, 300) } : {}),
    ...(name ? { name: name.slice(0, 100) } : {}),
    startedAt: meta.startedAt,
    edits,
    ...(diffs && diffs.files.length ? { diffs } : {}),
  };
}

function edit(v: unknown): WireEdit | undefined {
  if (!isObj(v) || typeof v.ts !== 'number' || !Number.isFinite(v.ts) || !isConfinedPath(v.file)) return undefined;
  if (typeof v.tool !== 'string' || v.tool.length > 64 || CONTROL.test(v.tool)) return undefined;
  if (!Array.isArray(v.ranges) || v.ranges.length > LIMITS.rangesPerEdit) return undefined;
  const ranges: Array<[number, number]> = [];
  for (const r of v.ranges) {
    if (!Array.isArray(r) || r.length !== 2 || !isInt(r[0]) || !isInt(r[1]) || r[0] < 0 || r[1] < r[0]) return undefined;
    ranges.push([r[0], r[1]]);
  }
  let symbols: string[] | null = null;
  if (v.symbols !== null) {
    if (!Array.isArray(v.symbols) || v.symbols.length > LIMITS.symbolsPerEdit) return undefined;
    if (!v.symbols.every((s) => typeof s === 'string' && s.length > 0 && s.length <= LIMITS.symbolChars && !CONTROL.test(s))) return undefined;
    symbols = v.symbols as string[];
  }
  if (v.toolUseId !== undefined && (typeof v.toolUseId !== 'string' || v.toolUseId.length > 200 || CONTROL.test(v.toolUseId))) return undefined;
  return { ts: v.ts, file: v.file, tool: v.tool, ranges, symbols, ...(typeof v.toolUseId === 'string' ? { toolUseId: v.toolUseId } : {}) };
}

/**
 * A session another machine published, or why not. One bad edit sinks the whole record: a machine
 * that sends one forged edit may have forged the rest.
 */
export function parseWireSession(raw: string): { ok: true; session: WireSession } | { ok: false; why: string } {
  if (raw.length > LIMITS.sessionBytes) return { ok: false, why: `over ${LIMITS.sessionBytes} bytes` };
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return { ok: false, why: 'not JSON' };
  }
  if (!isObj(v) || v.v !== 1 || !isSessionId(v.id)) return { ok: false, why: 'no valid session id' };
  if (typeof v.startedAt !== 'number' || !Number.isFinite(v.startedAt)) return { ok: false, why: 'no start time' };
  if (!Array.isArray(v.edits) || v.edits.length > LIMITS.editsPerSession) return { ok: false, why: 'edits missing or too many' };
  const edits: WireEdit[] = [];
  for (const e of v.edits) {
    const ok = edit(e);
    if (!ok) return { ok: false, why: 'an invalid edit (path, ranges, symbols or types)' };
    edits.push(ok);
  }
  let diffs: RemoteDiffs | undefined;
  if (v.diffs !== undefined) {
    diffs = parseRemoteDiffs(v.diffs);
    if (!diffs) return { ok: false, why: 'invalid diffs (paths, hunks, ids or sizes)' };
  }
  const branch = printable(v.branch, 200);
  const task = printable(v.task, 300);
  const name = printable(v.name, 100);
  return {
    ok: true,
    session: { v: 1, id: v.id, startedAt: v.startedAt, edits, ...(branch ? { branch } : {}), ...(task ? { task } : {}), ...(name ? { name } : {}), ...(diffs ? { diffs } : {}) },
  };
}

/** The local copy of a remote session: meta with no local path, no pid (it is not a process here). */
export function remoteMeta(s: WireSession): SessionMeta {
  return { v: 1, sessionId: s.id, cwd: '', worktree: '', startedAt: s.startedAt, ...(s.branch ? { branch: s.branch } : {}), ...(s.task ? { task: s.task } : {}) };
}

/** Its edits as local records of one remote machine (their worktree can never equal a local one). */
export function remoteEdits(s: WireSession, machine: string): EditRecord[] {
  return s.edits
    .map((e): EditRecord => ({ v: 1, ts: e.ts, session: s.id, file: e.file, worktree: `remote:${machine}`, tool: e.tool, ranges: e.ranges, symbols: e.symbols, ...(e.toolUseId ? { toolUseId: e.toolUseId } : {}) }))
    .filter(isEditRecord);
}

/** A message from another machine, or undefined: the usual checks plus a size cap before parsing. */
export function parseWireMessage(raw: string): Message | undefined {
  if (raw.length > LIMITS.messageBytes) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isMessage(v)) return undefined;
  if (v.fromTask !== undefined && typeof v.fromTask !== 'string') return undefined;
  if (v.inReplyTo !== undefined && typeof v.inReplyTo !== 'string') return undefined;
  return v;
}
