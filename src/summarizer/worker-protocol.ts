// What the MCP server and a catch-up worker say to each other: one JSON request on the worker's
// stdin, one JSON answer on its stdout. Both directions are checked like anything read from disk:
// the worker trusts no field of its request, the server no field of the answer.
import { cachedSummaryFrom, markFrom } from './cache.js';
import { readerStateFrom } from '../transcript/reader.js';
import {
  catchUpSession, promptSample, resumePoint,
  type CatchUpRequest, type CatchUpResult, type SampleRequest, type SampleResult,
} from './transcript-work.js';
import type { SaveEnv } from './save.js';
import { isSessionSummary } from './validate.js';

export type WorkerRequest = { kind: 'catch-up'; request: CatchUpRequest } | { kind: 'sample'; request: SampleRequest };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isPath = (v: unknown): v is string => typeof v === 'string' && v.startsWith('/') && !v.includes('\0');
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function catchUpRequestFrom(v: Record<string, unknown>): CatchUpRequest | undefined {
  const mark = markFrom(v.mark);
  if (!isPath(v.dir) || !isPath(v.path) || !mark || mark.path !== v.path || !isStrings(v.editedFiles) || !isCount(v.readWithinMs)) return undefined;
  if (v.fallbackTask !== undefined && typeof v.fallbackTask !== 'string') return undefined;
  const r: CatchUpRequest = { dir: v.dir, path: v.path, mark, editedFiles: v.editedFiles, readWithinMs: v.readWithinMs };
  if (v.fallbackTask !== undefined) r.fallbackTask = v.fallbackTask;
  return r;
}

function sampleRequestFrom(v: Record<string, unknown>): SampleRequest | undefined {
  if (!isPath(v.dir) || !isPath(v.path) || !isCount(v.ino) || !isCount(v.chars) || (v.since !== undefined && !isCount(v.since))) return undefined;
  const r: SampleRequest = { dir: v.dir, path: v.path, ino: v.ino, chars: v.chars };
  if (v.since !== undefined) r.since = v.since;
  return r;
}

/** A worker's stdin, checked; undefined when it is not a request. */
export function workerRequestFrom(v: unknown): WorkerRequest | undefined {
  if (!isObj(v) || !isObj(v.request)) return undefined;
  if (v.kind === 'catch-up') {
    const request = catchUpRequestFrom(v.request);
    return request && { kind: 'catch-up', request };
  }
  if (v.kind === 'sample') {
    const request = sampleRequestFrom(v.request);
    return request && { kind: 'sample', request };
  }
  return undefined;
}

/** A worker's answer to a catch-up, checked. */
export function catchUpResultFrom(v: unknown): CatchUpResult | undefined {
  if (!isObj(v) || !isSessionSummary(v.offline) || typeof v.atEnd !== 'boolean' || !isObj(v.reader) || !isCount(v.reader.offset)) return undefined;
  const reader = readerStateFrom(v.reader);
  if (reader.offset !== v.reader.offset) return undefined;
  const r: CatchUpResult = { offline: v.offline, reader, atEnd: v.atEnd };
  if (v.current !== undefined) {
    const current = cachedSummaryFrom(v.current);
    if (!current) return undefined;
    r.current = current;
  }
  return r;
}

/** A worker's answer to a sample request, checked; null stands for "no sample". */
export function sampleResultFrom(v: unknown): SampleResult | null | undefined {
  if (v === null) return null;
  if (!isObj(v) || typeof v.sample !== 'string' || !isCount(v.offset)) return undefined;
  return { sample: v.sample, offset: v.offset };
}

/** The worker's whole job: one request in, its answer out (JSON-ready; null for no sample). */
export async function answerWorkerRequest(request: WorkerRequest, env: SaveEnv): Promise<CatchUpResult | SampleResult | null> {
  if (request.kind === 'sample') return (await promptSample(request.request)) ?? null;
  const { dir, path } = request.request;
  return (await catchUpSession(request.request, resumePoint(dir, path), env)).result;
}
