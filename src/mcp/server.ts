// The MCP server as a factory: no transport, no stdin, no process state at import. main.ts picks stdio.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import AjvModule, { type ValidateFunction } from 'ajv';
import { findProject } from '../sessions/project.js';
import { sessionOfPid } from '../sessions/registry.js';
import { ProjectStore } from '../store/session-store.js';
import { storeDownCode } from '../store/fsx.js';
import { syncContext, type SyncContext } from '../sync/context.js';
import { startSummaryWatcher } from '../sync/summary.js';
import { tools as modelTools } from './tools/index.js';
import { clientRunsModule, modTools } from './tools/mod.js';
import { ToolError, type Caller } from './tools/types.js';

export interface ServerOptions {
  env?: NodeJS.ProcessEnv;
  /** The Claude Code process this server belongs to: its registry entry names the session now. */
  parentPid?: number;
  cwd?: string;
  version?: string;
  /** Watch the live sessions' transcripts to mark cached summaries stale (issue 6). Default true. */
  watchTranscripts?: boolean;
}

/** Resolve the caller at call time: `/clear` changes the session id under a running server. */
export function resolveCaller(ctx: SyncContext, opts: ServerOptions): Caller {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const live = opts.parentPid ? sessionOfPid(ctx.claudeDir, opts.parentPid) : undefined;
  const sessionId = live?.sessionId ?? (env.CLAUDE_CODE_SESSION_ID || undefined);
  const project = findProject(live?.cwd ?? cwd);
  return { ctx, sessionId, project, store: new ProjectStore(ctx.root, project.key) };
}

export function createServer(opts: ServerOptions = {}) {
  const server = new Server(
    { name: 'context-sync', version: opts.version ?? '0.0.0' },
    {
      capabilities: { tools: {} },
      instructions:
        'context-sync connects the Claude Code sessions working in one repository. Use list_sessions to see who else works here, get_session_context for what a session is doing, send_message to coordinate, resolve_conflicts after handling an edit conflict.',
    },
  );
  // ajv is CommonJS: under NodeNext its default export is the module object.
  // The model's seven tools, and the hooks module's, which its `tool.offer` hook keeps from the model.
  const tools = [...modelTools, ...modTools];
  const Ajv = (AjvModule as unknown as { default: typeof AjvModule.default }).default ?? AjvModule;
  const ajv = new Ajv({ allErrors: false, strict: false });
  const validators = new Map<string, ValidateFunction>(tools.map((t) => [t.name, ajv.compile(t.inputSchema)]));

  server.setRequestHandler(ListToolsRequestSchema, async () => {
    const listed = clientRunsModule(server.getClientVersion(), opts.env ?? process.env) ? tools : modelTools;
    return { tools: listed.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, annotations: t.annotations })) };
  });

  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    const tool = tools.find((t) => t.name === req.params.name);
    if (!tool) return { isError: true, content: [{ type: 'text' as const, text: `unknown tool ${req.params.name}` }] };
    const args = (req.params.arguments ?? {}) as Record<string, unknown>;
    const validate = validators.get(tool.name)!;
    if (!validate(args)) {
      const e = validate.errors?.[0];
      return { isError: true, content: [{ type: 'text' as const, text: `invalid arguments: ${e?.instancePath || '/'} ${e?.message ?? ''}` }] };
    }
    try {
      const ctx = syncContext(opts.env ?? process.env);
      const r = await tool.run(resolveCaller(ctx, opts), args, { env: opts.env ?? process.env, parentPid: opts.parentPid });
      return { content: [{ type: 'text' as const, text: r.text }], structuredContent: r.data };
    } catch (e) {
      // A store that cannot be written is the user's to fix, not a bug: say so in words the model can pass on.
      let code: string | undefined;
      try {
        code = e instanceof ToolError ? undefined : storeDownCode(syncContext(opts.env ?? process.env).root);
      } catch {
        code = undefined; // no store at all (no HOME): the error says so itself
      }
      const text =
        e instanceof ToolError
          ? e.message
          : code
            ? `context-sync cannot write its store (${code}: ${code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full' : 'not writable'}), so sync is off; tell the user to run \`context-sync doctor\`.`
            : `context-sync internal error: ${(e as Error).message}`;
      return { isError: true, content: [{ type: 'text' as const, text }] };
    }
  });

  // Summaries (issue 6): the watcher that marks cached summaries stale; closing it also stops
  // model generations in flight.
  const summaryWatcher =
    opts.watchTranscripts === false ? undefined : startSummaryWatcher(() => resolveCaller(syncContext(opts.env ?? process.env), opts));

  return {
    server,
    cleanup: async () => {
      await summaryWatcher?.close();
      await server.close();
    },
  };
}
