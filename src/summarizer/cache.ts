// A session's summary cache on disk, in its store directory:
//
//   summary.json        small: the summary to show, what it covers, and the latest model summary.
//                       Read by every peer view (hooks, list_sessions), so it stays a few KB.
//   digest.json         the transcript digest and reader state (up to ~1.5 MB on a 200 MB
//                       transcript): only the summariser reads it, to resume where it stopped.
//   summary.lock        held while summary.json / digest.json are rewritten (short).
//   summary-gen.lock    held while a model summary is generated: one at a time per session.
//
// Both files are written only by the process holding summary.lock, temp file + rename. Whatever is
// read back is validated; a bad file counts as absent. Freshness is never assumed from the cache:
// it is checked against the transcript's identity, size and mtime (`isCurrent`).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, writeFileAtomic } from '../store/fsx.js';
import { digestFrom } from '../transcript/digest-check.js';
import type { Digest } from '../transcript/digest-types.js';
import { readerStateFrom, type ReaderState } from '../transcript/reader.js';
import type { SessionSummary } from './types.js';
import { isSessionSummary } from './validate.js';

/** A transcript's identity and size at one moment. */
export interface TranscriptMark {
  path: string;
  ino: number;
  size: number;
  mtimeMs: number;
}

export interface ModelSummary {
  summary: SessionSummary;
  /** Transcript byte offset the model summary covers, and the file it was taken from. */
  offset: number;
  ino: number;
  /** Incremental updates since the last full generation. */
  incremental: number;
  generatedAt: number;
  model: string;
}

export interface CachedSummary {
  v: 1;
  /** What peers show (`summary.task` is the one-line task of list_sessions and alerts). */
  summary: SessionSummary;
  source: 'offline' | 'model';
  updatedAt: number;
  /** The transcript as it was when `summary` was built: the summary is current while it matches. */
  transcript?: TranscriptMark;
  /** Reader offset the offline part covers, in the transcript file of inode `ino`. */
  offset: number;
  ino?: number;
  model?: ModelSummary;
  /** The last model generation failure, for get_session_context and the log, and when it happened. */
  modelError?: string;
  modelErrorAt?: number;
}

export interface CachedDigest {
  v: 1;
  path: string;
  reader: ReaderState;
  digest: Digest;
}

export const summaryFiles = (dir: string) => ({
  summary: join(dir, 'summary.json'),
  digest: join(dir, 'digest.json'),
  lock: join(dir, 'summary.lock'),
  genLock: join(dir, 'summary-gen.lock'),
});

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A TranscriptMark read back from disk or a worker; undefined when invalid. */
export function markFrom(v: unknown): TranscriptMark | undefined {
  if (!isObj(v) || typeof v.path !== 'string' || !isCount(v.ino) || !isCount(v.size) || !isNum(v.mtimeMs)) return undefined;
  return { path: v.path, ino: v.ino, size: v.size, mtimeMs: v.mtimeMs };
}

function modelFrom(v: unknown): ModelSummary | undefined {
  if (!isObj(v) || !isSessionSummary(v.summary) || !isCount(v.offset) || !isCount(v.ino) || !isCount(v.incremental)) return undefined;
  if (!isNum(v.generatedAt) || typeof v.model !== 'string') return undefined;
  return { summary: v.summary, offset: v.offset, ino: v.ino, incremental: v.incremental, generatedAt: v.generatedAt, model: v.model };
}

/** summary.json read back and checked; undefined when missing or invalid. */
export function cachedSummaryFrom(v: unknown): CachedSummary | undefined {
  if (!isObj(v) || v.v !== 1 || !isSessionSummary(v.summary) || (v.source !== 'offline' && v.source !== 'model')) return undefined;
  if (!isNum(v.updatedAt) || !isCount(v.offset)) return undefined;
  const out: CachedSummary = { v: 1, summary: v.summary, source: v.source, updatedAt: v.updatedAt, offset: v.offset };
  if (isCount(v.ino)) out.ino = v.ino;
  const mark = markFrom(v.transcript);
  if (mark) out.transcript = mark;
  const model = modelFrom(v.model);
  if (model) out.model = model;
  if (typeof v.modelError === 'string') out.modelError = v.modelError.slice(0, 500);
  if (isNum(v.modelErrorAt)) out.modelErrorAt = v.modelErrorAt;
  return out;
}

export function readCachedSummary(dir: string): CachedSummary | undefined {
  return cachedSummaryFrom(readJson(summaryFiles(dir).summary));
}

export function readCachedDigest(dir: string): CachedDigest | undefined {
  const v = readJson(summaryFiles(dir).digest);
  if (!isObj(v) || v.v !== 1 || typeof v.path !== 'string') return undefined;
  const digest = digestFrom(v.digest);
  if (!digest) return undefined;
  const reader = readerStateFrom(v.reader);
  return { v: 1, path: v.path, reader, digest };
}

/** Caller holds summary.lock. The digest is written first: summary.json never claims more than it. */
export function writeCache(dir: string, summary: CachedSummary, digest?: CachedDigest): void {
  const files = summaryFiles(dir);
  if (digest) writeFileAtomic(files.digest, JSON.stringify(digest));
  writeFileAtomic(files.summary, JSON.stringify(summary));
}

/** The transcript's mark now, or undefined when it cannot be read (gone, not a file). */
export function markTranscript(path: string): TranscriptMark | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile()) return undefined;
    return { path, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

/** Whether a summary built at `then` still describes the transcript as it is `now`. */
export function isCurrent(then: TranscriptMark | undefined, now: TranscriptMark | undefined): boolean {
  if (!then || !now) return false;
  return then.path === now.path && then.ino === now.ino && then.size === now.size && then.mtimeMs === now.mtimeMs;
}

/** Whether a model summary covers everything the digest has read (same file, at least as far). */
export function modelCovers(model: ModelSummary | undefined, reader: ReaderState): boolean {
  return model !== undefined && reader.ino !== undefined && model.ino === reader.ino && model.offset >= reader.offset;
}
