// The server's tools for its session's hooks module (src/mod/main.ts), never offered to the model
// (the module's `tool.offer` hook hides every `mod_` tool). The module reaches them with `$.mcp.call`:
// the classic hook handlers answer here, in the long-lived process, with no Node start-up.
import { loadsModules } from '../../core/client-version.js';
import { isSessionId } from '../../core/ids.js';
import { answerHook } from '../../hooks-core/run.js';
import { moduleHandlers as handlers } from '../../hooks-core/handlers/index.js';
import { findProject } from '../../sessions/project.js';
import { syncContext } from '../../sync/context.js';
import { takeUnread } from '../../sync/messages.js';
import { modView, panelView, wantsWake } from '../../sync/mod-watch.js';
import { projectStore } from '../../sync/session.js';
import { ToolError, type ToolDef, type ServerSide } from './types.js';

/** What this server answered for the module, logged when it stops. */
export const modStats = { answered: 0, later: 0 };

/** Claude Code hands `$.mcp.call` the structured result as the text when there is one: both are the answer. */
const answerWith = (data: object) => ({ text: JSON.stringify(data), data: data as Record<string, unknown> });

const hidden = { title: 'context-sync hooks module (internal)', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
const INTERNAL = 'Internal to the context-sync hooks module; not for the model.';

/** The hooks' environment as the module's process would give them: the plugin's, this server's Claude Code pid. */
function hookEnv(server: ServerSide, later = false): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...server.env, CLAUDE_PLUGIN_ROOT: server.env.CLAUDE_PLUGIN_ROOT || 'plugin' };
  if (server.parentPid) env.CLAUDE_PID = String(server.parentPid);
  if (later) env.CONTEXT_SYNC_LATER = '1';
  return env;
}

function sessionOf(args: Record<string, unknown>): { sessionId: string; cwd: string } {
  const sessionId = args.session_id;
  const cwd = args.cwd;
  if (typeof sessionId !== 'string' || !isSessionId(sessionId) || typeof cwd !== 'string' || !cwd.startsWith('/')) throw new ToolError('invalid session');
  return { sessionId, cwd };
}

/** The session a call names, with its context, project and store, as the hooks would see them. */
function scopeOf(server: ServerSide, args: Record<string, unknown>) {
  const { sessionId, cwd } = sessionOf(args);
  const ctx = syncContext(hookEnv(server));
  const project = findProject(cwd);
  return { sessionId, ctx, project, store: projectStore(ctx, project) };
}

type Scope = ReturnType<typeof scopeOf>;

/** The three tools that name a session: the same arguments, and an answer from the session's scope. */
function sessionTool(name: string, answer: (s: Scope, server: ServerSide) => object): ToolDef {
  return {
    name,
    description: INTERNAL,
    inputSchema: { type: 'object', properties: { session_id: { type: 'string' }, cwd: { type: 'string' } }, required: ['session_id', 'cwd'], additionalProperties: false },
    annotations: hidden,
    run: (_caller, args, server) => answerWith(answer(scopeOf(server!, args), server!)),
  };
}

export const modHook: ToolDef = {
  name: 'mod_hook',
  description: INTERNAL,
  inputSchema: {
    type: 'object',
    properties: { hook: { enum: Object.keys(handlers) }, payload: { type: 'object' }, later: { type: 'boolean' } },
    required: ['hook', 'payload'],
    additionalProperties: false,
  },
  annotations: hidden,
  async run(_caller, args, server) {
    const hook = String(args.hook);
    const payload = args.payload as Record<string, unknown>;
    // Later: the module did not wait; what it would have told is left for the next delivery.
    const env = hookEnv(server!, args.later === true);
    const out = await answerHook(hook, JSON.stringify(payload), env, handlers[hook]!);
    if (args.later === true) modStats.later++;
    else modStats.answered++;
    let view;
    try {
      // The watch list only: the model may be waiting for this answer, and the poll brings the rest.
      const s = scopeOf(server!, payload);
      view = modView(s.ctx, s.store, s.project, s.sessionId, server!.parentPid, { person: false });
    } catch {
      view = undefined; // the answer stands; the module keeps its last view
    }
    return answerWith({ out, view });
  },
};

export const modPoll = sessionTool('mod_poll', (s, server) => modView(s.ctx, s.store, s.project, s.sessionId, server.parentPid));

/**
 * An idle session's unread messages, claimed here for the turn the module starts with them: that
 * turn is their one delivery (its prompt hook finds them claimed).
 */
export const modWake = sessionTool('mod_wake', ({ ctx, store, project, sessionId }) => {
  if (!wantsWake(ctx, store, project, sessionId)) return {};
  const mail = takeUnread(ctx, store, sessionId);
  if (!mail.text) return {};
  return { text: `context-sync: while this session was idle, other sessions sent it messages. Read them and act on them if they concern your work.\n\n${mail.text}` };
});

/** What the module's pane shows (read only: nothing is marked read or told). */
export const modPanel = sessionTool('mod_panel', (s) => panelView(s.ctx, s.store, s.project, s.sessionId));

export const modTools: ToolDef[] = [modHook, modPoll, modWake, modPanel];

/**
 * Whether the connected client can run this plugin's hooks module, so that the module's tools may be
 * listed: only the module's `tool.offer` hook keeps them from the model, and on a client older than
 * mods, or with CONTEXT_SYNC_MOD=0 (the module inert), nothing would. Unlisted, they still answer.
 */
export function clientRunsModule(client: { name?: string; version?: string } | undefined, env: NodeJS.ProcessEnv): boolean {
  return env.CONTEXT_SYNC_MOD !== '0' && client?.name === 'claude-code' && loadsModules(client.version ?? '');
}
