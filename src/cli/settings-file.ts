// Reading and replacing ~/.claude/settings.json without losing anything of the user's: a file that
// does not parse is refused, never "repaired"; the old bytes are kept as a backup before a change;
// the new file replaces the old in one rename, with the old file's mode, at the symlink's target
// when settings.json is a link (dotfile managers link it).
import { chmodSync, closeSync, constants, lstatSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { ensureDir } from '../store/fsx.js';
import type { Settings } from './settings-hooks.js';

export class BrokenSettingsError extends Error {}
/** The file changed between our read and our write (a running client saved it): read again. */
export class ConcurrentChangeError extends Error {}

export interface SettingsFile {
  /** The file written to (the link target when settings.json is a symlink). */
  path: string;
  /** The bytes as read, or undefined when there is no file yet. */
  raw: string | undefined;
  settings: Settings;
}

export function readSettings(path: string): SettingsFile {
  let target = path;
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  let raw: string | undefined;
  try {
    raw = readFileSync(target, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (raw === undefined) return { path: target, raw, settings: {} };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new BrokenSettingsError(`${path} is not valid JSON (${(e as Error).message}); fix it first, nothing was changed`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BrokenSettingsError(`${path} does not hold a JSON object; fix it first, nothing was changed`);
  }
  return { path: target, raw, settings: data as Settings };
}

/** The indentation the file already uses (Claude Code writes two spaces). */
function indentOf(raw: string | undefined): string | number {
  const m = raw ? /\n([ \t]+)["}\]]/.exec(raw) : null;
  return m ? m[1]! : 2;
}

function writeAtomic(path: string, data: string, mode: number): void {
  ensureDir(dirname(path));
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
  try {
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(tmp, mode); // the umask may have narrowed it
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
}

/** Backup name next to the file; sorted by time, never overwriting an earlier backup. */
export function backupName(path: string, now: Date): string {
  return `${path}.bak-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * Replace the file with `settings`, if that changes anything. Returns the backup's path (undefined
 * when there was no file before, or nothing changed).
 */
export function writeSettings(file: SettingsFile, settings: Settings, now: Date): { changed: boolean; backup?: string } {
  const text = JSON.stringify(settings, null, indentOf(file.raw)) + '\n';
  if (file.raw !== undefined && JSON.stringify(JSON.parse(file.raw)) === JSON.stringify(settings)) return { changed: false };
  let current: string | undefined;
  try {
    current = readFileSync(file.path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (current !== file.raw) throw new ConcurrentChangeError(`${file.path} changed while we were editing it`);
  let mode = 0o600;
  let backup: string | undefined;
  if (file.raw !== undefined) {
    mode = statSync(file.path).mode & 0o777;
    backup = backupName(file.path, now);
    for (let i = 1; exists(backup); i++) backup = `${backupName(file.path, now)}-${i}`;
    writeAtomic(backup, file.raw, mode);
  }
  writeAtomic(file.path, text, mode);
  return { changed: true, backup };
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
