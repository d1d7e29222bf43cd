// A bounded, incrementally updated digest of one session's transcript.
//
// Purity: `addRecords` never mutates the digest it is given; it copies what it changes once per
// call (not per record) and returns a new digest. Call it with batches (a reader slice), not one
// record at a time. A Digest is plain JSON data, so a hook can persist it between runs
// (`JSON.stringify`, and `digestFrom` to validate it on the way back).
//
// Rewinds. The live conversation is the chain from the latest user/assistant record back through
// parentUuid (logicalParentUuid across a compaction boundary). Anything else is an abandoned
// branch. Which records are abandoned is only known later, so the newest `windowLimit` main-chain
// records (all types that carry a uuid) are kept with their contributions in `window`; views walk
// the chain over the window and fold only the records on it. When the window overflows, its
// oldest records are settled: those on the chain are folded into `settled` (bounded aggregates),
// the rest are dropped and counted in `abandonedRecords`.
// Limits of this choice:
// - a rewind to a point older than the window is not detected: beyond the window the transcript
//   is treated as linear (a missing parent is bridged to the record read just before);
// - a branch abandoned and later resumed after it left the window stays dropped;
// - timestamps and subagent (sidechain) activity are whole-file facts, not rewind-aware.
// Memory is O(windowLimit + the fixed caps of DIGEST_LIMITS) whatever the transcript's size.
//
// The digest's types and limits are in digest-types.ts; reading one back from disk in digest-check.ts.
import {
  clip,
  contributionOf,
  toolResultSource,
  type Contribution,
  type RawRecord,
} from './records.js';
import { EDIT_TOOLS } from '../core/records.js';
import {
  DIGEST_LIMITS,
  type Aggregate,
  type Digest,
  type DigestView,
  type FileTouch,
  type SubagentActivity,
  type TextItem,
  type WindowEntry,
} from './digest-types.js';

// ---------------------------------------------------------------------------------------------
// Folding contributions into aggregates. An Accumulator is the mutable working form of an
// Aggregate (maps instead of arrays); it never escapes this module.

interface Accumulator extends Omit<Aggregate, 'filesEdited' | 'filesRead' | 'toolCounts'> {
  filesEdited: Map<string, FileTouch>;
  filesRead: Map<string, FileTouch>;
  toolCounts: Map<string, number>;
}

function touchMap(entries: FileTouch[]): Map<string, FileTouch> {
  return new Map(entries.map((f) => [f.path, { ...f }]));
}

function toAccumulator(a: Aggregate): Accumulator {
  return {
    ...a,
    firstUserRequests: [...a.firstUserRequests],
    latestUserRequests: [...a.latestUserRequests],
    userSample: [...a.userSample],
    assistantStatements: [...a.assistantStatements],
    commands: [...a.commands],
    errors: [...a.errors],
    subagentLaunches: [...a.subagentLaunches],
    recentEditIds: [...a.recentEditIds],
    filesEdited: touchMap(a.filesEdited),
    filesRead: touchMap(a.filesRead),
    toolCounts: new Map(a.toolCounts.map((t) => [t.name, t.count])),
  };
}

function toAggregate(acc: Accumulator): Aggregate {
  return {
    ...acc,
    filesEdited: [...acc.filesEdited.values()],
    filesRead: [...acc.filesRead.values()],
    toolCounts: [...acc.toolCounts].map(([name, count]) => ({ name, count })),
  };
}

function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

function touch(map: Map<string, FileTouch>, path: string, seq: number, max: number): void {
  const f = map.get(path);
  if (f) {
    f.count += 1;
    f.lastSeq = seq;
    map.delete(path);
    map.set(path, f);
    return;
  }
  map.set(path, { path, count: 1, lastSeq: seq });
  // Maps keep insertion order and a touched file is re-inserted: the first key is the stalest.
  if (map.size > max) map.delete(map.keys().next().value as string);
}

function fold(acc: Accumulator, c: Contribution, timestamp: string | undefined): void {
  const item = (text: string): TextItem => {
    const t: TextItem = { seq: ++acc.seq, text, ordinal: acc.userMessages };
    if (timestamp !== undefined) t.timestamp = timestamp;
    return t;
  };
  if (c.userText !== undefined) {
    acc.userMessages += 1;
    const t = item(c.userText);
    if (acc.firstUserRequests.length < DIGEST_LIMITS.firstUserRequests) acc.firstUserRequests.push(t);
    pushBounded(acc.latestUserRequests, t, DIGEST_LIMITS.latestUserRequests);
    // Evenly spaced pool: keep ordinals 1, 1+s, 1+2s, ...; double s when the pool is full.
    if ((t.ordinal - 1) % acc.sampleStride === 0) {
      acc.userSample.push(t);
      if (acc.userSample.length > 2 * DIGEST_LIMITS.userSample) {
        acc.sampleStride *= 2;
        acc.userSample = acc.userSample.filter((u) => (u.ordinal - 1) % acc.sampleStride === 0);
      }
    }
  }
  if (c.assistantMessageId === undefined || c.assistantMessageId !== acc.lastAssistantMessageId) {
    // The client writes one record per content block of a streamed message: count messages by id.
    if (c.assistantText !== undefined || c.tools !== undefined) acc.assistantMessages += 1;
  }
  if (c.assistantMessageId !== undefined) acc.lastAssistantMessageId = c.assistantMessageId;
  if (c.assistantText !== undefined) pushBounded(acc.assistantStatements, item(c.assistantText), DIGEST_LIMITS.assistantStatements);
  for (const tool of c.tools ?? []) {
    acc.toolCalls += 1;
    const seq = ++acc.seq;
    acc.toolCounts.set(tool.name, (acc.toolCounts.get(tool.name) ?? 0) + 1);
    if (acc.toolCounts.size > DIGEST_LIMITS.toolNames) acc.toolCounts.delete(acc.toolCounts.keys().next().value as string);
    if (tool.file !== undefined && EDIT_TOOLS.has(tool.name)) {
      touch(acc.filesEdited, tool.file, seq, DIGEST_LIMITS.filesEdited);
      if (tool.id !== undefined) pushBounded(acc.recentEditIds, { id: tool.id, path: tool.file }, DIGEST_LIMITS.recentEditIds);
    } else if (tool.file !== undefined) {
      touch(acc.filesRead, tool.file, seq, DIGEST_LIMITS.filesRead);
    }
    if (tool.command !== undefined) pushBounded(acc.commands, item(tool.command), DIGEST_LIMITS.commands);
    if (tool.description !== undefined) pushBounded(acc.subagentLaunches, item(tool.description), DIGEST_LIMITS.subagentLaunches);
  }
  acc.toolResults += c.toolResults ?? 0;
  for (const e of c.toolErrors ?? []) {
    acc.toolErrors += 1;
    pushBounded(acc.errors, item(e.text), DIGEST_LIMITS.errors);
    // A failed edit changed nothing: take it back.
    const edit = e.toolUseId === undefined ? undefined : acc.recentEditIds.find((r) => r.id === e.toolUseId);
    const f = edit && acc.filesEdited.get(edit.path);
    if (f) {
      f.count -= 1;
      if (f.count <= 0) acc.filesEdited.delete(f.path);
    }
  }
  if (c.apiError !== undefined) pushBounded(acc.errors, item(c.apiError), DIGEST_LIMITS.errors);
}

// ---------------------------------------------------------------------------------------------
// The chain over the window.

function indexOfUuids(window: WindowEntry[]): Map<string, number> {
  const index = new Map<string, number>();
  window.forEach((e, i) => index.set(e.uuid, i));
  return index;
}

/** 1 for window entries on the live chain, 0 for abandoned ones. */
function liveFlags(window: WindowEntry[], tip: string | undefined): Uint8Array {
  const n = window.length;
  const flags = new Uint8Array(n);
  if (n === 0) return flags;
  const index = indexOfUuids(window);
  let i: number | undefined = (tip === undefined ? undefined : index.get(tip)) ?? n - 1;
  while (i !== undefined && flags[i] === 0) {
    flags[i] = 1;
    const parent: string | undefined = window[i]!.parent;
    if (parent === undefined) break;
    const j = index.get(parent);
    if (j === undefined) i = i > 0 ? i - 1 : undefined; // parent left the window or was never read
    else if (j < i) i = j;
    else break; // a parent written after its child: malformed, stop rather than loop
  }
  // Parallel tool calls fork the chain (seen with 2.1.330): each tool_result hangs off its own
  // tool_use record, and only the last one is an ancestor of what follows. They are live results.
  for (let k = 0; k < n; k++) {
    const of = window[k]!.resultOf;
    if (flags[k] === 0 && of !== undefined) {
      const j = index.get(of);
      if (j !== undefined && j < k && flags[j] === 1) flags[k] = 1;
    }
  }
  return flags;
}

// ---------------------------------------------------------------------------------------------

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function laterTimestamp(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function earlierTimestamp(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function subagentRecord(sub: SubagentActivity, record: RawRecord, timestamp: string | undefined): SubagentActivity {
  const next: SubagentActivity = { ...sub, records: sub.records + 1 };
  if (timestamp !== undefined) next.lastTimestamp = laterTimestamp(sub.lastTimestamp, timestamp);
  const c = record.type === 'assistant' ? contributionOf(record) : undefined;
  if (c?.tools) {
    next.toolCalls += c.tools.length;
    const edits = c.tools.filter((t) => t.file !== undefined && EDIT_TOOLS.has(t.name));
    if (edits.length > 0) {
      const map = touchMap(sub.filesEdited);
      for (const t of edits) touch(map, t.file!, next.records, DIGEST_LIMITS.subagentFiles);
      next.filesEdited = [...map.values()];
    }
  }
  return next;
}

/** Settle the oldest window entries so the window is back to `windowLimit`. */
function settleOverflow(d: Digest): void {
  const overflow = d.window.length - d.windowLimit;
  if (overflow <= 0) return;
  const flags = liveFlags(d.window, d.tip);
  const acc = toAccumulator(d.settled);
  for (let i = 0; i < overflow; i++) {
    const e = d.window[i]!;
    if (flags[i] === 1) {
      if (e.c) fold(acc, e.c, e.timestamp);
    } else {
      d.abandonedRecords += 1;
    }
  }
  d.settled = toAggregate(acc);
  d.window = d.window.slice(overflow);
}

/** A new digest with `records` (in file order) added. Never mutates `digest`. */
export function addRecords(digest: Digest, records: readonly unknown[]): Digest {
  const d: Digest = { ...digest, window: digest.window.slice() };
  for (const value of records) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as RawRecord).type !== 'string') {
      d.ignoredRecords += 1;
      continue;
    }
    const record = value as RawRecord;
    d.records += 1;
    const timestamp = str(record.timestamp);
    if (timestamp !== undefined && !Number.isNaN(Date.parse(timestamp))) {
      d.firstTimestamp = earlierTimestamp(d.firstTimestamp, timestamp);
      d.lastTimestamp = laterTimestamp(d.lastTimestamp, timestamp);
    }
    d.sessionId ??= str(record.sessionId);
    const cwd = str(record.cwd);
    if (cwd !== undefined) d.cwd = cwd;
    const branch = str(record.gitBranch);
    if (branch !== undefined) d.gitBranch = branch;
    if (record.type === 'summary' || record.type === 'custom-title') {
      const title = str(record.summary) ?? str(record.customTitle) ?? str(record.title);
      if (title !== undefined) d.title = clip(title, 200);
    }
    if (record.isSidechain === true) {
      d.subagent = subagentRecord(d.subagent, record, timestamp);
      continue;
    }
    const uuid = str(record.uuid);
    if (uuid === undefined) continue; // bookkeeping records (queue-operation, api-request, ...) are not on the chain
    const entry: WindowEntry = { uuid };
    // A compaction boundary starts a new root but names the record it logically follows.
    const parent = str(record.parentUuid) ?? str(record.logicalParentUuid);
    if (parent !== undefined) entry.parent = parent;
    const resultOf = toolResultSource(record);
    if (resultOf !== undefined) entry.resultOf = resultOf;
    if (timestamp !== undefined) entry.timestamp = timestamp;
    const c = contributionOf(record);
    if (c !== undefined) entry.c = c;
    d.window.push(entry);
    if (record.type === 'user' || record.type === 'assistant') d.tip = uuid;
  }
  // Hysteresis: settling costs a chain walk over the window, so do it in steps of a quarter window.
  if (d.window.length > d.windowLimit + Math.max(1, d.windowLimit >> 2)) settleOverflow(d);
  return d;
}

const views = new WeakMap<Digest, DigestView>();

/** The digest resolved against the live chain. Memoised per digest object (digests are immutable). */
export function viewDigest(d: Digest): DigestView {
  const cached = views.get(d);
  if (cached) return cached;
  const acc = toAccumulator(d.settled);
  const flags = liveFlags(d.window, d.tip);
  d.window.forEach((e, i) => {
    if (flags[i] === 1 && e.c) fold(acc, e.c, e.timestamp);
  });
  const a = toAggregate(acc);
  const abandoned = d.abandonedRecords + flags.reduce((n, f) => n + (f === 0 ? 1 : 0), 0);
  const view: DigestView = {
    counts: {
      userMessages: a.userMessages,
      assistantMessages: a.assistantMessages,
      toolCalls: a.toolCalls,
      toolResults: a.toolResults,
      toolErrors: a.toolErrors,
      subagentRecords: d.subagent.records,
      subagentToolCalls: d.subagent.toolCalls,
      abandonedRecords: abandoned,
      records: d.records,
    },
    firstUserRequests: a.firstUserRequests,
    latestUserRequests: a.latestUserRequests,
    userSample: a.userSample,
    assistantStatements: a.assistantStatements,
    commands: a.commands,
    errors: a.errors,
    subagentLaunches: a.subagentLaunches,
    filesEdited: [...a.filesEdited].sort((x, y) => y.lastSeq - x.lastSeq),
    filesRead: [...a.filesRead].sort((x, y) => y.lastSeq - x.lastSeq),
    subagentFilesEdited: [...d.subagent.filesEdited].sort((x, y) => y.lastSeq - x.lastSeq),
    toolCounts: [...a.toolCounts].sort((x, y) => y.count - x.count),
  };
  for (const k of ['firstTimestamp', 'lastTimestamp', 'sessionId', 'cwd', 'gitBranch', 'title'] as const) {
    if (d[k] !== undefined) view[k] = d[k];
  }
  views.set(d, view);
  return view;
}
