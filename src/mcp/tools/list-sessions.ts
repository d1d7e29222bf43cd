import { groupFindings } from '../../core/conflicts.js';
import { isoTime, peerLine, peerLines } from '../../core/peer-text.js';
import { renderFinding } from '../../core/render.js';
import { currentFindings } from '../../sync/alerts.js';
import { projectSessions } from '../../sync/messages.js';
import { peerView } from '../../sync/peers.js';
import { subagentsOf } from '../../sync/agents.js';
import { remotePeers, remotePeerView } from '../../sync/remote-peers.js';
import { filesOf } from '../../store/session-store.js';
import type { ToolDef } from './types.js';

/** Files listed per session (a session that edited more is summed up by get_all_changes). */
const MAX_FILES = 50;

export const listSessions: ToolDef = {
  name: 'list_sessions',
  description:
    'List the live Claude Code sessions working in this repository (any worktree), each with its one-line task, branch, the files it edited, and its conflicts with you. Cheap: never generates summaries.',
  inputSchema: { type: 'object', properties: {}, additionalProperties: true },
  annotations: { title: 'List live sessions', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run(caller) {
    const { ctx, store, project } = caller;
    const mine = caller.sessionId ? groupFindings(currentFindings(ctx, store, project, caller.sessionId)) : [];
    const sessions = projectSessions(ctx, project).map((s) => {
      const v = peerView(ctx, store, s.sessionId);
      const meta = store.readMeta(s.sessionId);
      const edits = store.allEdits(s.sessionId); // read once: its files, and its subagents' files
      return {
        sessionId: s.sessionId,
        label: v.label,
        you: s.sessionId === caller.sessionId,
        task: v.task ?? null,
        // The rest is a peer's own meta.json, registry entry and edit records: plain, short lines.
        branch: v.branch ?? null,
        worktree: peerLine(meta?.worktree ?? s.cwd, 300),
        status: peerLine(s.status, 20) || null,
        startedAt: s.startedAt ? isoTime(s.startedAt) : null,
        changedFiles: peerLines(filesOf(edits), MAX_FILES, 200),
        // Its subagents (and in-process teammates) that edited, each with what it edited.
        agents: subagentsOf(edits).map((a) => ({ ...a, files: peerLines(a.files, MAX_FILES, 200) })),
        machine: null as string | null,
        conflictsWithYou: mine
          .filter((f) => f.peer.sessionId === s.sessionId && f.level !== 'notice')
          .map((f) => ({ level: f.level, file: peerLine(f.file, 300), symbols: peerLines(f.symbols, 20, 120) })),
      };
    });
    // Team mode: other machines' sessions, as their relays published them (open edits only).
    for (const p of remotePeers(ctx, store.projectKey)) {
      const v = remotePeerView(p);
      sessions.push({
        sessionId: p.id,
        label: v.label,
        you: false,
        task: v.task ?? null,
        branch: v.branch ?? null,
        worktree: '',
        status: null,
        startedAt: p.meta?.startedAt ? new Date(p.meta.startedAt).toISOString() : null,
        machine: p.machine.label,
        changedFiles: peerLines(p.store.touchedFiles(p.id), MAX_FILES, 200),
        agents: [] as ReturnType<typeof subagentsOf>,
        conflictsWithYou: mine.filter((f) => f.peer.sessionId === p.id && f.level !== 'notice').map((f) => ({ level: f.level, file: f.file, symbols: f.symbols })),
      });
    }
    const lines = sessions.flatMap((s) => [
      `${s.you ? '* ' : '- '}${s.label}${s.you ? ' (you)' : ''}: ${s.task ?? 'task unknown'}${s.changedFiles.length ? ` | edited: ${s.changedFiles.slice(0, 6).join(', ')}${s.changedFiles.length > 6 ? ', …' : ''}` : ''}`,
      ...s.agents.map((a) => `    ${a.label} edited: ${a.files.slice(0, 6).join(', ')}${a.files.length > 6 ? ', …' : ''}`),
    ]);
    const conflictLines = mine.filter((f) => f.level !== 'notice').map((f) => `  ! ${renderFinding(f)}`);
    const text = [`${sessions.length} live session(s) in ${project.name}:`, ...lines, ...conflictLines].join('\n');
    return { text, data: { project: project.name, sessions } };
  },
};
