// The dashboard's view model: a store snapshot in, the page's data out. Pure: no disk, no clock
// (the snapshot carries `now`), so that what the page shows can be tested as data.
import { shortId } from '../store/ids.js';
import type { Meeting } from './open-work.js';
import type { StoreSnapshot } from './snapshot.js';

/** The page's sections; an update carries only the sections that changed. */
export const SECTIONS = ['meta', 'sessions', 'map', 'conflicts', 'messages', 'timeline'] as const;
export type Section = (typeof SECTIONS)[number];

export interface SessionRow {
  id: string;
  short: string;
  label: string;
  project: string;
  machine: string;
  branch: string | null;
  worktree: string;
  task: string | null;
  state: string | null;
  startedAt: number | null;
  unread: number;
  openFiles: number;
  conflicts: number;
}

export interface MapCell {
  session: string;
  /** Open symbols; null: the session's work on the file is at file level. */
  symbols: string[] | null;
  /** Symbols of this cell that another session also has open (empty: none, or file level). */
  contested: string[];
  /** Ids of the conflicts this cell takes part in (links to their details). */
  conflicts: string[];
}

export interface MapFile {
  file: string;
  name: string;
  /** Project name, shown when the page covers every project. */
  project: string;
  cells: MapCell[];
}

export interface ConflictRow {
  id: string;
  level: Meeting['level'];
  project: string;
  file: string;
  symbols: string[];
  sessions: [string, string];
  labels: [string, string];
  since: number;
  handled: boolean;
}

export interface MessageRow {
  id: string;
  from: string;
  fromLabel: string;
  /** 'all' or the recipient's label. */
  to: string;
  recipients: Array<{ id: string; label: string; delivered: boolean }>;
  sentAt: number;
  text: string;
  truncated: boolean;
}

export interface TimelineData {
  start: number;
  bucketMs: number;
  rows: Array<{ session: string; label: string; counts: number[] }>;
  events: Array<{ at: number; kind: 'raised' | 'handled'; file: string; sessions: string[] }>;
}

export interface PageData {
  meta: { now: number; scope: 'project' | 'all'; project: string; projects: string[]; actions: boolean };
  sessions: SessionRow[];
  map: { columns: string[]; folders: Array<{ folder: string; files: MapFile[] }> };
  conflicts: ConflictRow[];
  messages: MessageRow[];
  timeline: TimelineData;
}

export const HOUR_MS = 3_600_000;
const BUCKETS = 12;
/** A page is for reading at a glance: the newest messages, each at most this long. */
export const MAX_MESSAGES = 200;
export const MAX_MESSAGE_CHARS = 2000;

export function conflictId(m: Pick<Meeting, 'level' | 'file' | 'sessions'> & Partial<Meeting>, projectKey = ''): string {
  // Stable across updates (the page keeps focus and the #anchor on it), safe in an id attribute.
  const raw = `${projectKey}|${m.level}|${m.file}|${m.sessions.join('|')}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < raw.length; i++) h = Math.imul(h ^ raw.charCodeAt(i), 0x01000193) >>> 0;
  return `c-${m.level}-${h.toString(36)}-${shortId(m.sessions[0])}-${shortId(m.sessions[1])}`;
}

function folderOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '.' : file.slice(0, i);
}

export function pageData(s: StoreSnapshot, options: { actions: boolean }): PageData {
  const label = new Map(s.sessions.map((x) => [x.sessionId, x.label]));
  const projectName = new Map(s.projects.map((p) => [p.key, p.name]));
  const projectOfSession = new Map(s.sessions.map((x) => [x.sessionId, x.projectKey]));
  const live = new Set(s.sessions.map((x) => x.sessionId));
  const meetings = s.work.meetings.filter((m) => live.has(m.sessions[0]) && live.has(m.sessions[1]));

  const conflicts: ConflictRow[] = meetings.map((m) => {
    const pk = projectOfSession.get(m.sessions[0]) ?? '';
    return {
      id: conflictId(m, pk),
      level: m.level,
      project: projectName.get(pk) ?? '',
      file: m.file,
      symbols: m.symbols,
      sessions: m.sessions,
      labels: [label.get(m.sessions[0])!, label.get(m.sessions[1])!],
      since: m.since,
      handled: m.handled,
    };
  });

  // The map: one row per file some session has open work on, one column per live session.
  const columns = s.sessions.map((x) => x.sessionId);
  const rows = new Map<string, MapFile>();
  for (const o of s.work.open) {
    if (!live.has(o.sessionId)) continue;
    const pk = projectOfSession.get(o.sessionId)!;
    const key = `${pk}\0${o.file}`;
    let row = rows.get(key);
    if (!row) {
      const name = o.file.slice(o.file.lastIndexOf('/') + 1);
      rows.set(key, (row = { file: o.file, name, project: projectName.get(pk) ?? '', cells: [] }));
    }
    const mine = conflicts.filter((c) => c.file === o.file && c.sessions.includes(o.sessionId) && projectOfSession.get(c.sessions[0]) === pk);
    const contested = [...new Set(mine.filter((c) => !c.handled).flatMap((c) => c.symbols))].filter((x) => o.symbols?.includes(x)).sort();
    row.cells.push({ session: o.sessionId, symbols: o.symbols, contested, conflicts: mine.map((c) => c.id) });
  }
  const byFolder = new Map<string, MapFile[]>();
  for (const row of [...rows.values()].sort((a, b) => a.project.localeCompare(b.project) || a.file.localeCompare(b.file))) {
    const folder = (s.scope === 'all' ? `${row.project}:` : '') + folderOf(row.file);
    const list = byFolder.get(folder) ?? [];
    list.push(row);
    byFolder.set(folder, list);
  }

  const sessions: SessionRow[] = s.sessions.map((x) => ({
    id: x.sessionId,
    short: shortId(x.sessionId),
    label: x.label,
    project: x.projectName,
    machine: x.machine,
    branch: x.branch,
    worktree: x.worktree,
    task: x.task,
    state: x.state,
    startedAt: x.startedAt,
    unread: x.unread,
    openFiles: new Set(s.work.open.filter((o) => o.sessionId === x.sessionId).map((o) => o.file)).size,
    conflicts: conflicts.filter((c) => !c.handled && c.sessions.includes(x.sessionId)).length,
  }));

  // A broadcast is one file per recipient, all with the same id: one row, every recipient listed.
  const grouped = new Map<string, MessageRow>();
  for (const { message: m, recipient, delivered } of s.messages) {
    let row = grouped.get(m.id);
    if (!row) {
      const truncated = m.text.length > MAX_MESSAGE_CHARS;
      grouped.set(
        m.id,
        (row = {
          id: m.id,
          from: m.from,
          // Written from a terminal or this page: no session, so the sender's name as it is.
          fromLabel: label.get(m.from) ?? (m.from === 'dashboard' || m.from === 'terminal' ? m.from : m.fromLabel),
          to: m.to === 'all' ? 'all' : (label.get(m.to) ?? shortId(m.to)),
          recipients: [],
          sentAt: m.sentAt,
          text: truncated ? m.text.slice(0, MAX_MESSAGE_CHARS) : m.text,
          truncated,
        }),
      );
    }
    if (!row.recipients.some((r) => r.id === recipient)) row.recipients.push({ id: recipient, label: label.get(recipient) ?? shortId(recipient), delivered });
  }
  const messages = [...grouped.values()].sort((a, b) => b.sentAt - a.sentAt || b.id.localeCompare(a.id)).slice(0, MAX_MESSAGES);
  for (const m of messages) m.recipients.sort((a, b) => a.label.localeCompare(b.label));

  return {
    meta: {
      now: s.now,
      scope: s.scope,
      project: s.home.name,
      projects: s.projects.map((p) => p.name).sort(),
      actions: options.actions,
    },
    sessions,
    map: { columns, folders: [...byFolder.entries()].map(([folder, files]) => ({ folder, files })) },
    conflicts,
    messages,
    timeline: timeline(s, conflicts),
  };
}

/** The last hour in twelve five-minute buckets: edits per session, conflicts raised and handled. */
function timeline(s: StoreSnapshot, conflicts: ConflictRow[]): TimelineData {
  const bucketMs = HOUR_MS / BUCKETS;
  // Aligned to whole buckets, so an update within a bucket changes counts, not every bucket's edges.
  const end = Math.floor(s.now / bucketMs) * bucketMs + bucketMs;
  const start = end - HOUR_MS;
  const rows = s.sessions.map((x) => {
    const counts = new Array<number>(BUCKETS).fill(0);
    for (const t of x.editTimes) if (t >= start && t < end) counts[Math.floor((t - start) / bucketMs)]!++;
    return { session: x.sessionId, label: x.label, counts };
  });
  const events: TimelineData['events'] = [];
  for (const c of conflicts) if (c.since >= start) events.push({ at: c.since, kind: 'raised', file: c.file, sessions: [...c.sessions] });
  for (const h of s.handled) if (h.at >= start && h.at < end) events.push({ at: h.at, kind: 'handled', file: h.file, sessions: [h.sessionId] });
  events.sort((a, b) => b.at - a.at || a.file.localeCompare(b.file));
  return { start, bucketMs, rows, events };
}

/** Each section as JSON, to tell which changed. meta.now moves with every snapshot: alone, it is no change. */
export function sectionPrints(data: PageData): Map<Section, string> {
  return new Map(SECTIONS.map((k) => [k, JSON.stringify(k === 'meta' ? { ...data.meta, now: 0 } : data[k])]));
}

/** The sections that differ (all of them without `prev`): an update sends only these; an unchanged store sends nothing. */
export function changedSections(prev: Map<Section, string> | undefined, next: Map<Section, string>): Section[] {
  return SECTIONS.filter((k) => prev?.get(k) !== next.get(k));
}
