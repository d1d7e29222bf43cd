// Small filesystem primitives with the store's guarantees: private modes, atomic replace,
// single-write appends, and no following of symlinks planted inside the store.
import {
  accessSync, closeSync, constants, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, readdirSync, renameSync, rmSync,
  lstatSync, statSync, writeSync, unlinkSync,
} from 'node:fs';
import { randomHex } from '../core/hash.js';
import { delimiter, dirname, isAbsolute, join, relative, sep } from 'node:path';

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
// Opening a FIFO for reading waits for a writer; with O_NONBLOCK it returns at once (and a regular
// file reads as usual). O_NOCTTY: opening a terminal device must never make it ours.
const NONBLOCK = (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Store files are small; anything bigger was not written by us and is refused, not loaded. */
export const MAX_STORE_FILE_BYTES = 64 * 1024 * 1024;

export class NotRegularFileError extends Error {
  constructor(
    readonly path: string,
    readonly code: 'ENOTREG' | 'EFBIG',
  ) {
    super(code === 'ENOTREG' ? `not a regular file: ${path}` : `file too large: ${path}`);
  }
}

/** What a stat says a path is, in words for a log line or an error. */
function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSymbolicLink()) return 'symlink';
  return 'file';
}

/**
 * Read at most `maxBytes` of an open descriptor, checking first that it is a regular file: a FIFO,
 * a socket, a device (/dev/zero never ends) or a directory is refused, and so is a file over the cap
 * (also one that grew past it while being read).
 */
function readWholeRegular(fd: number, path: string, maxBytes: number): Buffer {
  const st = fstatSync(fd);
  if (!st.isFile()) throw new NotRegularFileError(path, 'ENOTREG');
  if (st.size > maxBytes) throw new NotRegularFileError(path, 'EFBIG');
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 0) + 1, maxBytes + 1 - total, 1 << 20) || 1);
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw new NotRegularFileError(path, 'EFBIG');
    chunks.push(buf.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

/** What became of reading a user's file (one in a repository, named by a tool call or on the command line). */
export type UserFileRead =
  | { ok: true; data: Buffer }
  | { ok: false; why: 'missing' | 'not a regular file' | 'too large' | 'unreadable'; detail: string };

/**
 * Read a file the user (or a repository, or a model's tool call) named: only a regular file, at most
 * `maxBytes`. Symlinks are followed (a repository may link a file), but what they lead to is checked:
 * first by stat, so that a device is never even opened (opening some has effects), then by fstat on
 * the descriptor, opened non-blocking, against a swap between the two.
 */
export function readUserFile(path: string, maxBytes: number): UserFileRead {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return code === 'ENOENT' || code === 'ENOTDIR' ? { ok: false, why: 'missing', detail: code } : { ok: false, why: 'unreadable', detail: code || (e as Error).message };
  }
  if (!st.isFile()) return { ok: false, why: 'not a regular file', detail: kindOf(st) };
  if (st.size > maxBytes) return { ok: false, why: 'too large', detail: `${st.size} bytes, over ${maxBytes}` };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return code === 'ENOENT' ? { ok: false, why: 'missing', detail: code } : { ok: false, why: 'unreadable', detail: code || (e as Error).message };
  }
  try {
    return { ok: true, data: readWholeRegular(fd, path, maxBytes) };
  } catch (e) {
    if (e instanceof NotRegularFileError) return e.code === 'ENOTREG' ? { ok: false, why: 'not a regular file', detail: 'swapped' } : { ok: false, why: 'too large', detail: `over ${maxBytes} bytes` };
    return { ok: false, why: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  } finally {
    closeSync(fd);
  }
}

/** A user's file as UTF-8 text, or undefined when it is missing, special, too large or unreadable. */
export function readUserText(path: string, maxBytes: number): string | undefined {
  const r = readUserFile(path, maxBytes);
  return r.ok ? r.data.toString('utf8') : undefined;
}

/**
 * write() may write less than asked (a disk that fills up mid-write): loop, and let ENOSPC throw,
 * so that a half-written temp file is never renamed into place as if it were whole.
 */
function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Write-to-temp then rename: readers see the old or the new file, never half of one. */
export function writeFileAtomic(path: string, data: string): void {
  ensureDir(dirname(path));
  const tmp = join(dirname(path), `.tmp-${process.pid}-${randomHex(8)}`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
  try {
    writeAll(fd, data);
  } catch (e) {
    closeSync(fd);
    unlinkQuiet(tmp);
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

/** Create a file only if absent. Returns false if it existed: the claim belongs to someone else. */
export function createExclusive(path: string, data = ''): boolean {
  ensureDir(dirname(path));
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    if (data) writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Add one to a change counter kept as a file's size: one byte appended on an O_APPEND descriptor.
 * Many processes may count in one such file: each append is atomic and nobody reads the bytes, only
 * the size, so no writer can lose anything to another. Past `restartAt` bytes it starts over from
 * zero, which is a change of size too. A link is never followed; a missing folder counts nothing.
 */
export function countInFile(path: string, restartAt: number): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | NOFOLLOW, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    writeSync(fd, '.');
    if (fstatSync(fd).size > restartAt) ftruncateSync(fd, 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * Append one record as a single write() on an O_APPEND descriptor: concurrent appenders of one
 * session never interleave or overwrite each other's lines.
 */
export function appendLine(path: string, line: string, durable = false): void {
  ensureDir(dirname(path));
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_APPEND | NOFOLLOW, 0o600);
  try {
    let text = line.endsWith('\n') ? line : line + '\n';
    // A torn last line (a full disk, a crash) would swallow this record into one unparsable line:
    // start on a fresh line instead. A racing appender can at worst leave an empty line.
    const size = fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      if (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a) text = '\n' + text;
    }
    writeAll(fd, text);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A missing file reads as undefined. Symlinks are refused (ELOOP) rather than followed; anything
 * but a regular file (a planted FIFO would hang the reader, /dev/zero never ends), and a file over
 * MAX_STORE_FILE_BYTES, throws NotRegularFileError.
 */
export function readText(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
  try {
    return readWholeRegular(fd, path, MAX_STORE_FILE_BYTES).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Parsed JSON or undefined when the file is missing or not valid JSON (a crash can leave either). */
export function readJson(path: string): unknown {
  let text: string | undefined;
  try {
    text = readText(path);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Lines of a JSONL file that parse; a torn last line (a writer killed mid-write) is skipped. */
export function readJsonLines(path: string): unknown[] {
  let text: string | undefined;
  try {
    text = readText(path);
  } catch {
    return [];
  }
  if (!text) return [];
  const out: unknown[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      /* torn or garbage line: skip it, keep the rest */
    }
  }
  return out;
}

export function listDirents(dir: string): import('node:fs').Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Whether every folder from `root` down to `path` is a real directory: not a symlink, not a file.
 * The root itself is the user's choice (it may be a link) and is not checked. O_NOFOLLOW guards
 * only a path's last component; a link planted higher up (an `undelivered` or `trash` folder, a
 * project folder) would carry a rename or a delete out of the store. With `allowMissing`, folders
 * not there yet pass: whoever creates them (mkdir) makes real ones.
 */
export function realFolders(root: string, path: string, allowMissing = false): boolean {
  const rel = relative(root, path);
  if (rel === '') return true;
  if (rel.startsWith('..') || isAbsolute(rel)) return false;
  let p = root;
  for (const part of rel.split(sep)) {
    p = join(p, part);
    let st;
    try {
      st = lstatSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return allowMissing && (code === 'ENOENT' || code === 'ENOTDIR');
    }
    if (!st.isDirectory()) return false;
  }
  return true;
}

/**
 * Make sure one of the store's own folders exists and is a real directory (see realFolders),
 * before a file is created or removed in it. Throws PlantedLinkError otherwise.
 */
export function ownFolder(root: string, dir: string): string {
  if (!realFolders(root, dir, true)) throw new PlantedLinkError(root, dir);
  ensureDir(dir);
  if (!realFolders(root, dir)) throw new PlantedLinkError(root, dir);
  return dir;
}

/** Thrown when the store holds a link or a file where it keeps a folder: nothing is done through it. */
export class PlantedLinkError extends Error {
  constructor(root: string, path: string) {
    super(`refusing to go through ${path.slice(root.length) || path}: a symlink or a file where the store keeps a folder`);
  }
}

/**
 * Remove an entry of the store: a directory tree is first renamed into `trashDir` (atomic), so
 * readers never see it half-deleted; a link or a file is unlinked (never followed). Refused when a
 * folder on the way from `root` (or the trash folder) is a link.
 */
export function removeTree(root: string, path: string, trashDir: string): void {
  if (!realFolders(root, dirname(path))) throw new PlantedLinkError(root, dirname(path));
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return; // gone already
  }
  if (!st.isDirectory()) {
    unlinkQuiet(path);
    return;
  }
  if (!realFolders(root, trashDir, true)) throw new PlantedLinkError(root, trashDir);
  try {
    ensureDir(trashDir);
    const to = join(trashDir, `${Date.now()}-${randomHex(8)}`);
    renameSync(path, to);
    rmSync(to, { recursive: true, force: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // rmSync does not follow links inside the tree (it lstat's each entry).
    if (code !== 'ENOENT') rmSync(path, { recursive: true, force: true });
  }
}

export function unlinkQuiet(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Rename, reporting false when the source is gone: someone else claimed it first. */
export function claimByRename(from: string, to: string): boolean {
  try {
    ensureDir(dirname(to));
    renameSync(from, to);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** Errors that mean the store cannot be written at all (permissions, a read-only mount, a full disk). */
export const STORE_DOWN = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

/**
 * Why the store cannot be written, if it cannot: the code of a one-byte probe write in its root.
 * Asked only after a failure, whose own code may hide the cause (a recursive mkdir on a read-only
 * mount reports ENOENT).
 */
export function storeDownCode(root: string): string | undefined {
  const probe = join(root, `.probe-${process.pid}-${randomHex(4)}`);
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    const fd = openSync(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
    try {
      writeSync(fd, 'x');
    } finally {
      closeSync(fd);
      unlinkQuiet(probe);
    }
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return STORE_DOWN.has(code) ? code : undefined;
  }
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` in a PATH string, or undefined. Relative entries are skipped: they would depend on our cwd. */
export function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
