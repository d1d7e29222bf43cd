import type { Project } from '../../sessions/project.js';
import type { ProjectStore } from '../../store/session-store.js';
import type { SyncContext } from '../../sync/context.js';

/** Who is calling: the session this server serves, resolved at call time (it changes on /clear). */
export interface Caller {
  ctx: SyncContext;
  sessionId: string | undefined;
  project: Project;
  store: ProjectStore;
}

export interface ToolResult {
  text: string;
  data: Record<string, unknown>;
}

export interface ToolDef {
  name: string;
  description: string;
  inputSchema: Record<string, unknown> & { type: 'object' };
  annotations: { title: string; readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean };
  /** `server`: this server's own environment and Claude Code pid (the hooks module's tools need them). */
  run(caller: Caller, args: Record<string, unknown>, server?: ServerSide): ToolResult | Promise<ToolResult>;
}

/** The server process's own side: its environment and the Claude Code process it belongs to. */
export interface ServerSide {
  env: NodeJS.ProcessEnv;
  parentPid?: number;
}

/** A failure the model can act on: becomes an isError result with this text. */
export class ToolError extends Error {}

export function requireSession(caller: Caller): string {
  if (!caller.sessionId) {
    throw new ToolError('context-sync cannot tell which Claude Code session this server belongs to (no live session registry entry for its parent process).');
  }
  return caller.sessionId;
}
