// Summaries of sessions for a long-lived process (the MCP server): incremental, cached on disk,
// fresh when served, and a model summary only on demand.
//
// One call of `summarize`:
//  1. bring the session's digest up to date with its transcript, reading only the bytes added
//     since the digest was last saved (by this process or any other), within a time budget, and
//  2. save digest + summary under the session's summary lock, if it is free (else another process
//     is saving the same thing: skip). Steps 1 and 2 are `TranscriptWork`: in the MCP server a
//     short-lived worker process, so reading a large transcript leaves no memory behind;
//  3. serve the model summary if one covers the transcript as read; otherwise, when a model is
//     allowed, start one generation (one per session across processes: summary-gen.lock) and wait
//     for it until the answer deadline; past it, serve the offline summary and let the model summary
//     land in the cache for the next call (the process lives on, so the child finishes).
import { emptyDigest } from '../transcript/digest-types.js';
import type { ReaderState } from '../transcript/reader.js';
import {
  isCurrent, markTranscript, modelCovers, readCachedSummary, summaryFiles,
  type CachedSummary, type ModelSummary, type TranscriptMark,
} from './cache.js';
import { CLAUDE_DEFAULTS } from './claude.js';
import { tryLock } from './lock.js';
import { offlineSummary } from './offline.js';
import { saveCache } from './save.js';
import { InProcessWork, withFallbackTask, withFiles, type CatchUpResult, type TranscriptWork } from './transcript-work.js';
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
  /**
   * Who reads transcripts and writes the cache: a short-lived worker process in the MCP server
   * (worker-client.ts), this process by default.
   */
  work?: TranscriptWork;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `promise`, or 'late' when it has not settled within `ms` (the timer does not outlive the race). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), Math.max(0, ms))));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export class SessionSummaries {
  private readonly now: () => number;
  private readonly log: (text: string) => void;
  private readonly opts: Required<Omit<SessionSummariesOptions, 'now' | 'log' | 'work'>>;
  private readonly work: TranscriptWork;
  /** Catch-ups in flight, by session dir: a second call for the session waits for the first. */
  private readonly reading = new Map<string, Promise<unknown>>();
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
    this.work = options.work ?? new InProcessWork({ now: this.now, log: this.log });
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
    this.work.close();
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

    if (!path || !mark) {
      // No transcript to read: what the hooks recorded, and the last summary if there is one.
      const cached = readCachedSummary(dir);
      const base = cached?.summary ?? withFallbackTask(offlineSummary(emptyDigest(), input.editedFiles), input.fallbackTask);
      return { summary: withFiles(base, input.editedFiles), source: cached?.source ?? 'offline', updatedAt: cached?.updatedAt ?? start, stale: cached !== undefined, modelPending: false };
    }

    // Timed in real time, whatever `now` says: it bounds how long the caller waits for an answer.
    const startedAt = performance.now();
    const leftMs = () => this.opts.answerWithinMs - (performance.now() - startedAt);
    const caughtUp = await this.catchUp(input, path, mark, Math.max(0, Math.min(deadline, start + this.opts.readWithinMs) - this.now()), leftMs);
    if (!caughtUp) {
      // The catch-up failed or is still running (it lands in the cache for the next call).
      const cached = readCachedSummary(dir);
      const base = cached?.summary ?? withFallbackTask(offlineSummary(emptyDigest(), input.editedFiles), input.fallbackTask);
      return { summary: withFiles(base, input.editedFiles), source: cached?.source ?? 'offline', updatedAt: cached?.updatedAt ?? start, stale: true, modelPending: false };
    }
    const { offline, reader, atEnd, current } = caughtUp;

    const answer = (model: ModelSummary | undefined, pending: boolean, error?: string): ServedSummary => {
      const a: ServedSummary = model
        ? { summary: withFiles(model.summary, offline.changedFiles), source: 'model', updatedAt: model.generatedAt, stale: !atEnd, modelPending: false }
        : { summary: offline, source: 'offline', updatedAt: this.now(), stale: !atEnd, modelPending: pending };
      if (error && !model) a.modelError = error;
      if (atEnd) this.served.set(dir, { mark, answer: a, files: filesKey });
      return a;
    };

    if (modelCovers(current?.model, reader)) return answer(current!.model, false);
    if (!input.generator || !atEnd) return answer(undefined, false, current?.modelError);
    // A generation that just failed is not retried at every call (a broken CLI would be spawned each time).
    if (current?.modelErrorAt !== undefined && this.now() - current.modelErrorAt < this.opts.retryAfterMs) {
      return answer(undefined, false, current.modelError);
    }

    const generation = this.generate(input, path, reader);
    if (!generation) return answer(undefined, true, current?.modelError);
    const left = deadline - this.now();
    const landed = await Promise.race([generation.then(() => true), sleep(Math.max(0, left)).then(() => false)]);
    if (!landed) return answer(undefined, true);
    const after = readCachedSummary(dir);
    if (modelCovers(after?.model, reader)) return answer(after!.model, false);
    return answer(undefined, false, after?.modelError);
  }

  /** The catch-up of the session's transcript, or undefined when it failed or did not finish within `leftMs()`. */
  private async catchUp(input: SummarizeInput, path: string, mark: TranscriptMark, readWithinMs: number, leftMs: () => number): Promise<CatchUpResult | undefined> {
    const { dir } = input;
    const before = this.reading.get(dir);
    // The catch-up in flight already reads what this one would: let it finish, then read only what is left.
    if (before && (await within(before, leftMs())) === 'late') return undefined;
    const request = { dir, path, mark, editedFiles: input.editedFiles, readWithinMs };
    const reading = this.work.catchUp(input.fallbackTask === undefined ? request : { ...request, fallbackTask: input.fallbackTask });
    const settled = reading.catch((e: Error) => {
      this.log(`summary of ${dir}: transcript not read: ${e.message}`);
      return undefined;
    });
    this.reading.set(dir, settled);
    void settled.finally(() => {
      if (this.reading.get(dir) === settled) this.reading.delete(dir);
    });
    const r = await within(settled, leftMs());
    return r === 'late' ? undefined : r;
  }

  /** Start a model generation for the session unless one runs (here or elsewhere). */
  private generate(input: SummarizeInput, path: string, reader: ReaderState): Promise<void> | undefined {
    const { dir } = input;
    const running = this.generations.get(dir);
    if (running) return running;
    const genLock = tryLock(summaryFiles(dir).genLock, { maxAgeMs: this.opts.generationTimeoutMs + 30_000, now: this.now });
    if (!genLock) return undefined;
    const generator = input.generator!;
    const ino = reader.ino!;
    const env = { now: this.now, log: this.log };
    const run = (async () => {
      try {
        const prev = readCachedSummary(dir)?.model;
        const incremental =
          prev !== undefined &&
          prev.ino === ino &&
          prev.offset <= reader.offset &&
          prev.incremental < this.opts.fullEvery &&
          reader.offset - prev.offset <= this.opts.maxDeltaBytes;
        const sampled = await this.work.sample(
          incremental
            ? { dir, path, ino, since: prev.offset, chars: CLAUDE_DEFAULTS.incrementalSampleChars }
            : { dir, path, ino, chars: CLAUDE_DEFAULTS.sampleChars },
        );
        if (!sampled) throw new Error('the transcript was replaced while it was being summarised');
        const { sample, offset } = sampled;
        const summary = await generator(incremental ? { sample, previous: prev.summary } : { sample }, this.abort.signal);
        const model: ModelSummary = {
          summary,
          offset,
          ino,
          incremental: incremental ? prev.incremental + 1 : 0,
          generatedAt: this.now(),
          model: input.model ?? 'unknown',
        };
        await saveCache(dir, (c) => {
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
        }, env);
        this.log(`model summary of ${dir}: ${incremental ? `incremental #${model.incremental}` : 'full'}, covers ${offset} bytes`);
      } catch (e) {
        const message = (e as Error).message;
        this.log(`model summary of ${dir} failed: ${message}`);
        await saveCache(dir, (c) => (c ? { summary: { ...c, modelError: message.slice(0, 500), modelErrorAt: this.now() } } : undefined), env);
      } finally {
        genLock.release();
        this.generations.delete(dir);
      }
    })();
    this.generations.set(dir, run);
    return run;
  }
}
