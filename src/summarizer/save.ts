// Rewriting a session's summary cache: the one writer at a time is whoever holds summary.lock, be
// it the MCP server, a catch-up worker it started or another session's server.
import { readCachedSummary, summaryFiles, writeCache, type CachedDigest, type CachedSummary } from './cache.js';
import { tryLock, type HeldLock } from './lock.js';

export interface SaveEnv {
  now: () => number;
  log: (text: string) => void;
}

/** What to write, given summary.json as it is on disk under the lock; undefined writes nothing. */
export type CacheUpdate = (current: CachedSummary | undefined) => { summary: CachedSummary; digest?: CachedDigest } | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Rewrite the cache under summary.lock. `update` gets the cache as it is on disk now (another
 * process may have landed a model summary since it was last read). Returns what was written, or
 * undefined when the lock stayed busy (its holder is writing the same session) or nothing was due.
 */
export async function saveCache(dir: string, update: CacheUpdate, env: SaveEnv): Promise<CachedSummary | undefined> {
  let lock: HeldLock | undefined;
  for (let i = 0; i < 10 && !lock; i++) {
    lock = tryLock(summaryFiles(dir).lock, { maxAgeMs: 30_000, now: env.now });
    if (!lock) await sleep(20);
  }
  if (!lock) {
    env.log(`summary cache of ${dir} busy: not saved`);
    return undefined;
  }
  try {
    const next = update(readCachedSummary(dir));
    if (!next) return undefined;
    writeCache(dir, next.summary, next.digest);
    return next.summary;
  } catch (e) {
    env.log(`summary cache of ${dir} not saved: ${(e as Error).message}`);
    return undefined;
  } finally {
    lock.release();
  }
}
