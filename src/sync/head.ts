// The checkout's HEAD, as far as conflicts need it: which commit it is (read from .git, no process)
// and how the file looks there, unit by unit (one `git cat-file` per commit and file, then cached).
import { join } from 'node:path';
import { stableHash } from '../core/hash.js';
import { OUTSIDE_SYMBOLS, WHOLE_FILE } from '../core/openness.js';
import type { Project } from '../sessions/project.js';
import { builtin } from '../store/builtins.js';
import { readUserText } from '../store/fsx.js';
import { outlineLazy, languageOf } from '../symbols/lazy.js';
import { unitFingerprints } from '../symbols/fingerprint.js';

/** A small file of .git, read only if it is a regular file (a FIFO planted there must not hang a hook). */
function readLine(path: string, maxBytes = 64 * 1024): string | undefined {
  return readUserText(path, maxBytes)?.trim();
}

const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** The commit HEAD names, 'unborn' on a branch with no commit yet, undefined outside git or when unreadable. */
export function headCommit(project: Pick<Project, 'gitDir' | 'commonDir'>): string | undefined {
  if (!project.gitDir || !project.commonDir) return undefined;
  const head = readLine(join(project.gitDir, 'HEAD'));
  if (!head) return undefined;
  if (COMMIT_ID.test(head)) return head;
  const m = /^ref: (refs\/[^\0\s]+)$/.exec(head);
  if (!m || m[1]!.split('/').includes('..')) return undefined;
  const ref = m[1]!;
  // A branch's ref is in the shared git dir (the worktree's own dir keeps only HEAD and a few others).
  for (const dir of [project.gitDir, project.commonDir]) {
    const id = readLine(join(dir, ref));
    if (id && COMMIT_ID.test(id)) return id;
  }
  const packed = readLine(join(project.commonDir, 'packed-refs'), 64 * 1024 * 1024);
  if (packed) {
    for (const line of packed.split('\n')) {
      const [id, name] = line.split(' ');
      if (name === ref && id && COMMIT_ID.test(id)) return id;
    }
  }
  return 'unborn';
}

/** A version of a file, unit by unit: what agreement with HEAD is decided on. */
export interface FileShape {
  present: boolean;
  whole: string;
  units: Map<string, string>;
}

const ABSENT: FileShape = { present: false, whole: '', units: new Map() };

/** The shape of a text of `rel`: its symbols' own texts where the language is understood. */
export async function shapeOf(rel: string, text: string | undefined): Promise<FileShape> {
  if (text === undefined) return ABSENT;
  const lang = languageOf(rel);
  let units = new Map<string, string>();
  if (lang) {
    try {
      units = unitFingerprints(text, await outlineLazy(text, lang));
    } catch {
      units = new Map(); // not understood: only the whole file can agree
    }
  }
  return { present: true, whole: stableHash(text), units };
}

// Per process: the MCP server answers many hooks of one session, a hook bundle answers one.
const headShapes = new Map<string, Promise<FileShape | undefined>>();

/** The file's shape in commit `head`; undefined when git cannot say (no git, a timeout). */
export function headShape(worktree: string, head: string, rel: string): Promise<FileShape | undefined> {
  if (head === 'unborn') return Promise.resolve(ABSENT);
  const key = `${worktree}\0${head}\0${rel}`;
  let p = headShapes.get(key);
  if (!p) {
    p = readHeadText(worktree, head, rel).then((t) => (t === null ? undefined : shapeOf(rel, t)));
    if (headShapes.size > 256) headShapes.clear();
    headShapes.set(key, p);
  }
  return p;
}

/** The file's text in a commit; undefined when the commit has no such file; null when git failed. */
function readHeadText(worktree: string, head: string, rel: string): Promise<string | undefined | null> {
  const cp = builtin('child_process');
  if (!cp) return Promise.resolve(null);
  return new Promise((resolve) => {
    cp.execFile(
      'git',
      ['-C', worktree, 'cat-file', 'blob', `${head}:${rel}`],
      { encoding: 'utf8', timeout: 3000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout) => {
        if (!err) return resolve(stdout);
        // "does not exist in" / "exists on disk, but not in": the file is new since that commit.
        const msg = String((err as { stderr?: string }).stderr ?? '') + err.message;
        resolve(/does not exist|exists on disk|not a valid object name|Not a valid object/i.test(msg) && !(err as { killed?: boolean }).killed ? undefined : null);
      },
    );
  });
}

/** The units of `wanted` on which `work` agrees with `head`; `*` alone when the whole file agrees. */
export function agreeingUnits(work: FileShape, head: FileShape, wanted: Iterable<string>): string[] {
  if (work.present === head.present && (!work.present || work.whole === head.whole)) return [WHOLE_FILE];
  const out: string[] = [];
  for (const u of new Set(wanted)) {
    if (u === WHOLE_FILE) continue;
    const a = work.units.get(u);
    const b = head.units.get(u);
    // A unit absent on both sides agrees (deleted again, or never there); outside-symbol text always exists.
    if (a === b && (a !== undefined || u !== OUTSIDE_SYMBOLS)) out.push(u);
  }
  return out.sort();
}
