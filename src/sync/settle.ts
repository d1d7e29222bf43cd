import { settledBefore } from '../core/conflicts.js';
import type { EditRecord } from '../core/records.js';
import type { ProjectStore } from '../store/session-store.js';

/**
 * The time before which every edit of `file` is settled for `me` (committed or reverted): seen
 * clean just before someone's edit (`baseClean` records), or seen clean by `me` at a prompt.
 * The one rule for PreToolUse, PostToolUse and prompt time.
 */
export function settledAt(store: ProjectStore, me: string, file: string, worktree: string, edits: readonly EditRecord[]): number {
  return Math.max(settledBefore(edits, worktree), store.cleanSeenAt(me, file));
}
