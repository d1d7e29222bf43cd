// Summaries of sessions for a long-lived process (the MCP server): incremental, cached on disk,
// fresh when served, and a model summary only on demand.
//
// One call of `summarize`:
//  1. bring the session's digest up to date with its transcript, reading only the bytes added
//     since the digest was last saved (by this process or any other), within a time budget;
//  2. save digest + summary under the session's summary lock, if it is free (else another process
//     is saving the same thing: skip);
//  3. serve the model summary if one covers the transcript as read; otherwise, when a model is
//     allowed, start one generation (one per session across processes: summary-gen.lock) and wait
//     for it until the answer deadline; past it, serve the offline summary and let the model summary
//     land in the cache for the next call (the process lives on, so the child finishes).
import { emptyDigest, type Digest } from '../transcript/digest.js';
import { readNewRecords, initialReaderState, type ReaderState } from '../transcript/reader.js';
import { addRecords } from '../transcript/digest.js';
import { sampleForPrompt } from '../transcript/sample.js';
import {
  isCurrent, markTranscript, modelCovers, readCachedDigest, readCachedSummary, summaryFiles, writeCache,
  type CachedSummary, type ModelSummary, type TranscriptMark,
} from './cache.js';
import { CLAUDE_DEFAULTS } from './claude.js';
import { tryLock, type HeldLock } from './lock.js';
import { offlineSummary } from './offline.js';
import type { SessionSummary, SummaryGenerator } from './types.js';

export interface SummarizeInput {
  /** The session's store directory (validated id). */
  dir: string;
  /** Its transcript, already checked to be one of Claude Code's transcripts; undefined if unknown. */
  transcriptPath?: string;
  /** Files the hooks recorded as edited (authoritative): first in changedFiles. */
  editedFiles: string[];
  /** The first request the hooks recorded: the task when the transcript has none. */
  fallbackTask?: string;
  /** A model generator when config and environment allow one, else undefined. */
  generator?: SummaryGenerator;
  model?: string;
}

export interface ServedSummary {
  summary: SessionSummary;
  source: 'offline' | 'model';
  updatedAt: number;
  /** The summary does not reflect the whole transcript as it is now (read budget exceeded, transcript unreadable). */
  stale: boolean;
  /** A model summary is being generated (here or by another process) and will be served by a later call. */
  modelPending: boolean;
  modelError?: string;
}

export interface SessionSummariesOptions {
  now?: () => number;
  log?: (text: string) => void;
  /** Total time a call may take before answering with what it has. */
  answerWithinMs?: number;
  /** Share of it for reading the transcript; the rest is for waiting on a model. */
  readWithinMs?: number;
  /** Incremental model updates before a full regeneration. */
  fullEvery?: number;
  /** A delta larger than this is summarised by a full regeneration instead. */
  maxDeltaBytes?: number;
  generationTimeoutMs?: number;
  /** After a failed generation, wait this long before trying again. */
  retryAfterMs?: number;
}

interface Progress {
  path: string;
  reader: ReaderState;
  digest: Digest;
}

// Small slices keep the transient garbage of a catch-up (parsed records) small: measured, 1 MiB
// slices read a 20 MB transcript faster and leave a smaller heap than 4 MiB ones.
const SLICE_BYTES = 1 << 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Read what the transcript gained since `progress`, slice by slice, until its end or `deadline`. */
async function catchUpUntil(progress: Progress, deadline: number, now: () => number): Promise<{ progress: Progress; atEnd: boolean }> {
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
function withFiles(summary: SessionSummary, files: string[]): SessionSummary {
  return { ...summary, changedFiles: [...new Set([...files, ...summary.changedFiles])] };
}

export class SessionSummaries {
  private readonly now: () => number;
  private readonly log: (text: string) => void;
  private readonly opts: Required<Omit<SessionSummariesOptions, 'now' | 'log'>>;
  /** Per session dir: the digest as this process last read it (saves re-reading digest.json). */
  private readonly progress = new Map<string, Progress>();
  /** Generations started by this process, by session dir. */
  private readonly generations = new Map<string, Promise<void>>();
  /** Answers already given, reused while the transcript is unchanged and the watcher saw nothing. */
  private readonly served = new Map<string, { mark: TranscriptMark; answer: ServedSummary; files: string }>();
  private readonly abort = new AbortController();

  constructor(options: SessionSummariesOptions = {}) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.opts = {
      answerWithinMs: options.answerWithinMs ?? 3_000,
      readWithinMs: options.readWithinMs ?? 2_000,
      fullEvery: options.fullEvery ?? 4,
      maxDeltaBytes: options.maxDeltaBytes ?? 16 << 20,
      generationTimeoutMs: options.generationTimeoutMs ?? CLAUDE_DEFAULTS.timeoutMs,
      retryAfterMs: options.retryAfterMs ?? 60_000,
    };
  }

  /** The watcher saw this transcript change: answers given for it are no longer reusable. */
  markStale(transcriptPath: string): void {
    for (const [dir, s] of this.served) if (s.mark.path === transcriptPath) this.served.delete(dir);
  }

  /** Generations in flight in this process (for tests and cleanup). */
  pending(): Promise<void>[] {
    return [...this.generations.values()];
  }

  /** Stop: abort running generations (their children are killed) and wait for them to settle. */
  async close(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.pending());
  }

  async summarize(input: SummarizeInput): Promise<ServedSummary> {
    const start = this.now();
    const deadline = start + this.opts.answerWithinMs;
    const { dir } = input;
    const path = input.transcriptPath;
    const mark = path ? markTranscript(path) : undefined;
    const filesKey = input.editedFiles.join('\n');

    const memo = this.served.get(dir);
    if (memo && mark && isCurrent(memo.mark, mark) && memo.files === filesKey && !this.generations.has(dir) && (!memo.answer.modelPending || !input.generator)) {
      return memo.answer;
    }

    const cached = readCachedSummary(dir);
    if (!path || !mark) {
      // No transcript to read: what the hooks recorded, and the last summary if there is one.
      const base = cached?.summary ?? this.fallback(offlineSummary(emptyDigest(), input.editedFiles), input);
      return { summary: withFiles(base, input.editedFiles), source: cached?.source ?? 'offline', updatedAt: cached?.updatedAt ?? start, stale: cached !== undefined, modelPending: false };
    }

    const before = this.loadProgress(dir, path);
    const { progress, atEnd } = await catchUpUntil(before, Math.min(deadline, start + this.opts.readWithinMs), this.now);
    this.progress.set(dir, progress);
    const offline = this.fallback(offlineSummary(progress.digest, input.editedFiles), input);

    let current = cached;
    if (!cached || progress.reader.offset !== cached.offset || !isCurrent(cached.transcript, mark) || progress.reader.ino !== cached.ino) {
      current = await this.save(dir, (c) => {
        // Another process has saved a digest further along: keep it (ours is only behind, not wrong).
        if (c && c.ino === progress.reader.ino && c.offset > progress.reader.offset) return undefined;
        const model = c?.model;
        const covered = modelCovers(model, progress.reader);
        const next: CachedSummary = {
          v: 1,
          summary: covered ? withFiles(model!.summary, offline.changedFiles) : offline,
          source: covered ? 'model' : 'offline',
          updatedAt: this.now(),
          offset: progress.reader.offset,
        };
        if (progress.reader.ino !== undefined) next.ino = progress.reader.ino;
        // A transcript read only in part is never recorded as current.
        if (atEnd) next.transcript = mark;
        if (model) next.model = model;
        if (c?.modelError) next.modelError = c.modelError;
        if (c?.modelErrorAt !== undefined) next.modelErrorAt = c.modelErrorAt;
        return { summary: next, digest: { v: 1, path, reader: progress.reader, digest: progress.digest } };
      }) ?? readCachedSummary(dir);
    }

    const answer = (model: ModelSummary | undefined, pending: boolean, error?: string): ServedSummary => {
      const a: ServedSummary = model
        ? { summary: withFiles(model.summary, offline.changedFiles), source: 'model', updatedAt: model.generatedAt, stale: !atEnd, modelPending: false }
        : { summary: offline, source: 'offline', updatedAt: this.now(), stale: !atEnd, modelPending: pending };
      if (error && !model) a.modelError = error;
      if (atEnd) this.served.set(dir, { mark, answer: a, files: filesKey });
      return a;
    };

    if (modelCovers(current?.model, progress.reader)) return answer(current!.model, false);
    if (!input.generator || !atEnd) return answer(undefined, false, current?.modelError);
    // A generation that just failed is not retried at every call (a broken CLI would be spawned each time).
    if (current?.modelErrorAt !== undefined && this.now() - current.modelErrorAt < this.opts.retryAfterMs) {
      return answer(undefined, false, current.modelError);
    }

    const generation = this.generate(input, progress);
    if (!generation) return answer(undefined, true, current?.modelError);
    const left = deadline - this.now();
    const landed = await Promise.race([generation.then(() => true), sleep(Math.max(0, left)).then(() => false)]);
    if (!landed) return answer(undefined, true);
    const after = readCachedSummary(dir);
    if (modelCovers(after?.model, progress.reader)) return answer(after!.model, false);
    return answer(undefined, false, after?.modelError);
  }

  private fallback(summary: SessionSummary, input: SummarizeInput): SessionSummary {
    // The transcript has no request yet (or is unreadable): the hooks saw the user's first prompt.
    if (input.fallbackTask && summary.task === 'No request yet') return { ...summary, task: input.fallbackTask.slice(0, 300) };
    return summary;
  }

  private loadProgress(dir: string, path: string): Progress {
    const mine = this.progress.get(dir);
    const disk = readCachedDigest(dir);
    const fromDisk = disk && disk.path === path ? { path, reader: disk.reader, digest: disk.digest } : undefined;
    // Another process may have read further than this one did: resume from whichever is ahead.
    if (mine && mine.path === path && (!fromDisk || fromDisk.reader.offset <= mine.reader.offset)) return mine;
    return fromDisk ?? { path, reader: initialReaderState(), digest: emptyDigest() };
  }

  /**
   * Rewrite the cache under summary.lock. `update` gets the cache as it is on disk now (another
   * process may have landed a model summary since we read it). Returns what was written, or
   * undefined when the lock stayed busy (the other holder is writing the same session).
   */
  private async save(
    dir: string,
    update: (current: CachedSummary | undefined) => { summary: CachedSummary; digest?: Parameters<typeof writeCache>[2] } | undefined,
  ): Promise<CachedSummary | undefined> {
    let lock: HeldLock | undefined;
    for (let i = 0; i < 10 && !lock; i++) {
      lock = tryLock(summaryFiles(dir).lock, { maxAgeMs: 30_000, now: this.now });
      if (!lock) await sleep(20);
    }
    if (!lock) {
      this.log(`summary cache of ${dir} busy: not saved`);
      return undefined;
    }
    try {
      const next = update(readCachedSummary(dir));
      if (!next) return undefined;
      writeCache(dir, next.summary, next.digest);
      return next.summary;
    } catch (e) {
      this.log(`summary cache of ${dir} not saved: ${(e as Error).message}`);
      return undefined;
    } finally {
      lock.release();
    }
  }

  /** Start a model generation for the session unless one runs (here or elsewhere). */
  private generate(input: SummarizeInput, progress: Progress): Promise<void> | undefined {
    const { dir } = input;
    const running = this.generations.get(dir);
    if (running) return running;
    const genLock = tryLock(summaryFiles(dir).genLock, { maxAgeMs: this.opts.generationTimeoutMs + 30_000, now: this.now });
    if (!genLock) return undefined;
    const generator = input.generator!;
    const ino = progress.reader.ino!;
    const run = (async () => {
      try {
        const prev = readCachedSummary(dir)?.model;
        const incremental =
          prev !== undefined &&
          prev.ino === ino &&
          prev.offset <= progress.reader.offset &&
          prev.incremental < this.opts.fullEvery &&
          progress.reader.offset - prev.offset <= this.opts.maxDeltaBytes;
        let sample: string;
        let offset = progress.reader.offset;
        if (incremental) {
          // Only what happened since the previous model summary: read those bytes again into a fresh digest.
          const delta = await catchUpUntil(
            { path: progress.path, reader: { offset: prev.offset, ino, invalidLines: 0 }, digest: emptyDigest() },
            Number.POSITIVE_INFINITY,
            this.now,
          );
          sample = sampleForPrompt(delta.progress.digest, CLAUDE_DEFAULTS.incrementalSampleChars);
          offset = delta.progress.reader.offset;
        } else {
          sample = sampleForPrompt(progress.digest, CLAUDE_DEFAULTS.sampleChars);
        }
        const summary = await generator(incremental ? { sample, previous: prev.summary } : { sample }, this.abort.signal);
        const model: ModelSummary = {
          summary,
          offset,
          ino,
          incremental: incremental ? prev.incremental + 1 : 0,
          generatedAt: this.now(),
          model: input.model ?? 'unknown',
        };
        await this.save(dir, (c) => {
          if (!c) return undefined;
          const next: CachedSummary = { ...c, model };
          delete next.modelError;
          delete next.modelErrorAt;
          if (c.ino !== undefined && modelCovers(model, { offset: c.offset, ino: c.ino, invalidLines: 0 })) {
            next.summary = withFiles(summary, c.summary.changedFiles);
            next.source = 'model';
            next.updatedAt = model.generatedAt;
          }
          return { summary: next };
        });
        this.log(`model summary of ${dir}: ${incremental ? `incremental #${model.incremental}` : 'full'}, covers ${offset} bytes`);
      } catch (e) {
        const message = (e as Error).message;
        this.log(`model summary of ${dir} failed: ${message}`);
        await this.save(dir, (c) => (c ? { summary: { ...c, modelError: message.slice(0, 500), modelErrorAt: this.now() } } : undefined));
      } finally {
        genLock.release();
        this.generations.delete(dir);
      }
    })();
    this.generations.set(dir, run);
    return run;
  }
}
