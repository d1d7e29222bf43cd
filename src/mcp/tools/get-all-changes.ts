import { projectSessions } from '../../sync/messages.js';
import { isoTime, peerLine, peerLines } from '../../core/peer-text.js';
import { peerView } from '../../sync/peers.js';
import { remotePeers, remotePeerView } from '../../sync/remote-peers.js';
import type { ProjectStore } from '../../store/session-store.js';
import type { ToolDef } from './types.js';

const MAX_FILES = 100;
const MAX_SYMBOLS = 20;

export const getAllChanges: ToolDef = {
  name: 'get_all_changes',
  description:
    'The files and symbols each live session of this repository has really edited (recorded from its Write/Edit tool calls, not guessed), newest edit time per file.',
  inputSchema: {
    type: 'object',
    properties: { project: { type: 'string', description: 'Ignored: the project is the repository this session works in. Kept for compatibility.' } },
    additionalProperties: true,
  },
  annotations: { title: 'All recorded changes', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run(caller) {
    const { ctx, store, project } = caller;
    const changesOf = (from: ProjectStore, id: string) => {
      const byFile = new Map<string, { file: string; symbols: Set<string>; fileLevel: boolean; edits: number; lastEdit: number }>();
      for (const e of from.allEdits(id)) {
        const f = byFile.get(e.file) ?? { file: e.file, symbols: new Set<string>(), fileLevel: false, edits: 0, lastEdit: 0 };
        f.edits++;
        f.lastEdit = Math.max(f.lastEdit, e.ts);
        if (e.symbols === null) f.fileLevel = true;
        else for (const sym of e.symbols) f.symbols.add(sym);
        byFile.set(e.file, f);
      }
      // File and symbol names are what the session's records say: one plain line each, lists capped.
      const files = [...byFile.values()]
        .sort((a, b) => a.file.localeCompare(b.file))
        .slice(0, MAX_FILES)
        .map((f) => ({ file: peerLine(f.file, 200), symbols: peerLines([...f.symbols].sort(), MAX_SYMBOLS, 100), fileLevel: f.fileLevel, edits: f.edits, lastEdit: isoTime(f.lastEdit) }));
      return { files, moreFiles: Math.max(0, byFile.size - files.length) };
    };
    const sessions = projectSessions(ctx, project).map((s) => ({
      sessionId: s.sessionId,
      label: peerView(ctx, store, s.sessionId).label,
      you: s.sessionId === caller.sessionId,
      machine: null as string | null,
      ...changesOf(store, s.sessionId),
    }));
    // Team mode: other machines' sessions, with the edits their relays published (open ones only).
    for (const p of remotePeers(ctx, store.projectKey)) {
      sessions.push({ sessionId: p.id, label: remotePeerView(p).label, you: false, machine: peerLine(p.machine.label, 80), ...changesOf(p.store, p.id) });
    }
    const text = sessions
      .map((s) => `${s.label}${s.you ? ' (you)' : ''}:\n${s.files.map((f) => `  ${f.file}${f.symbols.length ? ` [${f.symbols.join(', ')}]` : ''}`).join('\n') || '  (no edits)'}${s.moreFiles ? `\n  ... and ${s.moreFiles} more files` : ''}`)
      .join('\n');
    return { text: text || 'No live sessions.', data: { project: project.name, sessions } };
  },
};
