// The part of Claude Code's hooks-module API (the `$` engine object and the events) this module
// uses, as the pinned client 2.1.330 declares it (`node ../shared/tools/mod-reference.mjs
// .mod-reference` writes the full declarations; they are not committed). Kept to what we call, so
// a release that moves something we do not use does not break the type check.

export interface McpToolResult {
  content?: Array<{ type: string; text?: string }>;
  isError?: boolean;
  structuredContent?: unknown;
}

export interface Timer {
  cancel(): void;
}

export interface Engine {
  plugin: { name: string; root: string };
  env: { get(name: string): Promise<string | undefined> };
  process: {
    hookEnv(): Promise<Record<string, string>>;
    run(argv: string[], init?: { cwd?: string; env?: Record<string, string>; stdin?: string; timeoutMs?: number }): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  };
  fs: {
    read(path: string): Promise<string>;
    write(path: string, text: string): Promise<void>;
    exists(path: string): Promise<boolean>;
    stat(path: string): Promise<{ kind: 'file' | 'dir' | 'other'; size: number; mtimeMs: number }>;
  };
  mcp: { call(server: string, tool: string, args?: Record<string, unknown>): Promise<McpToolResult> };
  session: { id(): Promise<string>; info(): Promise<{ transcriptPath: string }> };
  clock: { after(ms: number, fn: () => void): Timer };
  prompt: { submit(input: { text: string }): Promise<unknown> };
  ui: {
    status(text: string | undefined): void;
    toast(text: string, options?: { timeoutMs?: number }): void;
    log(text: string): void;
    open(pane: { id: string; title?: string; focus?: true }): Promise<unknown>;
    invalidate(event: 'ui.render'): void;
    resolve(e: unknown): { Box: unknown; Text: unknown; Button: unknown; Input: unknown };
  };
}

/** `tool.call`'s input: the tool, the call's id, the tool's own arguments beside them, the agent. */
export type ToolCallInput = { tool: string; tool_use_id: string; agentId?: string } & Record<string, unknown>;

export type ToolCallResult =
  | { deny: string; result?: undefined; context?: undefined; isError?: undefined }
  | { deny?: undefined; result: unknown; context?: readonly string[]; isError?: true; text?: string; ref?: number };

export interface PromptSubmitInput {
  text: string;
  context?: readonly string[];
  origin?: { kind: string; name?: string };
  command?: unknown;
}

export type Next<I, O> = ((e: I) => Promise<O>) & { called?: boolean };
export type Hook<I, O> = ($: Engine, e: I, next: Next<I, O>) => Promise<O> | O;

export interface On {
  (event: 'session.start', hook: Hook<{ cwd: string }, { cwd: string }>): unknown;
  (event: 'session.end', hook: Hook<{ reason: string; sessionId: string }, unknown>): unknown;
  (event: 'tool.call', hook: Hook<ToolCallInput, ToolCallResult>): unknown;
  (event: 'tool.offer', matcher: { tool: RegExp | string | readonly string[] }, hook: Hook<{ tool: string; agentId?: string }, { isOffered: boolean }>): unknown;
  (event: 'prompt.submit', hook: Hook<PromptSubmitInput, unknown>): unknown;
  (event: 'turn.start' | 'turn.complete', hook: Hook<{ agentId?: string }, unknown>): unknown;
  (event: 'command.run', matcher: { command: string | readonly string[] }, hook: Hook<{ command: string; args: string }, { text?: string; isTextDisplayOnly?: true }>): unknown;
  (event: 'ui.render', matcher: { component: string; requestId: string }, hook: ($: Engine, e: unknown, next: Next<unknown, unknown>) => Promise<unknown> | unknown): unknown;
  (event: 'agent.spawn', hook: Hook<{ subagentType: string }, { agentId?: string; deny?: string }>): unknown;
}

