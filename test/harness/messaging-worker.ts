// A process that sends or delivers messages through the same code the hooks and MCP server use.
//   send <repo> <fromId> <toId> <count>       sends count messages
//   deliver <repo> <sessionId> <rounds>       takes unread messages round after round; prints each delivered id
import { findProject } from '../../src/sessions/project.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { syncContext } from '../../src/sync/context.js';
import { sendMessage, takeUnread } from '../../src/sync/messages.js';

const [cmd, repo, a, b, n] = process.argv.slice(2);
const project = findProject(repo!);
const store = new ProjectStore(syncContext(process.env).root, project.key);

if (cmd === 'send') {
  for (let i = 0; i < Number(n); i++) sendMessage(syncContext(process.env), store, project, a!, `message ${i} from ${a}`, b);
} else if (cmd === 'deliver') {
  const rounds = Number(b);
  for (let r = 0; r < rounds; r++) {
    // Unlimited batch size here: the point is the claim, not the rendering cap.
    let got = takeUnread(syncContext(process.env), store, a!);
    while (got.delivered.length > 0) {
      for (const id of got.delivered) process.stdout.write(id + '\n');
      got = takeUnread(syncContext(process.env), store, a!);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
