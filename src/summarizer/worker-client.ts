// Transcript work done by a short-lived `node` child (catch-up-worker.ts), so that the garbage of
// reading a large transcript is returned to the OS when the child exits instead of staying in the
// MCP server's resident memory. The server sends one request and reads back a few KB.
//
// A worker that cannot be started, crashes or answers nonsense is logged and the work is done in
// this process instead (`fallback`): a summary costs memory then, but is never lost. A worker that
// hangs is killed after `killAfterMs` and the call fails (the caller serves the cache as stale).
//
// No V8 flags for the worker: measured on a 100 MB catch-up, --max-semi-space-size of 1, 16 or 32
// MB changed its time by less than the noise (0.8-1.4 s) and only moved its peak (95-140 MB), which
// is the worker's alone for about a second.
import { spawn, type ChildProcess } from 'node:child_process';
import { catchUpResultFrom, sampleResultFrom, type WorkerRequest } from './worker-protocol.js';
import type { CatchUpRequest, CatchUpResult, SampleRequest, SampleResult, TranscriptWork } from './transcript-work.js';

export interface WorkerOptions {
  /** The worker script: dist/summary-worker.mjs, or the transpiled catch-up-worker.js in tests. */
  script: string;
  /** Done here when the worker fails. */
  fallback: TranscriptWork;
  log: (text: string) => void;
  killAfterMs?: number;
}

// Answers are a summary or a prompt sample: a few KB, 100 KB at most. Anything far larger is a bug.
const MAX_ANSWER_BYTES = 4 << 20;

class WorkerFailed extends Error {}

export class WorkerProcessWork implements TranscriptWork {
  private readonly children = new Set<ChildProcess>();
  private closed = false;

  constructor(private readonly opts: WorkerOptions) {}

  async catchUp(request: CatchUpRequest): Promise<CatchUpResult> {
    try {
      return await this.ask({ kind: 'catch-up', request }, catchUpResultFrom);
    } catch (e) {
      if (!(e instanceof WorkerFailed)) throw e;
      this.opts.log(`${e.message}: catching up in process`);
      return this.opts.fallback.catchUp(request);
    }
  }

  async sample(request: SampleRequest): Promise<SampleResult | undefined> {
    try {
      return (await this.ask({ kind: 'sample', request }, sampleResultFrom)) ?? undefined;
    } catch (e) {
      if (!(e instanceof WorkerFailed)) throw e;
      this.opts.log(`${e.message}: sampling in process`);
      return this.opts.fallback.sample(request);
    }
  }

  /** Kill workers still running (their half-done work is redone by the next call). */
  close(): void {
    this.closed = true;
    for (const c of this.children) c.kill('SIGKILL');
    this.opts.fallback.close();
  }

  /** Rejects with WorkerFailed when the worker did not do the work (fall back), Error when it must not be redone. */
  private ask<T>(message: WorkerRequest, parse: (v: unknown) => T | undefined): Promise<T> {
    if (this.closed) return Promise.reject(new Error('summariser closed'));
    return new Promise<T>((resolve, reject) => {
      const child = spawn(process.execPath, [this.opts.script], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.children.add(child);
      const out: Buffer[] = [];
      let outBytes = 0;
      let err = '';
      let killed: string | undefined;
      const kill = (why: string) => {
        killed ??= why;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => kill(`summary worker killed after ${this.opts.killAfterMs ?? 60_000} ms`), this.opts.killAfterMs ?? 60_000);
      timer.unref();
      child.stdout!.on('data', (d: Buffer) => {
        outBytes += d.length;
        if (outBytes > MAX_ANSWER_BYTES) kill('summary worker answer too large');
        else out.push(d);
      });
      child.stderr!.setEncoding('utf8').on('data', (d: string) => {
        err = (err + d).slice(-2000);
      });
      // The worker may die before reading its request: its stdin then fails with EPIPE.
      child.stdin!.on('error', () => {});
      child.stdin!.end(JSON.stringify(message));
      let settled = false;
      const finish = (e: Error | undefined, v?: T) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.children.delete(child);
        for (const line of err.split('\n').filter(Boolean)) this.opts.log(`summary worker: ${line}`);
        if (e) reject(e);
        else resolve(v as T);
      };
      // Not started at all (no executable, no pid left, too many open files).
      child.on('error', (e) => finish(new WorkerFailed(`summary worker did not start: ${e.message}`)));
      child.on('close', (code, signal) => {
        if (killed || this.closed) return finish(new Error(killed ?? 'summariser closed'));
        if (code !== 0) return finish(new WorkerFailed(`summary worker exited with ${code ?? signal}`));
        let answer: T | undefined;
        try {
          answer = parse(JSON.parse(Buffer.concat(out).toString('utf8')));
        } catch {
          answer = undefined;
        }
        if (answer === undefined) return finish(new WorkerFailed('summary worker gave no valid answer'));
        finish(undefined, answer);
      });
    });
  }
}
