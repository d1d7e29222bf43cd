// What the dashboard reads from the store at one moment: live sessions, their edit records, the
// messages in their mailboxes, and the open work (open-work.ts). Reading only: the page never
// retires a dead session's records (the hooks and `gc` do); it shows the sessions the registry says are live.
// In team mode, also the sessions of other machines that the relay copied here (remote-peers.ts),
// while their machine is present: their open edits as their machine published them, their machine's
// label, and their meetings with this machine's sessions.
import { statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isEditRecord, type EditRecord, type Message } from '../core/records.js';
import { findProject, type Project } from '../sessions/project.js';
import type { LiveSession } from '../sessions/registry.js';
import { listDir, readJsonLines, readText } from '../store/fsx.js';
import { fileKey, ProjectStore } from '../store/session-store.js';
import type { SyncContext } from '../sync/context.js';
import { matchesHead } from '../sync/git-state.js';
import { asPeerText } from '../sync/messages.js';
import { peerView } from '../sync/peers.js';
import { remotePeers, remotePeerView } from '../sync/remote-peers.js';
import { openWork, type OpenWork } from './open-work.js';

export type Scope = 'project' | 'all';

/** What the page says of a session, as the store and the registry have it (view.ts passes it on). */
export interface SessionFacts {
  label: string;
  machine: string;
  branch: string | null;
  worktree: string;
  task: string | null;
  /** Claude Code's own busy / idle, from its session registry. */
  state: string | null;
  startedAt: number | null;
  unread: number;
}

export interface SnapshotSession extends SessionFacts {
  sessionId: string;
  projectKey: string;
  projectName: string;
  /** A session of another machine (team mode): no worktree, state or registry entry here. */
  remote?: boolean;
  /** Times of this session's edit records (for the timeline); the records themselves stay here. */
  editTimes: number[];
}

export interface SnapshotMessage {
  message: Message;
  recipient: string;
  delivered: boolean;
}

export interface Handled {
  sessionId: string;
  file: string;
  at: number;
}

/** Everything the page shows, as data: the view model (view.ts) turns it into page data. */
export interface StoreSnapshot {
  now: number;
  scope: Scope;
  /** The project the dashboard was started in. */
  home: { key: string; name: string };
  projects: Array<{ key: string; name: string }>;
  sessions: SnapshotSession[];
  messages: SnapshotMessage[];
  work: OpenWork;
  /** resolve_conflicts markers: when a session marked a file handled. */
  handled: Handled[];
}

/** Whether a file equals HEAD, asked of git once per change of the file or of the git index. */
export class CommittedCache {
  private readonly seen = new Map<string, { stamp: string; clean: boolean }>();

  isCommitted(project: Project | undefined, worktree: string, file: string): boolean {
    if (!project?.commonDir) return false;
    const stamp = [join(worktree, file), join(project.gitDir ?? join(worktree, '.git'), 'index')].map(stampOf).join('|');
    const k = `${worktree}\0${file}`;
    const hit = this.seen.get(k);
    if (hit && hit.stamp === stamp) return hit.clean;
    const clean = matchesHead(worktree, file);
    this.seen.set(k, { stamp, clean });
    return clean;
  }
}

function stampOf(path: string): string {
  try {
    const st = statSync(path);
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    return '-';
  }
}

const MACHINE = hostname();

/**
 * Parsed edit files, kept between reads and parsed again only when a file's size or mtime moved:
 * most reads follow one append to one file of a store of thousands.
 */
export class EditFiles {
  private readonly parsed = new Map<string, { stamp: string; records: EditRecord[] }>();

  read(filesDir: string): EditRecord[] {
    const out: EditRecord[] = [];
    for (const name of listDir(filesDir)) {
      if (!name.endsWith('.jsonl')) continue;
      const path = join(filesDir, name);
      const stamp = stampOf(path);
      let hit = this.parsed.get(path);
      if (!hit || hit.stamp !== stamp) this.parsed.set(path, (hit = { stamp, records: readJsonLines(path).filter(isEditRecord) }));
      out.push(...hit.records);
    }
    return out;
  }

  /** Forget the files of sessions under `sessionsDirs` that the last read did not see (ended ones). */
  forgetOthers(sessionsDirs: string[], seen: Set<string>): void {
    for (const p of this.parsed.keys()) {
      const dir = p.slice(0, p.lastIndexOf('/files/'));
      if (!seen.has(dir) && sessionsDirs.some((d) => dir.startsWith(d + '/'))) this.parsed.delete(p);
    }
  }
}

/**
 * The store for one read: each session's resolved/ folder is listed once, so the markers that do
 * not exist (most of them) cost no failed open each; the ones that exist are read as usual.
 */
class SnapshotStore extends ProjectStore {
  private readonly markers = new Map<string, Set<string>>();
  private readonly keys = new Map<string, string>();

  constructor(root: string, projectKey: string, private readonly editFiles: EditFiles) {
    super(root, projectKey);
  }

  /** A file's key in the store, hashed once per read. */
  keyOf(relPath: string): string {
    let k = this.keys.get(relPath);
    if (k === undefined) this.keys.set(relPath, (k = fileKey(relPath)));
    return k;
  }

  override allEdits(sessionId: string): EditRecord[] {
    return this.editFiles.read(join(this.dir(sessionId), 'files'));
  }

  markerNames(sessionId: string): Set<string> {
    let m = this.markers.get(sessionId);
    if (!m) this.markers.set(sessionId, (m = new Set(listDir(join(this.dir(sessionId), 'resolved')))));
    return m;
  }

  override resolvedAt(sessionId: string, relPath: string): number {
    return this.markerNames(sessionId).has(this.keyOf(relPath)) ? super.resolvedAt(sessionId, relPath) : 0;
  }
}

/** Live sessions of the scope, by project key. */
function sessionsByProject(ctx: SyncContext, home: Project, scope: Scope): Map<string, { project: Project; sessions: LiveSession[] }> {
  const out = new Map<string, { project: Project; sessions: LiveSession[] }>();
  if (scope === 'project') out.set(home.key, { project: home, sessions: [] });
  for (const s of ctx.live().values()) {
    const p = findProject(s.cwd);
    if (scope === 'project' && p.key !== home.key) continue;
    let entry = out.get(p.key);
    if (!entry) out.set(p.key, (entry = { project: p, sessions: [] }));
    entry.sessions.push(s);
  }
  return out;
}

/** What one dashboard keeps between reads: git answers and parsed edit files. */
export interface ReadCaches {
  committed: CommittedCache;
  editFiles: EditFiles;
}

export const readCaches = (): ReadCaches => ({ committed: new CommittedCache(), editFiles: new EditFiles() });

export function readSnapshot(ctx: SyncContext, home: Project, scope: Scope, caches: ReadCaches = readCaches()): StoreSnapshot {
  const { committed, editFiles } = caches;
  const sessionDirs = new Set<string>();
  const sessions: SnapshotSession[] = [];
  const messages: SnapshotMessage[] = [];
  const handled: Handled[] = [];
  const work: OpenWork = { open: [], meetings: [] };
  const projects: StoreSnapshot['projects'] = [];
  for (const { project, sessions: live } of sessionsByProject(ctx, home, scope).values()) {
    projects.push({ key: project.key, name: project.name });
    const store = new SnapshotStore(ctx.root, project.key, editFiles);
    const withEdits = [];
    for (const s of live.sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0))) {
      const meta = store.readMeta(s.sessionId);
      // Without a meta.json yet (no hook has run), the session's worktree is its cwd's.
      const view = { ...peerView(ctx, store, s.sessionId, meta), worktree: meta?.worktree ?? findProject(s.cwd).worktree };
      sessionDirs.add(store.dir(s.sessionId));
      const edits: EditRecord[] = store.allEdits(s.sessionId).filter((e) => e.session === s.sessionId);
      edits.sort((a, b) => a.ts - b.ts);
      withEdits.push({ peer: view, edits });
      const worktree = view.worktree;
      sessions.push({
        sessionId: s.sessionId,
        label: view.label,
        projectKey: project.key,
        projectName: project.name,
        machine: MACHINE,
        branch: meta?.branch ?? findProject(s.cwd).branch ?? null,
        worktree,
        task: view.task ?? null,
        state: s.status ?? null,
        startedAt: s.startedAt ?? meta?.startedAt ?? null,
        unread: store.unreadIds(s.sessionId).length,
        editTimes: edits.map((e) => e.ts),
      });
      for (const id of store.unreadIds(s.sessionId)) {
        const m = store.readMessage(s.sessionId, id, 'inbox');
        if (m) messages.push({ message: asPeerText(m), recipient: s.sessionId, delivered: false });
      }
      for (const id of store.readIds(s.sessionId)) {
        const m = store.readMessage(s.sessionId, id, 'read');
        if (m) messages.push({ message: asPeerText(m), recipient: s.sessionId, delivered: true });
      }
      // resolved/<fileKey> names a file by its hash: matched against the files the session edited.
      const files = new Map([...new Set(edits.map((e) => e.file))].map((f) => [store.keyOf(f), f]));
      for (const name of store.markerNames(s.sessionId)) {
        const file = files.get(name);
        const at = file ? Number(readText(join(store.dir(s.sessionId), 'resolved', name)) ?? NaN) : NaN;
        if (file && Number.isFinite(at) && at > 0) handled.push({ sessionId: s.sessionId, file, at });
      }
    }
    // Other machines' sessions (team mode): read from the relay's copy, as published.
    const localIds = new Set(live.map((s) => s.sessionId));
    for (const p of remotePeers(ctx, project.key)) {
      // A forged remote session cannot stand in for a local one.
      if (localIds.has(p.id) || sessions.some((x) => x.sessionId === p.id)) continue;
      const view = remotePeerView(p);
      const dir = p.store.dir(p.id);
      sessionDirs.add(dir);
      const edits = editFiles.read(join(dir, 'files')).filter((e) => e.session === p.id);
      edits.sort((a, b) => a.ts - b.ts);
      withEdits.push({ peer: view, edits });
      sessions.push({
        sessionId: p.id,
        label: view.label,
        projectKey: project.key,
        projectName: project.name,
        machine: p.machine.label,
        remote: true,
        branch: p.meta?.branch ?? null,
        worktree: '',
        task: view.task ?? null,
        state: null,
        startedAt: p.meta?.startedAt ?? null,
        unread: 0,
        editTimes: edits.map((e) => e.ts),
      });
      // Messages to it: still queued here (not yet taken by Redis), or gone to its machine.
      for (const id of p.store.unreadIds(p.id)) {
        const m = p.store.readMessage(p.id, id, 'inbox');
        if (m) messages.push({ message: asPeerText(m), recipient: p.id, delivered: false });
      }
      for (const id of p.store.readIds(p.id)) {
        const m = p.store.readMessage(p.id, id, 'read');
        if (m) messages.push({ message: asPeerText(m), recipient: p.id, delivered: true });
      }
    }
    const worktrees = new Map<string, Project>();
    const projectOf = (wt: string) => {
      if (!worktrees.has(wt)) worktrees.set(wt, findProject(wt));
      return worktrees.get(wt);
    };
    const w = openWork(store, withEdits, (wt, file) => committed.isCommitted(projectOf(wt), wt, file));
    work.open.push(...w.open);
    work.meetings.push(...w.meetings);
  }
  editFiles.forgetOthers(
    projects.flatMap((p) => [join(ctx.root, 'projects', p.key, 'sessions'), join(ctx.root, 'projects', p.key, 'remote')]),
    sessionDirs,
  );
  return { now: ctx.now(), scope, home: { key: home.key, name: home.name }, projects, sessions, messages, work, handled };
}
