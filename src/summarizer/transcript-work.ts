// The heavy half of summarising: reading a transcript into its digest, the offline summary, the
// cache write, and the sample a model is prompted with. It allocates in proportion to the bytes
// read (tens of MB of short-lived garbage for a large catch-up), which a long-lived process keeps
// as resident memory long after the garbage is collected; so the MCP server has it done by a
// short-lived worker (worker-client.ts) and keeps only the small results. `InProcessWork` is the
// same work in the calling process: for tests, and when no worker can be started.
import { addRecords } from '../transcript/digest.js';
import { emptyDigest, type Digest } from '../transcript/digest-types.js';
import { initialReaderState, readNewRecords, type ReaderState } from '../transcript/reader.js';
import { sampleForPrompt } from '../transcript/sample.js';
import { isCurrent, modelCovers, readCachedDigest, readCachedSummary, type CachedSummary, type TranscriptMark } from './cache.js';
import { offlineSummary } from './offline.js';
import { saveCache, type SaveEnv } from './save.js';
import type { SessionSummary } from './types.js';

export interface CatchUpRequest {
  /** The session's store directory (validated id). */
  dir: string;
  /** Its transcript, already checked to be one of Claude Code's transcripts. */
  path: string;
  /** The transcript as stat'ed before reading: recorded as current only if read to its end. */
  mark: TranscriptMark;
  editedFiles: string[];
  fallbackTask?: string;
  /** Time allowed for reading; what is left is read by the next call. */
  readWithinMs: number;
}

export interface CatchUpResult {
  /** The offline summary of the transcript as read, recorded edits first. */
  offline: SessionSummary;
  reader: ReaderState;
  /** Every complete line was read. */
  atEnd: boolean;
  /** summary.json after the catch-up: written by it, or by another process ahead of it. */
  current?: CachedSummary;
}

export interface SampleRequest {
  dir: string;
  path: string;
  /** The transcript file (inode) the sample must come from. */
  ino: number;
  /** Sample only what happened since this offset (an incremental update); else the whole digest. */
  since?: number;
  chars: number;
}

export interface SampleResult {
  sample: string;
  /** Transcript offset the sample covers. */
  offset: number;
}

export interface TranscriptWork {
  catchUp(request: CatchUpRequest): Promise<CatchUpResult>;
  /** Undefined when the transcript no longer is the file asked about. */
  sample(request: SampleRequest): Promise<SampleResult | undefined>;
  close(): void;
}

export interface Progress {
  path: string;
  reader: ReaderState;
  digest: Digest;
}

// Small slices keep the transient garbage of a catch-up (parsed records) small: measured, 1 MiB
// slices read a 20 MB transcript faster and leave a smaller heap than 4 MiB ones.
const SLICE_BYTES = 1 << 20;

/** Read what the transcript gained since `progress`, slice by slice, until its end or `deadline`. */
export async function catchUpUntil(progress: Progress, deadline: number, now: () => number): Promise<{ progress: Progress; atEnd: boolean }> {
  let { reader, digest } = progress;
  for (;;) {
    const r = await readNewRecords(progress.path, reader, { maxBytes: SLICE_BYTES });
    if (r.restarted) digest = emptyDigest({ windowLimit: digest.windowLimit });
    if (r.records.length > 0) digest = addRecords(digest, r.records);
    reader = r.state;
    if (r.atEnd) return { progress: { path: progress.path, reader, digest }, atEnd: true };
    if (now() >= deadline) return { progress: { path: progress.path, reader, digest }, atEnd: false };
  }
}

/** Recorded edits first, then files the summary names that are not among them. */
export function withFiles(summary: SessionSummary, files: string[]): SessionSummary {
  return { ...summary, changedFiles: [...new Set([...files, ...summary.changedFiles])] };
}

/** The transcript has no request yet (or is unreadable): the hooks saw the user's first prompt. */
export function withFallbackTask(summary: SessionSummary, fallbackTask: string | undefined): SessionSummary {
  if (fallbackTask && summary.task === 'No request yet') return { ...summary, task: fallbackTask.slice(0, 300) };
  return summary;
}

/** Where reading resumes: `mine` (kept in memory) or digest.json, whichever is further along. */
export function resumePoint(dir: string, path: string, mine?: Progress): Progress {
  const disk = readCachedDigest(dir);
  const fromDisk = disk && disk.path === path ? { path, reader: disk.reader, digest: disk.digest } : undefined;
  // Another process may have read further than this one did: resume from whichever is ahead.
  if (mine && mine.path === path && (!fromDisk || fromDisk.reader.offset <= mine.reader.offset)) return mine;
  return fromDisk ?? { path, reader: initialReaderState(), digest: emptyDigest() };
}

/** Bring the session's digest up to date from `from`, and save digest and summary under the lock. */
export async function catchUpSession(request: CatchUpRequest, from: Progress, env: SaveEnv): Promise<{ result: CatchUpResult; progress: Progress }> {
  const { dir, path, mark } = request;
  const { progress, atEnd } = await catchUpUntil(from, env.now() + request.readWithinMs, env.now);
  const offline = withFallbackTask(offlineSummary(progress.digest, request.editedFiles), request.fallbackTask);
  let current = readCachedSummary(dir);
  if (!current || progress.reader.offset !== current.offset || !isCurrent(current.transcript, mark) || progress.reader.ino !== current.ino) {
    const saved = await saveCache(
      dir,
      (c) => {
        // Another process has saved a digest further along: keep it (ours is only behind, not wrong).
        if (c && c.ino === progress.reader.ino && c.offset > progress.reader.offset) return undefined;
        const model = c?.model;
        const covered = modelCovers(model, progress.reader);
        const next: CachedSummary = {
          v: 1,
          summary: covered ? withFiles(model!.summary, offline.changedFiles) : offline,
          source: covered ? 'model' : 'offline',
          updatedAt: env.now(),
          offset: progress.reader.offset,
        };
        if (progress.reader.ino !== undefined) next.ino = progress.reader.ino;
        // A transcript read only in part is never recorded as current.
        if (atEnd) next.transcript = mark;
        if (model) next.model = model;
        if (c?.modelError) next.modelError = c.modelError;
        if (c?.modelErrorAt !== undefined) next.modelErrorAt = c.modelErrorAt;
        return { summary: next, digest: { v: 1, path, reader: progress.reader, digest: progress.digest } };
      },
      env,
    );
    current = saved ?? readCachedSummary(dir);
  }
  const result: CatchUpResult = { offline, reader: progress.reader, atEnd };
  if (current) result.current = current;
  return { result, progress };
}

/** The excerpt a model is prompted with: the whole session (`known` or digest.json), or only what followed `since`. */
export async function promptSample(request: SampleRequest, known?: Progress): Promise<SampleResult | undefined> {
  const { path, ino, since } = request;
  if (since !== undefined) {
    // Only what happened since the previous model summary: read those bytes again into a fresh digest.
    const delta = await catchUpUntil({ path, reader: { offset: since, ino, invalidLines: 0 }, digest: emptyDigest() }, Number.POSITIVE_INFINITY, Date.now);
    if (delta.progress.reader.ino !== ino) return undefined;
    return { sample: sampleForPrompt(delta.progress.digest, request.chars), offset: delta.progress.reader.offset };
  }
  const progress = resumePoint(request.dir, path, known);
  if (progress.reader.ino !== ino) return undefined;
  return { sample: sampleForPrompt(progress.digest, request.chars), offset: progress.reader.offset };
}

/** The work done in this process; digests are kept in memory between calls (no digest.json re-read). */
export class InProcessWork implements TranscriptWork {
  private readonly progress = new Map<string, Progress>();

  constructor(private readonly env: SaveEnv) {}

  async catchUp(request: CatchUpRequest): Promise<CatchUpResult> {
    const from = resumePoint(request.dir, request.path, this.progress.get(request.dir));
    const { result, progress } = await catchUpSession(request, from, this.env);
    this.progress.set(request.dir, progress);
    return result;
  }

  sample(request: SampleRequest): Promise<SampleResult | undefined> {
    return promptSample(request, this.progress.get(request.dir));
  }

  close(): void {
    this.progress.clear();
  }
}
