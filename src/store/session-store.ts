// The per-project, per-session layout on disk. Every file here has one writer: the session it
// belongs to (its hooks, its MCP server), except inbox files, each written once by its sender, and
// the project's bell (projects/<projectKey>/bell), a change counter any writer adds a byte to.
//
//   projects/<projectKey>/sessions/<sessionId>/
//     meta.json              who the session is (cwd, worktree, branch, pid)
//     files/<fileKey>.jsonl  append-only edit records for one file: a hook reads only the files it needs
//     told/<hash>            one empty file per alert the model was given (created exclusively)
//     resolved/<fileKey>     when the session marked that file's conflicts handled
//     inbox/<msgId>.json     unread messages; delivery renames them to read/ (only one rename wins)
//     sent/<ms>-<hex>        one empty file per message this session sent lately (the rate limit)
import { randomHex, stableHash } from '../core/hash.js';
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import {
  appendLine, claimByRename, countInFile, createExclusive, listDir, listDirents, readJson, readJsonLines, readText,
  removeTree, unlinkQuiet, writeFileAtomic,
} from './fsx.js';
import { isMessageId, isSessionId } from '../core/ids.js';
import { projectBell, projectDir, remoteMachineDir, sessionDir } from './paths.js';
import { isEditRecord, type EditRecord, type SessionMeta, isSessionMeta, type Message, isMessage, isObservation } from '../core/records.js';
import type { Observation } from '../core/openness.js';

/** The files some edit records name, sorted, each once. */
export function filesOf(edits: readonly EditRecord[]): string[] {
  return [...new Set(edits.map((e) => e.file))].sort();
}

export function fileKey(relPath: string): string {
  return stableHash(relPath);
}

const hashKey = stableHash;

/** The folders of a session directory: its files are opened O_NOFOLLOW, its folders need this check. */
const SESSION_FOLDERS = ['files', 'told', 'resolved', 'inbox', 'read', 'sent'];

/**
 * O_NOFOLLOW guards only a path's last component: a session directory (or a folder in it) replaced
 * by a symlink would carry writes through it, out of the store. Before the first write to a session
 * in a process, each folder from projects/ down must be a real directory (or absent: we create
 * real ones). Reads need no check: a planted link can only show what its planter could write anyway.
 */
function refuseSymlinkedFolders(root: string, sessionsDir: string, dir: string): void {
  const chain: string[] = [];
  for (let p = sessionsDir; p.length > root.length; p = join(p, '..')) chain.unshift(p);
  refuseSymlinks([...chain, dir, ...SESSION_FOLDERS.map((f) => join(dir, f))], root);
}

function refuseSymlinks(folders: readonly string[], root: string): void {
  for (const p of folders) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (!st.isDirectory()) throw new Error(`refusing to write through ${p.slice(root.length)}: a symlink or a file where the store keeps a folder`);
  }
}

/** The bell counts up to this many changes, then starts over (a change of size too). */
const BELL_RESTART_BYTES = 64 * 1024;

export class ProjectStore {
  readonly sessionsDir: string;
  private readonly writable = new Set<string>();

  /**
   * `machine`: the copy of another machine's sessions that team mode's relay keeps
   * (projects/<key>/remote/<machine>/sessions/, written by the relay only), read with the same code.
   */
  constructor(
    readonly root: string,
    readonly projectKey: string,
    readonly machine?: string,
  ) {
    this.sessionsDir = machine ? join(remoteMachineDir(root, projectKey, machine), 'sessions') : join(root, 'projects', projectKey, 'sessions');
  }

  dir(sessionId: string): string {
    if (!isSessionId(sessionId)) throw new Error(`refusing malformed session id`);
    return this.machine ? join(this.sessionsDir, sessionId) : sessionDir(this.root, this.projectKey, sessionId);
  }

  /** A session's directory, for writing: checked once per process for planted symlinks. */
  private writeDir(sessionId: string): string {
    const d = this.dir(sessionId);
    if (!this.writable.has(sessionId)) {
      refuseSymlinkedFolders(this.root, this.sessionsDir, d);
      this.writable.add(sessionId);
    }
    return d;
  }

  /** Session ids that have a directory in this project (live or not: callers check liveness). */
  sessionIds(): string[] {
    // Directory entries carry their type: no lstat per session (a symlink is not a directory here).
    return listDirents(this.sessionsDir)
      .filter((d) => d.isDirectory() && isSessionId(d.name))
      .map((d) => d.name);
  }

  readMeta(sessionId: string): SessionMeta | undefined {
    const m = readJson(join(this.dir(sessionId), 'meta.json'));
    return isSessionMeta(m) ? m : undefined;
  }

  writeMeta(meta: SessionMeta): void {
    writeFileAtomic(join(this.writeDir(meta.sessionId), 'meta.json'), JSON.stringify(meta));
    this.ring();
  }

  appendEdit(rec: EditRecord): void {
    appendLine(join(this.writeDir(rec.session), 'files', `${fileKey(rec.file)}.jsonl`), JSON.stringify(rec));
    this.ring();
  }

  /** One session's valid edit records of one file; invalid lines are skipped. */
  editsOf(sessionId: string, relPath: string): EditRecord[] {
    return readJsonLines(join(this.dir(sessionId), 'files', `${fileKey(relPath)}.jsonl`)).filter(isEditRecord);
  }

  /** Called for every session on every edit: one stat, the key computed once by the caller. */
  hasEditsOf(sessionId: string, relPath: string, key = fileKey(relPath)): boolean {
    return isSessionId(sessionId) && existsSync(`${this.sessionsDir}/${sessionId}/files/${key}.jsonl`);
  }

  /** Every edit record of a session, all files. */
  allEdits(sessionId: string): EditRecord[] {
    const dir = join(this.dir(sessionId), 'files');
    const out: EditRecord[] = [];
    for (const f of listDir(dir)) {
      if (!f.endsWith('.jsonl')) continue;
      out.push(...readJsonLines(join(dir, f)).filter(isEditRecord));
    }
    return out;
  }

  /** The files a session edited, sorted. */
  touchedFiles(sessionId: string): string[] {
    return filesOf(this.allEdits(sessionId));
  }

  /** Claim "the model was told this" once: true only for the first caller. */
  claimTold(sessionId: string, key: string): boolean {
    return createExclusive(join(this.writeDir(sessionId), 'told', hashKey(key)));
  }

  wasTold(sessionId: string, key: string): boolean {
    return readText(join(this.dir(sessionId), 'told', hashKey(key))) !== undefined;
  }

  resolvedAt(sessionId: string, relPath: string): number {
    const t = Number(readText(join(this.dir(sessionId), 'resolved', fileKey(relPath))) ?? 0);
    return Number.isFinite(t) ? t : 0;
  }

  markResolved(sessionId: string, relPath: string, at: number): void {
    writeFileAtomic(join(this.writeDir(sessionId), 'resolved', fileKey(relPath)), String(at));
    this.ring();
  }

  // ---- observations: when a file's units were seen agreeing with HEAD --------------------------
  // Kept per project, not per session: an observation stays true after the session that made it
  // has ended, and a peer's edit made before it must stay closed. One file per observer (one writer).

  private observedDir(relPath: string): string {
    return join(projectDir(this.root, this.projectKey), 'observed', fileKey(relPath));
  }

  appendObservation(sessionId: string, obs: Observation): void {
    if (!isSessionId(sessionId)) throw new Error('refusing malformed session id');
    const dir = this.observedDir(obs.file);
    this.refuseLinksOnce('observed');
    refuseSymlinks([dir], this.root);
    appendLine(join(dir, `${sessionId}.jsonl`), JSON.stringify(obs));
    this.ring();
  }

  /** Every valid observation of one file, by any session. */
  observationsOf(relPath: string): Observation[] {
    const dir = this.observedDir(relPath);
    const out: Observation[] = [];
    for (const f of listDir(dir)) {
      if (!f.endsWith('.jsonl')) continue;
      for (const o of readJsonLines(join(dir, f))) if (isObservation(o) && o.file === relPath) out.push(o);
    }
    return out;
  }

  // ---- messages -------------------------------------------------------------------------------

  deliverToInbox(recipient: string, msg: Message): void {
    writeFileAtomic(join(this.writeDir(recipient), 'inbox', `${msg.id}.json`), JSON.stringify(msg));
    this.ring();
  }

  /** Unread message ids, oldest first (ids start with a time stamp). */
  unreadIds(sessionId: string): string[] {
    return listDir(join(this.dir(sessionId), 'inbox'))
      .filter((f) => f.endsWith('.json') && isMessageId(f.slice(0, -5)))
      .map((f) => f.slice(0, -5))
      .sort();
  }

  readMessage(sessionId: string, id: string, box: 'inbox' | 'read'): Message | undefined {
    const m = readJson(join(this.dir(sessionId), box, `${id}.json`));
    // A message whose id is not its file name could never be claimed (it would come back at every delivery).
    return isMessage(m) && m.id === id ? m : undefined;
  }

  /** Move one message from inbox/ to read/. Only one of several concurrent claimers gets true. */
  claimMessage(sessionId: string, id: string): boolean {
    const d = this.writeDir(sessionId);
    const claimed = claimByRename(join(d, 'inbox', `${id}.json`), join(d, 'read', `${id}.json`));
    if (claimed) this.ring(); // the unread count the person sees went down
    return claimed;
  }

  readIds(sessionId: string): string[] {
    return listDir(join(this.dir(sessionId), 'read'))
      .filter((f) => f.endsWith('.json') && isMessageId(f.slice(0, -5)))
      .map((f) => f.slice(0, -5))
      .sort();
  }

  /**
   * Take one of a sender's `perMinute` message slots, or undefined when they are all taken. The
   * check and the count are one step: each attempt first creates its own slot file, then counts
   * every slot of the last minute, its own included, and gives its slot back when there are too
   * many. Of any set of senders that kept their slot, the one that counted last saw all of them,
   * so no more than `perMinute` are kept, however many processes send at once. Attempts that lose
   * only to others in flight (slots younger than a second) back off and try again.
   */
  takeSendSlot(sessionId: string, now: () => number, perMinute: number): string | undefined {
    const dir = join(this.writeDir(sessionId), 'sent');
    for (let attempt = 0; attempt < 8; attempt++) {
      const at = now();
      const name = `${at}-${randomHex(8)}`;
      createExclusive(join(dir, name));
      let recent = 0;
      let settled = 0;
      for (const f of listDir(dir)) {
        const t = Number(f.slice(0, f.indexOf('-')));
        if (!Number.isFinite(t)) continue;
        if (t > at - 60_000) recent++;
        if (t > at - 60_000 && t < at - 1000) settled++;
        // Slots of earlier minutes are of no use to anyone: the sender clears them.
        if (t < at - 120_000) unlinkQuiet(join(dir, f));
      }
      if (recent <= perMinute) return name;
      unlinkQuiet(join(dir, name));
      if (settled >= perMinute) return undefined;
      sleepMs(5 + Math.floor(Math.random() * 40));
    }
    return undefined;
  }

  /** Give a slot back: the message it was taken for reached no one. */
  releaseSendSlot(sessionId: string, slot: string): void {
    unlinkQuiet(join(this.dir(sessionId), 'sent', slot));
  }

  /** Replace a session's edit records of one file (the relay's copy of a remote session: it is their one writer). */
  replaceEdits(sessionId: string, relPath: string, recs: readonly EditRecord[]): void {
    const path = join(this.writeDir(sessionId), 'files', `${fileKey(relPath)}.jsonl`);
    writeFileAtomic(path, recs.map((r) => JSON.stringify(r) + '\n').join(''));
    this.ring();
  }

  removeSession(sessionId: string): void {
    removeTree(this.root, this.dir(sessionId), join(this.root, 'trash'));
    this.ring();
  }

  // ---- the bell: "something here changed", for the hooks modules of the project's sessions ----

  /**
   * The project's bell (projects/<key>/bell): rung after every write another session's view of the
   * project depends on (a session's meta, an edit, an observation, a resolution, a message and its
   * reading, a session's end; the relay's copies of other machines ring it too). A hooks module
   * stats it at each beat, one cheap call, and asks its MCP server for a new view only when it
   * moved: a `$.mcp.call` costs Claude Code's process some 20 ms of CPU, a `$.fs.stat` a tenth of
   * that. The one store file with many writers, on purpose: its size is a counter (countInFile).
   */
  get bell(): string {
    return projectBell(this.root, this.projectKey);
  }

  /** After the write it announces, never before: a module that sees the bell move reads the write. */
  private ring(): void {
    try {
      this.refuseLinksOnce();
      countInFile(this.bell, BELL_RESTART_BYTES);
    } catch {
      // A hint only: what was written stands, and the modules' periodic poll reads it anyway.
    }
  }

  /**
   * The project's own folders (projects/, projects/<key>/, and `sub` in it), checked for planted
   * links before this process first writes in them, as writeDir does for a session's.
   */
  private refuseLinksOnce(sub?: string): void {
    const key = sub ?? '';
    if (this.linksChecked.has(key)) return;
    const project = projectDir(this.root, this.projectKey);
    refuseSymlinks([join(this.root, 'projects'), project, ...(sub ? [join(project, sub)] : [])], this.root);
    this.linksChecked.add(key);
  }
  private readonly linksChecked = new Set<string>();
}

const pause = new Int32Array(new SharedArrayBuffer(4));
/** A short synchronous pause (send is synchronous in the CLI and the MCP tool alike). */
function sleepMs(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}
