// Whether a file still differs from HEAD, as a whole (the dashboard asks, cached by the file's and
// the index's stamps; the hooks decide per unit, in head.ts). Spawns git, so it is asked rarely,
// candidates only, never on the common path of an edit nobody else touched.
import { builtin } from '../store/builtins.js';
import { join } from 'node:path';
import { readUserFile } from '../store/fsx.js';

/**
 * Files compared with HEAD are hashed whole; beyond this (or for anything but a regular file: a FIFO
 * would hang the hook, /dev/zero never ends) the file counts as differing, which errs towards telling.
 */
const MAX_COMPARED_BYTES = 64 * 1024 * 1024;

function blobId(content: Buffer, algo: 'sha1' | 'sha256'): string {
  return builtin('crypto')!.createHash(algo).update(`blob ${content.length}\0`).update(content).digest('hex');
}

/**
 * True when `content` (or the file on disk) equals the file's version in HEAD: no uncommitted change.
 * A file absent from HEAD counts as clean only if it is absent on disk too.
 */
export function matchesHead(worktree: string, rel: string, content?: string | Buffer): boolean {
  const cp = builtin('child_process');
  // Without process.getBuiltinModule (Node < 20.16) we cannot ask git cheaply: assume uncommitted,
  // which errs towards telling the model.
  if (!cp) return false;
  const r = cp.spawnSync('git', ['-C', worktree, 'rev-parse', '--verify', '--quiet', `HEAD:${rel}`], {
    encoding: 'utf8',
    timeout: 3000,
  });
  let body: Buffer | undefined;
  let absent = false;
  if (content !== undefined) body = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  else {
    const read = readUserFile(join(worktree, rel), MAX_COMPARED_BYTES);
    if (read.ok) body = read.data;
    else absent = read.why === 'missing';
  }
  const headId = r.status === 0 ? r.stdout.trim() : '';
  if (!headId) return absent;
  if (body === undefined) return false;
  return blobId(body, headId.length === 64 ? 'sha256' : 'sha1') === headId;
}
