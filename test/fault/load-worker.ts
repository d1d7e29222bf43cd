// One process of the load test: records edits or sends and delivers messages through the same code
// the hooks and the MCP server run (a hook per edit would measure process start-up, not the store).
//   edits <repo> <sessions.json> <from> <to>      records edits number from..to-1; prints nothing
//   send <repo> <sessions.json> <from> <to>       sends messages number from..to-1; prints each id
//   deliver <repo> <id,id,...> <rounds>           takes the sessions' unread messages; prints each delivered id
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProject } from '../../src/sessions/project.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { syncContext } from '../../src/sync/context.js';
import { recordEdit } from '../../src/sync/edits.js';
import { sendMessage, takeUnread } from '../../src/sync/messages.js';

const [cmd, repo, arg, from, to] = process.argv.slice(2) as [string, string, string, string, string];
const project = findProject(repo);
const store = new ProjectStore(syncContext(process.env).root, project.key);
const out: string[] = [];

if (cmd === 'edits' || cmd === 'send') {
  const sessions = JSON.parse(readFileSync(arg, 'utf8')) as Array<{ sessionId: string; pid: number }>;
  for (let n = Number(from); n < Number(to); n++) {
    const s = sessions[n % sessions.length]!;
    // A fresh context per event, as each hook process has: the registry is read anew.
    const ctx = syncContext(process.env);
    if (cmd === 'edits') {
      const file = join(repo, 'src', `f${n % 40}.ts`);
      // The edit's line is its number: a record names the event that wrote it.
      await recordEdit(ctx, {
        sessionId: s.sessionId,
        cwd: repo,
        toolName: 'Edit',
        toolInput: { file_path: file, old_string: 'a', new_string: 'b' },
        toolResponse: { filePath: file, structuredPatch: [{ oldStart: n + 1, oldLines: 1, newStart: n + 1, newLines: 1, lines: ['-a', '+b'] }] },
      });
    } else {
      const target = sessions[(n + 1) % sessions.length]!;
      out.push(sendMessage(ctx, store, project, s.sessionId, `load message ${n}`, target.sessionId).id);
    }
  }
} else if (cmd === 'deliver') {
  for (let r = 0; r < Number(from); r++) {
    for (const id of arg.split(',')) {
      let got = takeUnread(syncContext(process.env), store, id);
      while (got.delivered.length > 0) {
        out.push(...got.delivered);
        got = takeUnread(syncContext(process.env), store, id);
      }
    }
    await new Promise((res) => setTimeout(res, 20));
  }
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
