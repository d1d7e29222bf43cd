// Would this worktree and another one merge cleanly, counting uncommitted work on both sides?
//
// Each side is snapshotted as a commit without touching its working tree, index or refs: a
// temporary index (GIT_INDEX_FILE) takes every uncommitted change through `git add -A`, is written
// as a tree and wrapped in a commit on top of HEAD (objects only: no ref points at it, gc collects
// it). `git merge-tree --write-tree` (git >= 2.38) then merges the two snapshots in memory.
//
// The temporary index starts as a copy of the worktree's own index when it can be read (its stat
// cache spares `add -A` from hashing every file of a large tree; the real index is only read, and
// git replaces it by rename, so a copy is never half-written), else from HEAD (`read-tree`).
import { builtin } from '../store/builtins.js';
import { copyFileSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { findProject } from '../sessions/project.js';
import type { RemoteDiffs } from './remote-peers.js';

export interface ConflictHunk {
  /** 1-based line of the `<<<<<<<` marker in the merged file. */
  line: number;
  ours: string[];
  /** Present when git wrote the common ancestor (diff3 style). */
  base?: string[];
  theirs: string[];
}

export interface MergeMessage {
  paths: string[];
  /** `CONFLICT (contents)`, `CONFLICT (modify/delete)`, `Auto-merging`, ... */
  type: string;
  message: string;
}

export interface ParsedMergeTree {
  tree: string;
  /** Paths with unmerged stages, in order. */
  conflicted: string[];
  messages: MergeMessage[];
}

export interface PredictedConflict {
  file: string;
  /** The kinds of conflict git reported for this path, e.g. `contents`, `modify/delete`. */
  kinds: string[];
  messages: string[];
  hunks: ConflictHunk[];
}

/** Parse `git merge-tree --write-tree -z` output (conflicted file info, then informational messages). */
export function parseMergeTree(out: string): ParsedMergeTree {
  const f = out.split('\0');
  const tree = f[0] ?? '';
  const conflicted: string[] = [];
  let i = 1;
  for (; i < f.length && f[i] !== ''; i++) {
    const tab = f[i]!.indexOf('\t');
    const path = tab >= 0 ? f[i]!.slice(tab + 1) : '';
    if (path && conflicted.at(-1) !== path && !conflicted.includes(path)) conflicted.push(path);
  }
  i++; // the empty field between the two sections
  const messages: MergeMessage[] = [];
  while (i < f.length) {
    const n = Number(f[i]);
    if (!Number.isInteger(n) || n < 0 || f[i] === '') break;
    const paths = f.slice(i + 1, i + 1 + n);
    const type = f[i + 1 + n] ?? '';
    const message = (f[i + 2 + n] ?? '').trimEnd();
    messages.push({ paths, type, message });
    i += n + 3;
  }
  return { tree, conflicted, messages };
}

/** The conflict regions of a file that git wrote with conflict markers. */
export function conflictHunks(text: string, markerSize = 7): ConflictHunk[] {
  const lines = text.split('\n');
  const open = '<'.repeat(markerSize);
  const mid = '='.repeat(markerSize);
  const baseMark = '|'.repeat(markerSize);
  const close = '>'.repeat(markerSize);
  const isMark = (l: string, m: string) => l === m || l.startsWith(m + ' ');
  const out: ConflictHunk[] = [];
  for (let k = 0; k < lines.length; k++) {
    if (!isMark(lines[k]!, open)) continue;
    const h: ConflictHunk = { line: k + 1, ours: [], theirs: [] };
    let part: string[] = h.ours;
    let j = k + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (isMark(l, baseMark)) part = h.base = [];
      else if (l === mid) part = h.theirs;
      else if (isMark(l, close)) break;
      else part.push(l);
    }
    if (j >= lines.length) break; // unterminated: not a conflict region after all
    out.push(h);
    k = j;
  }
  return out;
}

/** Pure: the conflicts of a merge-tree result, with hunks read through `blobText(path)`. */
export function predictedConflicts(parsed: ParsedMergeTree, blobText: (path: string) => string | undefined): PredictedConflict[] {
  const byFile = new Map<string, PredictedConflict>();
  const entry = (file: string) => {
    let c = byFile.get(file);
    if (!c) byFile.set(file, (c = { file, kinds: [], messages: [], hunks: [] }));
    return c;
  };
  for (const file of parsed.conflicted) entry(file);
  for (const m of parsed.messages) {
    const kind = /^CONFLICT \((.+)\)$/.exec(m.type)?.[1];
    if (!kind) continue;
    const c = entry(m.paths[0] ?? '');
    if (!c.kinds.includes(kind)) c.kinds.push(kind);
    c.messages.push(m.message);
  }
  for (const c of byFile.values()) {
    if (!c.kinds.includes('contents') && !c.kinds.includes('content')) continue;
    const text = blobText(c.file);
    if (text !== undefined) c.hunks = conflictHunks(text);
  }
  return [...byFile.values()].filter((c) => c.file);
}

// ---- I/O ----------------------------------------------------------------------------------------

const IDENTITY = { GIT_AUTHOR_NAME: 'context-sync', GIT_AUTHOR_EMAIL: 'context-sync@localhost', GIT_COMMITTER_NAME: 'context-sync', GIT_COMMITTER_EMAIL: 'context-sync@localhost' };

interface GitRun {
  ok: boolean;
  out: string;
  err: string;
  status: number | null;
}

/**
 * One git command, asynchronously: the MCP server runs trial merges for its session's hooks module,
 * and a slow repository must not stall its other work (polls, other sessions' calls). `until` is
 * when the whole trial merge must be done by (ms since epoch): a hook sets one, so a slow
 * repository costs it the merge detail, never its answer. The tools and the CLI leave it unset.
 */
function git(cwd: string, args: string[], env: Record<string, string> = {}, until = Infinity, input?: string): Promise<GitRun> {
  const left = until - Date.now();
  if (left <= 0) return Promise.reject(new Error('trial merge out of time'));
  return new Promise((resolve) => {
    // Loaded on first use, so that importing this module costs a hook nothing.
    const child = builtin('child_process')!.spawn('git', ['-C', cwd, ...args], {
      // Never prompt, never run the user's pager or hooks' editors.
      env: { ...process.env, ...IDENTITY, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let stopped = '';
    let done = false;
    const finish = (r: GitRun) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const stop = (why: string) => {
      stopped = why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('timed out'), Math.min(20_000, left));
    child.stdout!.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_GIT_OUTPUT) stop('output too large');
      else out.push(d);
    });
    child.stderr!.on('data', (d: Buffer) => err.length < 64 && err.push(d));
    child.on('error', (e) => finish({ ok: false, out: '', err: e.message, status: null }));
    child.on('close', (code) => {
      const status = stopped ? null : code;
      finish({ ok: status === 0, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8').trim() || stopped, status });
    });
    child.stdin!.on('error', () => {}); // git may leave before reading its input
    child.stdin!.end(input ?? '');
  });
}

/** Past this much output a git command is stopped (a trial merge of a huge tree). */
const MAX_GIT_OUTPUT = 64 * 1024 * 1024;

export interface Snapshot {
  head: string | undefined;
  /** A commit holding HEAD plus every uncommitted change (tracked and untracked, not ignored). */
  commit: string;
  dirty: boolean;
}

function copyIndex(worktree: string, dest: string): boolean {
  const { gitDir } = findProject(worktree);
  if (!gitDir) return false;
  try {
    // Only a regular file: a FIFO planted as the index would hang the copy, /dev/zero fill the disk.
    const index = join(gitDir, 'index');
    const st = statSync(index);
    if (!st.isFile()) return false;
    copyFileSync(index, dest);
    // git trusts an entry's cached stat only when the file's mtime is older than the index's own: a
    // file changed in the second the index was written (same size) is "racily clean" and compared
    // by content. A copy made now would lose that and miss the edit. Its mtime is the original's,
    // rounded down to the second: an earlier stamp only sends more entries to the content check.
    const second = Math.floor(st.mtimeMs / 1000);
    utimesSync(dest, second, second);
    return true;
  } catch {
    return false; // no index yet (fresh repository), or unreadable
  }
}

/** Snapshot a worktree as a commit, through a temporary index: its own index and files stay untouched. */
export async function snapshotWorktree(worktree: string, until = Infinity): Promise<Snapshot> {
  const tmp = mkdtempSync(join(builtin('os')!.tmpdir(), 'ccs-index-'));
  const env = { GIT_INDEX_FILE: join(tmp, 'index') };
  const run = (args: string[], withIndex = false) => git(worktree, args, withIndex ? env : {}, until);
  try {
    const headR = await run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    const head = headR.ok ? headR.out.trim() : undefined;
    if (!copyIndex(worktree, env.GIT_INDEX_FILE)) {
      const read = await run(head ? ['read-tree', head] : ['read-tree', '--empty'], true);
      if (!read.ok) throw new Error(`git read-tree in ${worktree}: ${read.err}`);
    }
    const add = await run(['add', '-A', '--', ':/'], true);
    if (!add.ok) throw new Error(`git add -A (temporary index) in ${worktree}: ${add.err}`);
    const tree = await run(['write-tree'], true);
    if (!tree.ok) throw new Error(`git write-tree in ${worktree}: ${tree.err}`);
    const treeId = tree.out.trim();
    const headTree = head ? (await run(['rev-parse', `${head}^{tree}`])).out.trim() : '';
    const commit = await run(['commit-tree', treeId, ...(head ? ['-p', head] : []), '-m', 'context-sync snapshot (uncommitted work)']);
    if (!commit.ok) throw new Error(`git commit-tree in ${worktree}: ${commit.err}`);
    return { head, commit: commit.out.trim(), dirty: treeId !== headTree };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export interface MergePrediction {
  ours: Snapshot;
  theirs: Snapshot;
  clean: boolean;
  conflicts: PredictedConflict[];
}

/**
 * Merge this worktree's snapshot with another worktree's of the same repository (they share the
 * object store), in memory. Rejects with git's message when git cannot do it (e.g. too old), or
 * when `withinMs` runs out.
 */
export async function predictMerge(ourWorktree: string, theirWorktree: string, opts: { withinMs?: number } = {}): Promise<MergePrediction> {
  const until = opts.withinMs === undefined ? Infinity : Date.now() + opts.withinMs;
  const ours = await snapshotWorktree(ourWorktree, until);
  return mergeSnapshots(ourWorktree, ours, await snapshotWorktree(theirWorktree, until), until);
}

async function mergeSnapshots(ourWorktree: string, ours: Snapshot, theirs: Snapshot, until: number): Promise<MergePrediction> {
  const r = await git(ourWorktree, ['-c', 'merge.conflictStyle=diff3', 'merge-tree', '--write-tree', '-z', '--allow-unrelated-histories', ours.commit, theirs.commit], {}, until);
  // Exit 0: clean; 1: conflicts; anything else: git could not merge at all.
  if (r.status !== 0 && r.status !== 1) throw new Error(`git merge-tree: ${r.err || `exit ${r.status}`}`);
  const parsed = parseMergeTree(r.out);
  // The pure part asks for the merged text of each file with conflicting contents: first learn
  // which, then read them, then decide with them.
  const wanted = new Set<string>();
  predictedConflicts(parsed, (path) => void wanted.add(path));
  const blobs = new Map<string, string | undefined>();
  for (const path of wanted) {
    const blob = await git(ourWorktree, ['cat-file', 'blob', `${parsed.tree}:${path}`], {}, until);
    blobs.set(path, blob.ok ? blob.out : undefined);
  }
  const conflicts = predictedConflicts(parsed, (path) => blobs.get(path));
  return { ours, theirs, clean: r.status === 0 && conflicts.length === 0, conflicts };
}

// ---- a session on another machine (team.shareDiffs) ---------------------------------------------

export interface RemoteMergePrediction extends MergePrediction {
  /** Files whose published hunks were part of the trial merge. */
  applied: string[];
  /** Files left out: their base version is not in this repository, or their hunks do not apply to it. */
  skipped: string[];
}

/**
 * Merge this worktree (uncommitted work included) with what a remote session published: its
 * uncommitted hunks on top of its HEAD. When this repository has that commit, the hunks go on it;
 * otherwise on this worktree's HEAD, file by file, where the file there is the very version the
 * hunks were made against (same blob): the merge is then exact for those files and the others are
 * reported as skipped. The remote side is built in a temporary index, nothing here is touched.
 */
export async function predictMergeWithRemote(ourWorktree: string, diffs: RemoteDiffs, opts: { withinMs?: number } = {}): Promise<RemoteMergePrediction> {
  const until = opts.withinMs === undefined ? Infinity : Date.now() + opts.withinMs;
  const ours = await snapshotWorktree(ourWorktree, until);
  const { snapshot, applied, skipped } = await remoteSnapshot(ourWorktree, ours.head, diffs, until);
  return { ...(await mergeSnapshots(ourWorktree, ours, snapshot, until)), applied, skipped };
}

async function remoteSnapshot(worktree: string, ourHead: string | undefined, diffs: RemoteDiffs, until: number): Promise<{ snapshot: Snapshot; applied: string[]; skipped: string[] }> {
  const tmp = mkdtempSync(join(builtin('os')!.tmpdir(), 'ccs-index-'));
  const env = { GIT_INDEX_FILE: join(tmp, 'index') };
  try {
    const known = (await git(worktree, ['cat-file', '-e', `${diffs.base}^{commit}`], {}, until)).ok;
    const parent = known ? diffs.base : ourHead;
    if (!parent) throw new Error('its base commit is not in this repository, and this worktree has no commit to put its changes on');
    const read = await git(worktree, ['read-tree', parent], env, until);
    if (!read.ok) throw new Error(`git read-tree: ${read.err}`);
    const skipped: string[] = [];
    const applied: string[] = [];
    for (const d of diffs.files) {
      if (!known) {
        const blob = await git(worktree, ['rev-parse', '--verify', '--quiet', `${parent}:${d.file}`], {}, until);
        if (!blob.ok || blob.out.trim() !== d.blob) {
          skipped.push(d.file);
          continue;
        }
      }
      // The header is written here from the validated path: the hunks cannot name another file.
      const patch = `diff --git a/${d.file} b/${d.file}\n--- a/${d.file}\n+++ b/${d.file}\n${d.hunks.endsWith('\n') ? d.hunks : `${d.hunks}\n`}`;
      const r = await git(worktree, ['apply', '--cached', '--whitespace=nowarn', '-p1', '-'], env, until, patch);
      (r.ok ? applied : skipped).push(d.file);
    }
    const tree = await git(worktree, ['write-tree'], env, until);
    if (!tree.ok) throw new Error(`git write-tree: ${tree.err}`);
    const commit = await git(worktree, ['commit-tree', tree.out.trim(), '-p', parent, '-m', 'context-sync snapshot (a remote session\'s published changes)'], {}, until);
    if (!commit.ok) throw new Error(`git commit-tree: ${commit.err}`);
    return { snapshot: { head: parent, commit: commit.out.trim(), dirty: applied.length > 0 }, applied, skipped };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
