// The pane `/context-sync:sync-panel` opens (terminal): the live sessions of the repository with
// their task, branch, state and the files and symbols they edit; this session's conflicts, each with
// a button that marks it handled; the unread messages, each with a field to reply. Drawn from the
// server's panel view (src/sync/mod-watch.ts), refreshed by the module's timer while it is open.
import type { PanelView } from '../core/watch.js';

/** The elements a surface draws with (`$.ui.resolve(e)`), and the JSX factory the module has. */
export interface Elements {
  Box: unknown;
  Text: unknown;
  Button: unknown;
  Input: unknown;
}
export type H = (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;

export interface PanelActions {
  resolve(file: string): void;
  reply(toSessionId: string, messageId: string, text: string): void;
}

export const PANEL_ID = 'context-sync';

const filesLine = (files: PanelView['sessions'][number]['files']) =>
  files.map((f) => (f.symbols.length ? `${f.file} (${f.symbols.join(', ')})` : f.file)).join('; ') || 'no edits';

/** The pane's tree; `view` undefined while the first answer is on its way. */
export function panelTree(h: H, el: Elements, view: PanelView | undefined, act: PanelActions): unknown {
  const { Box, Text, Button, Input } = el;
  if (!view) return h(Text, { dimColor: true }, 'context-sync: loading...');
  const sessions = view.sessions.map((s) =>
    h(
      Box,
      { key: `s:${s.id}`, flexDirection: 'column' },
      h(Text, { bold: s.you }, `${s.you ? 'you  ' : '     '}${s.label}${s.state ? ` · ${s.state}` : ''}${s.task ? ` · ${s.task}` : ''}`),
      h(Text, { dimColor: true }, `     ${filesLine(s.files)}`),
    ),
  );
  const conflicts = view.conflicts.length
    ? view.conflicts.map((c) =>
        h(
          Box,
          { key: `c:${c.key}`, flexDirection: 'row' },
          h(Text, null, `${c.file}${c.symbols.length ? ` \`${c.symbols.join('`, `')}\`` : ''} with ${c.peer}  `),
          h(Button, { key: `resolve:${c.key}`, label: 'Mark handled', onPress: () => act.resolve(c.file) }),
        ),
      )
    : [h(Text, { dimColor: true }, 'none')];
  const inbox = view.inbox.length
    ? view.inbox.map((m) =>
        h(
          Box,
          { key: `m:${m.id}`, flexDirection: 'column' },
          h(Text, null, `${m.direct ? 'from' : 'to everyone, from'} ${m.from}: ${m.text}`),
          h(Input, { key: `reply:${m.id}`, placeholder: 'reply...', submitLabel: 'send', onSubmit: (text: string) => text.trim() && act.reply(m.fromId, m.id, text) }),
        ),
      )
    : [h(Text, { dimColor: true }, 'no unread messages')];
  return h(
    Box,
    { flexDirection: 'column' },
    h(Text, { bold: true }, `Sessions here (${view.sessions.length})`),
    ...sessions,
    h(Text, { bold: true }, 'Conflicts'),
    ...conflicts,
    h(Text, { bold: true }, 'Inbox'),
    ...inbox,
  );
}
