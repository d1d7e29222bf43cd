// Reading a persisted digest (digest.json in a session's store folder) back: its structure is
// checked before use, and a bad one is rejected whole (the transcript is then read again).
import type { Digest } from './digest-types.js';

type Check = (v: unknown) => boolean;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isInt: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v);
const isStr: Check = (v) => typeof v === 'string';
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const shape = (fields: Record<string, Check>): Check => (v) => isObj(v) && Object.entries(fields).every(([k, c]) => c(v[k]));

const isTextItem = shape({ seq: isCount, text: isStr, timestamp: optional(isStr), ordinal: isCount });
const isFileTouch = shape({ path: isStr, count: isCount, lastSeq: isInt });
const isToolCall = shape({ id: optional(isStr), name: isStr, file: optional(isStr), command: optional(isStr), description: optional(isStr) });
const isContribution = shape({
  userText: optional(isStr),
  assistantText: optional(isStr),
  assistantMessageId: optional(isStr),
  tools: optional(arrayOf(isToolCall)),
  toolResults: optional(isCount),
  toolErrors: optional(arrayOf(shape({ toolUseId: optional(isStr), text: isStr }))),
  apiError: optional(isStr),
});
const isAggregate = shape({
  seq: isCount,
  userMessages: isCount,
  assistantMessages: isCount,
  lastAssistantMessageId: optional(isStr),
  toolCalls: isCount,
  toolResults: isCount,
  toolErrors: isCount,
  firstUserRequests: arrayOf(isTextItem),
  latestUserRequests: arrayOf(isTextItem),
  userSample: arrayOf(isTextItem),
  sampleStride: (v) => isCount(v) && (v as number) >= 1,
  assistantStatements: arrayOf(isTextItem),
  commands: arrayOf(isTextItem),
  errors: arrayOf(isTextItem),
  subagentLaunches: arrayOf(isTextItem),
  filesEdited: arrayOf(isFileTouch),
  filesRead: arrayOf(isFileTouch),
  toolCounts: arrayOf(shape({ name: isStr, count: isCount })),
  recentEditIds: arrayOf(shape({ id: isStr, path: isStr })),
});
const isDigest = shape({
  version: (v) => v === 1,
  windowLimit: (v) => isCount(v) && (v as number) >= 2,
  window: arrayOf(
    shape({ uuid: isStr, parent: optional(isStr), resultOf: optional(isStr), timestamp: optional(isStr), c: optional(isContribution) }),
  ),
  tip: optional(isStr),
  settled: isAggregate,
  subagent: shape({ records: isCount, toolCalls: isCount, filesEdited: arrayOf(isFileTouch), lastTimestamp: optional(isStr) }),
  records: isCount,
  ignoredRecords: isCount,
  abandonedRecords: isCount,
  firstTimestamp: optional(isStr),
  lastTimestamp: optional(isStr),
  sessionId: optional(isStr),
  cwd: optional(isStr),
  gitBranch: optional(isStr),
  title: optional(isStr),
});

/** A digest read back from disk (after JSON.parse), or undefined when it is not a valid digest. */
export function digestFrom(value: unknown): Digest | undefined {
  return isDigest(value) ? (value as Digest) : undefined;
}
