// Unread mail of sessions that ended: kept aside in projects/<key>/undelivered/<id>-<ms>/ for the
// retention period (`context-sync inbox <id>` shows it), then removed. Any session's hooks do both,
// so retention does not wait for someone to run `context-sync gc`.
//
// Every step checks that the folders it goes through are real ones: a symlink planted as
// `undelivered` (or as a project or session folder) must not carry a peer's mail, or a delete, out
// of the store.
import { lstatSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, listDir, realFolders, unlinkQuiet } from '../store/fsx.js';
import { shortId } from '../core/ids.js';
import type { ProjectStore } from '../store/session-store.js';
import type { SyncContext } from './context.js';

export const undeliveredDir = (root: string, projectKey: string) => join(root, 'projects', projectKey, 'undelivered');

/**
 * Move a session's unread mail aside before its records are removed. False when it could not be
 * kept (a planted link on the way, a failed rename): the caller then keeps the session's records,
 * mail included, rather than lose them.
 */
export function keepUndelivered(ctx: SyncContext, store: ProjectStore, id: string): boolean {
  const inbox = join(store.dir(id), 'inbox');
  if (!listDir(inbox).some((f) => f.endsWith('.json'))) return true;
  const dir = undeliveredDir(ctx.root, store.projectKey);
  if (!realFolders(ctx.root, inbox) || !realFolders(ctx.root, dir, true)) {
    ctx.log('gc', `mail of ${shortId(id)} not moved: a symlink or a file where the store keeps a folder`);
    return false;
  }
  try {
    ensureDir(dir);
    renameSync(inbox, join(dir, `${id}-${ctx.now()}`));
    return true;
  } catch (e) {
    ctx.log('gc', `could not keep undelivered mail of ${shortId(id)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return false;
  }
}

/**
 * Remove mail kept longer than `keepMs` (by the time in its folder's name). Anything in
 * undelivered/ that is not a real folder was not put there by us: a link is removed (unlinked, never
 * followed). Returns how many entries went.
 */
export function expireUndelivered(ctx: SyncContext, projectKey: string, keepMs: number): number {
  const dir = undeliveredDir(ctx.root, projectKey);
  if (!realFolders(ctx.root, dir)) return 0;
  let n = 0;
  for (const name of listDir(dir)) {
    const path = join(dir, name);
    let st;
    try {
      st = lstatSync(path);
    } catch {
      continue;
    }
    if (!st.isDirectory()) {
      if (unlinkQuiet(path)) n++;
      continue;
    }
    const at = Number(name.split('-').at(-1));
    if (!Number.isFinite(at) || ctx.now() - at <= keepMs) continue;
    try {
      rmSync(path, { recursive: true, force: true }); // does not follow links inside
      n++;
    } catch (e) {
      ctx.log('gc', `could not remove expired mail: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return n;
}
