// The shared frame of every hook bundle: read stdin, validate, call one function, print one JSON
// object, exit 0. A hook never breaks the user's session: its own failures are logged and swallowed.
import { readFileSync, writeSync } from 'node:fs';
import { validateHookInput } from '../generated/validators.js';
import { syncContext, type SyncContext } from '../sync/context.js';
import { logLine } from '../store/log.js';
import { storePaths } from '../store/paths.js';
import { storeDownNotice } from './store-down.js';
import { pluginDisabled, type HookAnswer, type HookInput } from '../sync/hook-protocol.js';

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

export function toOutput(event: string, a: HookAnswer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const specific: Record<string, unknown> = { hookEventName: event };
  if (a.decision) {
    specific.permissionDecision = a.decision.kind;
    specific.permissionDecisionReason = a.decision.reason;
  }
  if (a.additionalContext) specific.additionalContext = a.additionalContext;
  if (Object.keys(specific).length > 1) out.hookSpecificOutput = specific;
  if (a.systemMessage) out.systemMessage = a.systemMessage;
  return out;
}

/** One hook's decision. The hook's environment is `ctx.env` (answerHook builds the context from it). */
export type HookHandler = (ctx: SyncContext, input: HookInput) => HookAnswer | Promise<HookAnswer>;

/**
 * One hook call, from its raw stdin to the JSON object Claude Code reads. Never throws: a failure
 * is logged and answered with `{}` (or a notice that the store is down). Shared by the hook bundles
 * and the MCP server (which runs the handlers for the hooks module), so both answer a payload alike.
 */
export async function answerHook(name: string, raw: string, env: NodeJS.ProcessEnv, handle: HookHandler): Promise<Record<string, unknown>> {
  let out: Record<string, unknown> = {};
  let ctx: SyncContext | undefined;
  let payload: HookInput | undefined;
  try {
    if (!pluginDisabled(env)) {
      ctx = syncContext(env);
      let input: unknown;
      try {
        input = JSON.parse(raw);
      } catch {
        ctx.log(name, `skipped: stdin is not JSON (${raw.length} bytes)`);
        input = undefined;
      }
      if (input !== undefined) {
        if (!validateHookInput(input)) {
          const e = validateHookInput.errors?.[0];
          ctx.log(name, `skipped: invalid payload at ${e?.instancePath || '/'}: ${e?.message ?? ''}`);
        } else {
          payload = input as HookInput;
          out = toOutput(payload.hook_event_name, await handle(ctx, payload));
        }
      }
    }
  } catch (e) {
    out = {};
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    if (ctx) {
      ctx.log(name, `failed open: ${msg}`);
      try {
        const notice = storeDownNotice(ctx, e, payload?.hook_event_name ?? '', payload?.session_id);
        if (notice) out = { systemMessage: notice };
      } catch {
        /* the notice is a courtesy: never the thing that breaks a hook */
      }
    } else {
      try {
        logLine(storePaths(env).root, name, `failed open: ${msg}`);
      } catch {
        /* no store at all: nothing to log to */
      }
    }
  }
  return out;
}

/** The entry point of a hook bundle: stdin in, one JSON object out, exit 0 whatever happened. */
export async function runHook(name: string, handle: HookHandler): Promise<void> {
  const out = pluginDisabled(process.env) ? {} : await answerHook(name, readStdin(), process.env, handle);
  // fs.writeSync, not process.stdout: initialising the stdout stream costs every hook start-up.
  try {
    writeSync(1, JSON.stringify(out));
  } catch {
    /* stdout closed: nothing to tell */
  }
  process.exitCode = 0;
}
