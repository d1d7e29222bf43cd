// Incremental reading of a JSONL transcript that another process is appending to.
//
// Works on bytes, not characters: the offset is a byte offset, lines are split on the 0x0A byte
// (which never occurs inside a multi-byte UTF-8 sequence) and only complete lines are decoded, so
// a character split across two reads is reassembled before decoding.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { RawRecord } from './records.js';

export interface ReaderState {
  /** Byte offset just past the last complete line consumed. */
  offset: number;
  /** Inode of the file when the offset was taken: a replaced file restarts from 0. */
  ino?: number;
  /** Lines skipped so far because they were not a JSON object (or exceeded maxLineBytes). */
  invalidLines: number;
}

export interface ReadOptions {
  /** Bytes per read() call. Small values are for tests that split characters across reads. */
  chunkSize?: number;
  /**
   * Stop after about this many bytes of complete lines, so a large backlog is processed in slices
   * of bounded memory; `atEnd` tells whether to call again.
   */
  maxBytes?: number;
  /** A line longer than this is skipped (counted invalid) without being buffered whole. */
  maxLineBytes?: number;
}

export interface ReadResult {
  records: RawRecord[];
  state: ReaderState;
  /** The file shrank or was replaced: reading restarted at 0, so derived state must be rebuilt. */
  restarted: boolean;
  /** Every complete line present at the time of the call was consumed. */
  atEnd: boolean;
  /** Lines skipped by this call. */
  invalidLines: number;
}

export const DEFAULT_READ_OPTIONS = {
  chunkSize: 1 << 20,
  maxBytes: 4 << 20,
  maxLineBytes: 64 << 20,
} as const;

export function initialReaderState(): ReaderState {
  return { offset: 0, invalidLines: 0 };
}

/** A state read back from disk, or a fresh one when it is not a valid state. */
export function readerStateFrom(value: unknown): ReaderState {
  if (typeof value !== 'object' || value === null) return initialReaderState();
  const v = value as Record<string, unknown>;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (!ok(v.offset) || !ok(v.invalidLines) || (v.ino !== undefined && !ok(v.ino))) return initialReaderState();
  const state: ReaderState = { offset: v.offset, invalidLines: v.invalidLines };
  if (v.ino !== undefined) state.ino = v.ino;
  return state;
}

function parseLine(bytes: Buffer): RawRecord | undefined | null {
  const text = bytes.toString('utf8').trim();
  if (text === '') return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as RawRecord;
  } catch {
    /* counted by the caller */
  }
  return undefined;
}

/**
 * Read the complete lines appended since `state.offset`. A last line without its newline yet is
 * left for the next call (the offset stops before it). A missing file reads as empty.
 */
export async function readNewRecords(path: string, state: ReaderState, options: ReadOptions = {}): Promise<ReadResult> {
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_READ_OPTIONS.chunkSize);
  const maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_READ_OPTIONS.maxBytes);
  const maxLineBytes = Math.max(1, options.maxLineBytes ?? DEFAULT_READ_OPTIONS.maxLineBytes);

  let handle;
  try {
    // Non-blocking: a FIFO named as a transcript (a peer's meta can name any path) must not hold a
    // thread of the pool for ever; it, and any other non-regular file, then reads as empty.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { records: [], state, restarted: false, atEnd: true, invalidLines: 0 };
    }
    throw e;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { records: [], state, restarted: false, atEnd: true, invalidLines: 0 };
    let start = state.offset;
    let restarted = false;
    // Shrunk, or a different file under the same name: what we consumed is gone, start over.
    if (st.size < start || (state.ino !== undefined && st.ino !== state.ino)) {
      start = 0;
      restarted = true;
    }
    // Bytes appended after this stat are left for the next call: one consistent snapshot per call.
    const end = st.size;
    const records: RawRecord[] = [];
    let invalid = 0;
    let consumed = start;
    let pos = start;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let oversize = false;
    let full = false;
    const buf = Buffer.allocUnsafe(Math.min(chunkSize, Math.max(1, end - start)));

    while (pos < end && !full) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, end - pos), pos);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      let lineStart = 0;
      for (;;) {
        const nl = chunk.indexOf(10, lineStart);
        if (nl < 0) {
          if (!oversize) {
            pendingBytes += bytesRead - lineStart;
            if (pendingBytes > maxLineBytes) {
              oversize = true;
              pending = [];
            } else {
              pending.push(Buffer.from(chunk.subarray(lineStart)));
            }
          }
          break;
        }
        if (oversize) {
          invalid += 1;
        } else {
          const tail = chunk.subarray(lineStart, nl);
          const line = pending.length > 0 ? Buffer.concat([...pending, tail]) : tail;
          const record = parseLine(line);
          if (record) records.push(record);
          else if (record === undefined) invalid += 1;
        }
        pending = [];
        pendingBytes = 0;
        oversize = false;
        consumed = pos + nl + 1;
        lineStart = nl + 1;
        if (consumed - start >= maxBytes) {
          full = true;
          break;
        }
      }
      pos += bytesRead;
    }
    return {
      records,
      state: { offset: consumed, ino: st.ino, invalidLines: (restarted ? 0 : state.invalidLines) + invalid },
      restarted,
      atEnd: !full,
      invalidLines: invalid,
    };
  } finally {
    await handle.close();
  }
}
