// Project identity is the repository, not the cwd: subfolders and every worktree of one repository
// are one project. Found by reading .git files, never by spawning git (hooks run on every edit).
import { stableHash } from '../core/hash.js';
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { readUserText } from '../store/fsx.js';

export interface Project {
  /** Stable store key: `<name>-<hash of the repository's common git dir>` (or of the folder). */
  key: string;
  name: string;
  /** The top of this worktree (or the folder for a non-git project). */
  worktree: string;
  /** The repository's shared git dir (`.git` of the main worktree); undefined outside git. */
  commonDir?: string;
  /** This worktree's git dir. */
  gitDir?: string;
  /** Current branch, or undefined when detached / not git. */
  branch?: string;
}

/**
 * A git file of a repository we are handed: a FIFO planted as `.git/HEAD` must not hang every hook,
 * nor `.git` linked to /dev/zero exhaust memory. Only regular files, capped (packed-refs can be large).
 */
function readLine(path: string, maxBytes = 64 * 1024): string | undefined {
  return readUserText(path, maxBytes)?.trim();
}

function real(p: string): string {
  try {
    // One realpath(3) call instead of an lstat per path component.
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'project';
}

function keyOf(name: string, identity: string): string {
  return `${slug(name)}-${stableHash(identity).slice(0, 16)}`;
}

/** The project that contains `path` (a file or a folder). */
export function findProject(path: string): Project {
  let dir = resolve(path);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  dir = real(dir);
  for (let d = dir; ; d = dirname(d)) {
    const dotGit = join(d, '.git');
    let st;
    try {
      st = statSync(dotGit);
    } catch {
      st = undefined;
    }
    if (st) {
      let gitDir: string | undefined;
      if (st.isDirectory()) gitDir = dotGit;
      else {
        const m = /^gitdir:\s*(.+)$/m.exec(readLine(dotGit) ?? '');
        if (m?.[1]) gitDir = isAbsolute(m[1]) ? m[1] : resolve(d, m[1]);
      }
      if (gitDir) {
        gitDir = real(gitDir);
        const common = readLine(join(gitDir, 'commondir'));
        const commonDir = real(common ? (isAbsolute(common) ? common : resolve(gitDir, common)) : gitDir);
        const head = readLine(join(gitDir, 'HEAD')) ?? '';
        const branch = /^ref:\s*refs\/heads\/(.+)$/.exec(head)?.[1];
        const mainTop = basename(commonDir) === '.git' ? dirname(commonDir) : commonDir;
        const name = basename(mainTop);
        return { key: keyOf(name, commonDir), name, worktree: d, commonDir, gitDir, branch };
      }
    }
    if (dirname(d) === d) break;
  }
  return { key: keyOf(basename(dir), dir), name: basename(dir), worktree: dir };
}

/** The current commit of a worktree, read from its git files; undefined if it cannot be read that way. */
export function headCommit(gitDir: string, commonDir: string): string | undefined {
  const head = readLine(join(gitDir, 'HEAD'));
  if (!head) return undefined;
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  const loose = readLine(join(gitDir, ref)) ?? readLine(join(commonDir, ref));
  if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
  const packed = readLine(join(commonDir, 'packed-refs'), 64 * 1024 * 1024) ?? '';
  for (const line of packed.split('\n')) {
    const [sha, name] = line.split(' ');
    if (name === ref && sha) return sha;
  }
  return undefined;
}
