// The dashboard's view model: a store snapshot in, the page's data out. Pure: no disk, no clock
// (the snapshot carries `now`), so that what the page shows can be tested as data.
import { shortId } from '../core/ids.js';
import type { Meeting } from './open-work.js';
import type { SessionFacts, StoreSnapshot } from './snapshot.js';

export interface SessionRow extends SessionFacts {
  id: string;
  short: string;
  project: string;
  /** On another machine (team mode). */
  remote: boolean;
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

/**
 * Sessions meeting on one file at one level: every pair on the file is one row (ten sessions on one
 * function are one line to read, not forty-five), handled when every pair is.
 */
export interface ConflictRow {
  id: string;
  level: Meeting['level'];
  project: string;
  file: string;
  symbols: string[];
  /** Sorted; at least two. */
  sessions: string[];
  labels: string[];
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
/** The timeline lists the latest conflict events; the page shows no more. */
export const MAX_EVENTS = 40;

export function conflictId(m: Pick<Meeting, 'level' | 'file'> & Partial<Meeting>, projectKey = ''): string {
  // Stable across updates (the page keeps focus and the #anchor on it), safe in an id attribute.
  const raw = `${projectKey}|${m.level}|${m.file}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < raw.length; i++) h = Math.imul(h ^ raw.charCodeAt(i), 0x01000193) >>> 0;
  return `c-${m.level}-${h.toString(36)}`;
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

  const groups = new Map<string, ConflictRow>();
  for (const m of meetings) {
    const pk = projectOfSession.get(m.sessions[0]) ?? '';
    const id = conflictId(m, pk);
    const row = groups.get(id);
    if (!row) {
      groups.set(id, { id, level: m.level, project: projectName.get(pk) ?? '', file: m.file, symbols: [...m.symbols], sessions: [...m.sessions], labels: [], since: m.since, handled: m.handled });
      continue;
    }
    row.symbols = [...new Set([...row.symbols, ...m.symbols])].sort();
    row.sessions = [...new Set([...row.sessions, ...m.sessions])];
    row.since = Math.min(row.since, m.since);
    row.handled &&= m.handled;
  }
  const order = new Map(s.sessions.map((x, i) => [x.sessionId, i]));
  const rank = { symbol: 0, file: 1, remote: 2, 'merge-risk': 3 } as const;
  const conflicts = [...groups.values()].sort((a, b) => Number(a.handled) - Number(b.handled) || rank[a.level] - rank[b.level] || a.project.localeCompare(b.project) || a.file.localeCompare(b.file));
  for (const c of conflicts) {
    c.sessions.sort((a, b) => order.get(a)! - order.get(b)!);
    c.labels = c.sessions.map((id) => label.get(id)!);
  }
  // Per file and session, the conflicts it takes part in: looked up once per cell of the map.
  const bySessionFile = new Map<string, ConflictRow[]>();
  for (const c of conflicts) {
    for (const id of c.sessions) {
      const k = `${id}\0${c.file}`;
      bySessionFile.set(k, [...(bySessionFile.get(k) ?? []), c]);
    }
  }

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
    const mine = bySessionFile.get(`${o.sessionId}\0${o.file}`) ?? [];
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

  const openFiles = new Map<string, Set<string>>();
  for (const o of s.work.open) openFiles.set(o.sessionId, (openFiles.get(o.sessionId) ?? new Set()).add(o.file));
  const conflictCount = new Map<string, number>();
  for (const c of conflicts) if (!c.handled) for (const id of c.sessions) conflictCount.set(id, (conflictCount.get(id) ?? 0) + 1);
  const sessions: SessionRow[] = s.sessions.map((x) => ({
    id: x.sessionId,
    short: shortId(x.sessionId),
    label: x.label,
    project: x.projectName,
    machine: x.machine,
    remote: x.remote === true,
    branch: x.branch,
    worktree: x.worktree,
    task: x.task,
    state: x.state,
    startedAt: x.startedAt,
    unread: x.unread,
    openFiles: openFiles.get(x.sessionId)?.size ?? 0,
    conflicts: conflictCount.get(x.sessionId) ?? 0,
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
  return { start, bucketMs, rows, events: events.slice(0, MAX_EVENTS) };
}

/** What goes over the wire: the page state in small keyed parts, so an update carries only what changed. */
export interface WireUpdate {
  /** A full state: drop every part held before applying. */
  full?: boolean;
  set: Record<string, unknown>;
  del: string[];
}

const LISTS = ['sessions', 'conflicts', 'messages'] as const;
const rowKey = (f: MapFile) => `${f.project}:${f.file}`;

/**
 * The parts of a page state, each as JSON: the lists item by item plus their order, the map row by
 * row plus its layout. One edit changes a row of the map and a count, not the whole page.
 */
export function wireParts(d: PageData): Map<string, string> {
  const parts = new Map<string, string>();
  parts.set('meta', JSON.stringify(d.meta));
  // The timeline's rows apart: one edit changes one session's counts.
  const { rows, ...timelineRest } = d.timeline;
  parts.set('timeline', JSON.stringify(timelineRest));
  parts.set('trow#order', JSON.stringify(rows.map((r) => r.session)));
  for (const r of rows) parts.set(`trow:${r.session}`, JSON.stringify(r));
  for (const k of LISTS) {
    parts.set(`${k}#order`, JSON.stringify(d[k].map((x) => x.id)));
    for (const x of d[k]) parts.set(`${k}:${x.id}`, JSON.stringify(x));
  }
  parts.set('map#layout', JSON.stringify({ columns: d.map.columns, folders: d.map.folders.map((f) => ({ folder: f.folder, files: f.files.map(rowKey) })) }));
  for (const f of d.map.folders) for (const file of f.files) parts.set(`map:${rowKey(file)}`, JSON.stringify(file));
  return parts;
}

/**
 * The update from `prev` to `next` as JSON text, or undefined when nothing a person would see
 * changed (meta.now moves with every read; alone, it is no change). Without `prev`: the full state.
 */
export function wireUpdate(prev: Map<string, string> | undefined, next: Map<string, string>): string | undefined {
  const set: string[] = [];
  const stripNow = (json: string | undefined) => json?.replace(/"now":\d+/, '"now":0');
  for (const [k, json] of next) {
    const before = prev?.get(k);
    if (before === json || (k === 'meta' && stripNow(before) === stripNow(json))) continue;
    set.push(`${JSON.stringify(k)}:${json}`);
  }
  const del = prev ? [...prev.keys()].filter((k) => !next.has(k)) : [];
  if (prev && set.length === 0 && del.length === 0) return undefined;
  return `{${prev ? '' : '"full":true,'}"set":{${set.join(',')}},"del":${JSON.stringify(del)}}`;
}

/**
 * Apply an update to the parts a page holds and rebuild its state. Self-contained on purpose: the
 * page's script embeds this very function's source, so the page and the tests share one decoder.
 */
export function applyWire(parts: Record<string, any>, u: WireUpdate): { parts: Record<string, any>; state: PageData; sections: string[] } {
  const held: Record<string, any> = u.full ? {} : parts;
  for (const k of u.del) delete held[k];
  Object.assign(held, u.set);
  const list = (k: string) => ((held[k + '#order'] as string[] | undefined) ?? []).map((id) => held[k + ':' + id]).filter(Boolean);
  const layout = held['map#layout'] ?? { columns: [], folders: [] };
  const state = {
    meta: held.meta,
    timeline: { start: 0, bucketMs: 1, events: [], ...held.timeline, rows: list('trow') },
    sessions: list('sessions'),
    conflicts: list('conflicts'),
    messages: list('messages'),
    map: {
      columns: layout.columns,
      folders: layout.folders.map((f: { folder: string; files: string[] }) => ({ folder: f.folder, files: f.files.map((k) => held['map:' + k]).filter(Boolean) })),
    },
  } as PageData;
  // The page's sections, spelled out: the page embeds this function's source, which cannot import.
  const sections = u.full
    ? ['meta', 'sessions', 'map', 'conflicts', 'messages', 'timeline']
    : [...new Set([...Object.keys(u.set), ...u.del].map((k) => k.split(/[#:]/)[0]!.replace('trow', 'timeline')))];
  return { parts: held, state, sections };
}
