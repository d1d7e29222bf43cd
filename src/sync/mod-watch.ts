// What the hooks module of one session keeps in Claude Code's process (src/mod/): the files where
// another side has open work, so it can tell on its own that an edit meets nobody, and what the
// person sees under the prompt. Computed here, in the session's MCP server, from the store.
//
// The watch list errs one way only: a file, unit or "always" too many costs a round trip, one too
// few would leave a conflict untold until the next delivery. So every doubt adds, never removes.
import { isConflict, type Finding } from '../core/conflicts.js';
import { matchesAny } from '../core/globs.js';
import { openUnits, unitsOf, WHOLE_FILE } from '../core/openness.js';
import { editsByFile, type EditRecord, type Message } from '../core/records.js';
import { loadConfig, type Config } from '../config/config.js';
import type { Project } from '../sessions/project.js';
import type { ProjectStore } from '../store/session-store.js';
import type { ModView, PanelView, PersonView, Watch, WatchedFile } from '../core/watch.js';
import { peerLine } from '../core/peer-text.js';
import { byAgent, MAIN } from './agents.js';
import { currentFindings } from './alerts.js';
import type { SyncContext } from './context.js';
import { livePeers, peerView, type Peer } from './peers.js';
import { remotePeers, type RemotePeer } from './remote-peers.js';
import { isWoken } from './wake.js';

/** What one view of session `me` reads once and its parts share: live peers, other machines' sessions, config. */
interface Scene {
  ctx: SyncContext;
  store: ProjectStore;
  project: Project;
  me: string;
  peers: Peer[];
  remote: RemotePeer[];
  config: Config;
}

function sceneOf(ctx: SyncContext, store: ProjectStore, project: Project, me: string): Scene {
  return {
    ctx,
    store,
    project,
    me,
    peers: livePeers(ctx, store, me),
    remote: remotePeers(ctx, store.projectKey, (_s, id) => id !== me),
    config: loadConfig(ctx.root, project.worktree).config,
  };
}

/** Adds another side's units to a watched file, creating the entry. */
function watchAdd(files: Record<string, WatchedFile>, abs: string, units: readonly string[], always: boolean, block: boolean): void {
  const w = (files[abs] ??= { units: [], always: false, block });
  for (const u of units) if (!w.units.includes(u)) w.units.push(u);
  w.always ||= always;
}

/**
 * The watch list of session `me` in `project` (its worktree): every file another side has open
 * work in, with the units, and whether the next edit owes a round trip whatever it touches.
 */
function watchIn({ store, project, me, peers, remote, config }: Scene): Watch {
  const files: Record<string, WatchedFile> = {};
  const block = config.onConflict === 'block';
  const abs = (rel: string) => `${project.worktree.replace(/\/+$/, '')}/${rel}`;
  const counted = (rel: string) => !matchesAny(rel, config.ignore);

  for (const p of peers) {
    for (const [rel, edits] of editsByFile(store.allEdits(p.id))) {
      if (!counted(rel)) continue;
      const resolvedAt = store.resolvedAt(me, rel);
      const live = edits.filter((e) => e.ts > resolvedAt);
      if (live.length === 0) continue;
      const here = live.filter((e) => e.worktree === project.worktree);
      if (here.length === 0) {
        // Another checkout: a merge risk, told once per peer and file (core/conflicts.ts).
        const told = store.wasTold(me, `merge-risk|${p.id}|${rel}|${resolvedAt}`);
        watchAdd(files, abs(rel), [], !told, block);
        continue;
      }
      const obs = store.observationsOf(rel);
      const open = [...new Set(here.flatMap((e) => openUnits(e, obs)))];
      if (open.length === 0) continue;
      // The notice ("someone else works in this file") is told once, at the first edit of it.
      const noticed = store.wasTold(me, `notice|${p.id}|${rel}|${resolvedAt}`);
      watchAdd(files, abs(rel), open, !noticed, block);
    }
  }
  // Team mode: another machine's sessions publish only their open edits (all of them count).
  for (const p of remote) {
    for (const [rel, edits] of editsByFile(p.store.allEdits(p.id))) {
      if (!counted(rel)) continue;
      watchAdd(files, abs(rel), [...new Set(edits.flatMap(unitsOf))], false, block);
    }
  }
  // This session's subagents: any edit of a file they touched goes to the server (rare, and the
  // agent rules in agents.ts are not worth repeating in the module).
  for (const [rel, edits] of editsByFile(store.allEdits(me))) {
    const agents = byAgent(edits);
    if (agents.size >= 2 || (agents.size === 1 && !agents.has(MAIN))) watchAdd(files, abs(rel), [WHOLE_FILE], true, block);
  }
  return { files };
}

export const watchOf = (ctx: SyncContext, store: ProjectStore, project: Project, me: string): Watch => watchIn(sceneOf(ctx, store, project, me));

/** How long a delivered message still counts as arrived, for its toast. */
const RECENT_MS = 120_000;

const conflictLine = (f: Finding) => ({ key: f.key, file: f.file, symbols: f.symbols, peer: f.peer.label });
const messageLine = (m: Message) => ({ id: m.id, from: m.fromLabel.slice(0, 80), direct: m.to !== 'all' });
const messagesIn = (store: ProjectStore, me: string, box: 'inbox' | 'read') =>
  (box === 'inbox' ? store.unreadIds(me) : store.readIds(me)).map((id) => store.readMessage(me, id, box)).filter((m): m is Message => m !== undefined);

/** What the person sees: who else is here, this session's open conflicts, unread messages. */
function personView({ ctx, store, project, me, peers, remote }: Scene): PersonView {
  const others = peers.length + remote.length;
  const unread = messagesIn(store, me, 'inbox').map(messageLine);
  // Read ones too: a message delivered to the model at once still gets its toast for the person.
  const since = ctx.now() - RECENT_MS;
  const arrived = [...unread, ...messagesIn(store, me, 'read').filter((m) => m.sentAt >= since).map(messageLine)];
  if (others === 0) return { others, conflicts: [], unread, arrived };
  const conflicts = currentFindings(ctx, store, project, me).filter(isConflict).map(conflictLine);
  return { others, conflicts, unread, arrived };
}

/** Whether unread messages should start a turn in an idle session (messages.wakeIdle). */
function wakeWanted(config: Config, unread: ReadonlyArray<{ direct: boolean }>): boolean {
  const wakeFor = config.messages.wakeIdle;
  return wakeFor === 'all' ? unread.length > 0 : wakeFor === 'direct' ? unread.some((m) => m.direct) : false;
}

/** Whether the module should start a turn for session `me`'s unread mail: the wake-up's own check, no more. */
export function wantsWake(ctx: SyncContext, store: ProjectStore, project: Project, me: string): boolean {
  return wakeWanted(loadConfig(ctx.root, project.worktree).config, messagesIn(store, me, 'inbox').map(messageLine));
}

/**
 * Everything the module of session `me` (in Claude Code process `pid`) is sent with every poll.
 * `person: false` (the answer to a hook call, which the model may be waiting for) leaves out what
 * the person sees, the costly part: the next poll brings it.
 */
export function modView(ctx: SyncContext, store: ProjectStore, project: Project, me: string, pid: number | undefined, opts: { person?: boolean } = {}): ModView {
  const scene = sceneOf(ctx, store, project, me);
  const watch = watchIn(scene);
  const pending = isWoken(ctx, pid);
  if (opts.person === false) return { watch, pending };
  const person = personView(scene);
  return { watch, person, pending, wake: wakeWanted(scene.config, person.unread), bell: store.bell };
}

/** Files a session edited, with the symbols its edits touched (a few of each, for one line). */
function filesWithSymbols(edits: readonly EditRecord[]): PanelView['sessions'][number]['files'] {
  return [...editsByFile(edits)].slice(0, 20).map(([file, recs]) => ({
    file: peerLine(file, 200),
    symbols: [...new Set(recs.flatMap((r) => r.symbols ?? []))].slice(0, 8).map((x) => peerLine(x, 80)),
  }));
}

/** The pane's view for session `me`: every live session here (itself first), its conflicts, its unread mail. */
export function panelView(ctx: SyncContext, store: ProjectStore, project: Project, me: string): PanelView {
  const live = ctx.live();
  const sessions: PanelView['sessions'] = [];
  const row = (id: string, you: boolean) => {
    const v = peerView(ctx, store, id);
    sessions.push({ id, label: v.label, you, task: v.task, branch: v.branch, state: peerLine(live.get(id)?.status, 20) || undefined, files: filesWithSymbols(store.allEdits(id)) });
  };
  row(me, true);
  for (const p of livePeers(ctx, store, me)) row(p.id, false);
  const conflicts = currentFindings(ctx, store, project, me).filter(isConflict).map(conflictLine);
  const inbox = messagesIn(store, me, 'inbox')
    .slice(0, 20)
    .map((m) => ({ ...messageLine(m), from: peerLine(m.fromLabel, 80), fromId: m.from, text: peerLine(m.text.replace(/\s+/g, ' '), 300) }));
  return { sessions, conflicts, inbox };
}
