// The shape of a transcript digest (see digest.ts for how records are folded into one), its limits,
// and the empty digest. Types and constants only: what the summariser, the sampler and the cache share.
import type { Contribution } from './records.js';

export const DIGEST_LIMITS = {
  windowLimit: 5000,
  firstUserRequests: 3,
  latestUserRequests: 5,
  /** The evenly spaced pool holds between this and twice this many user messages. */
  userSample: 24,
  assistantStatements: 20,
  commands: 20,
  errors: 5,
  subagentLaunches: 10,
  filesEdited: 500,
  filesRead: 300,
  toolNames: 100,
  recentEditIds: 50,
  subagentFiles: 200,
} as const;

/** A text with its place in the session: `seq` orders all items; `ordinal` numbers user messages. */
export interface TextItem {
  seq: number;
  text: string;
  timestamp?: string;
  /** User messages: 1-based number among the user's messages. Others: user messages before it. */
  ordinal: number;
}

export interface FileTouch {
  path: string;
  count: number;
  lastSeq: number;
}

/** What the session said and did, as a summary quotes it: folded into the digest, resolved in its view. */
export interface SessionEvidence {
  firstUserRequests: TextItem[];
  latestUserRequests: TextItem[];
  /** Evenly spaced user messages over the whole session, ascending by ordinal. */
  userSample: TextItem[];
  assistantStatements: TextItem[];
  commands: TextItem[];
  errors: TextItem[];
  subagentLaunches: TextItem[];
  filesEdited: FileTouch[];
  filesRead: FileTouch[];
  toolCounts: Array<{ name: string; count: number }>;
}

/** Where and when the session ran, as its records say. */
export interface SessionPlace {
  firstTimestamp?: string;
  lastTimestamp?: string;
  sessionId?: string;
  cwd?: string;
  gitBranch?: string;
  title?: string;
}

export interface Aggregate extends SessionEvidence {
  seq: number;
  userMessages: number;
  assistantMessages: number;
  lastAssistantMessageId?: string;
  toolCalls: number;
  toolResults: number;
  toolErrors: number;
  sampleStride: number;
  /** Recent edit tool_use ids, so a failed edit can be taken back. */
  recentEditIds: Array<{ id: string; path: string }>;
}

export interface WindowEntry {
  uuid: string;
  parent?: string;
  /** For tool-result records: the assistant record whose tool_use they answer. */
  resultOf?: string;
  timestamp?: string;
  c?: Contribution;
}

export interface SubagentActivity {
  records: number;
  toolCalls: number;
  filesEdited: FileTouch[];
  lastTimestamp?: string;
}

export interface Digest extends SessionPlace {
  version: 1;
  windowLimit: number;
  window: WindowEntry[];
  /** Uuid of the latest main-chain user/assistant record. */
  tip?: string;
  settled: Aggregate;
  subagent: SubagentActivity;
  records: number;
  /** Lines that parsed but are not records (no string `type`). */
  ignoredRecords: number;
  abandonedRecords: number;
}

/** Everything a summary needs, resolved against the live chain (files newest first, tools most used first). */
export interface DigestView extends SessionEvidence, SessionPlace {
  counts: {
    userMessages: number;
    assistantMessages: number;
    toolCalls: number;
    toolResults: number;
    toolErrors: number;
    subagentRecords: number;
    subagentToolCalls: number;
    abandonedRecords: number;
    records: number;
  };
  subagentFilesEdited: FileTouch[];
}

function emptyAggregate(): Aggregate {
  return {
    seq: 0,
    userMessages: 0,
    assistantMessages: 0,
    toolCalls: 0,
    toolResults: 0,
    toolErrors: 0,
    firstUserRequests: [],
    latestUserRequests: [],
    userSample: [],
    sampleStride: 1,
    assistantStatements: [],
    commands: [],
    errors: [],
    subagentLaunches: [],
    filesEdited: [],
    filesRead: [],
    toolCounts: [],
    recentEditIds: [],
  };
}

export function emptyDigest(options: { windowLimit?: number } = {}): Digest {
  return {
    version: 1,
    windowLimit: Math.max(2, Math.floor(options.windowLimit ?? DIGEST_LIMITS.windowLimit)),
    window: [],
    settled: emptyAggregate(),
    subagent: { records: 0, toolCalls: 0, filesEdited: [] },
    records: 0,
    ignoredRecords: 0,
    abandonedRecords: 0,
  };
}
