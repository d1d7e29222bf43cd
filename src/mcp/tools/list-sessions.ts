import { groupFindings } from '../../core/conflicts.js';
import { renderFinding } from '../../core/render.js';
import { currentFindings } from '../../sync/alerts.js';
import { projectSessions } from '../../sync/messages.js';
import { peerView } from '../../sync/peers.js';
import { remotePeers, remotePeerView } from '../../sync/remote-peers.js';
import type { ToolDef } from './types.js';

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
      return {
        sessionId: s.sessionId,
        label: v.label,
        you: s.sessionId === caller.sessionId,
        task: v.task ?? null,
        branch: meta?.branch ?? null,
        worktree: meta?.worktree ?? s.cwd,
        status: s.status ?? null,
        startedAt: s.startedAt ? new Date(s.startedAt).toISOString() : null,
        machine: null as string | null,
        changedFiles: store.touchedFiles(s.sessionId),
        conflictsWithYou: mine
          .filter((f) => f.peer.sessionId === s.sessionId && f.level !== 'notice')
          .map((f) => ({ level: f.level, file: f.file, symbols: f.symbols })),
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
        changedFiles: p.store.touchedFiles(p.id),
        conflictsWithYou: mine.filter((f) => f.peer.sessionId === p.id && f.level !== 'notice').map((f) => ({ level: f.level, file: f.file, symbols: f.symbols })),
      });
    }
    const lines = sessions.map(
      (s) =>
        `${s.you ? '* ' : '- '}${s.label}${s.you ? ' (you)' : ''}: ${s.task ?? 'task unknown'}${s.changedFiles.length ? ` | edited: ${s.changedFiles.slice(0, 6).join(', ')}${s.changedFiles.length > 6 ? ', …' : ''}` : ''}`,
    );
    const conflictLines = mine.filter((f) => f.level !== 'notice').map((f) => `  ! ${renderFinding(f)}`);
    const text = [`${sessions.length} live session(s) in ${project.name}:`, ...lines, ...conflictLines].join('\n');
    return { text, data: { project: project.name, sessions } };
  },
};
