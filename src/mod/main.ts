// The hooks module: context-sync inside Claude Code's own process (Claude Code >= 2.1.287 loads it
// from hooks/hooks.json `modules`). It is the hot path's front door and stays thin: the work that
// reads and writes the store runs in the session's MCP server, the one long-lived Node process per
// Claude Code process, with the same handlers as the classic hook bundles (src/hooks-core/).
//
// Every `$` call is a round trip to Claude Code (10-25 ms per pair, measured), so the common edit
// makes none in the model's path: the server sends a watch list of the files where other sides
// have open work (src/sync/mod-watch.ts), refreshed by a timer and by every answer; an edit that
// cannot meet any of it is only recorded, without the model waiting (the record is resent until
// the server confirms it). Only an edit that may meet open work waits for the server's verdict.
//
// One event, one handler: while this module is active its process has a marker in the store
// (mod/<claude pid>), and the classic hooks in hooks.json leave at a shell test of it. When the
// server cannot be reached, the module runs the hook bundles itself, so nothing is ever lost.
// CONTEXT_SYNC_MOD=0 keeps the module inert (classic hooks then do everything).
// Length (over 450 lines): the module's state, its bridge to the server and its hooks share one
// process-wide state (the watch list, the outbox, the beat) that the engine gives no other home;
// the pure parts are in judge.ts, person.ts and panel.ts.
import type { ModView, Watch } from '../core/watch.js';
import type { Engine, On, ToolCallInput, ToolCallResult } from './engine.js';
import { askAfter, askBefore, MAX_SYMBOL_BYTES, normalizePath, textAfter, unitsOfMadeEdit, unitsOfPlannedEdit } from './judge.js';
import { newToasts, statusLine } from './person.js';
import { PANEL_ID, panelTree, type H } from './panel.js';
import type { PanelView } from '../core/watch.js';
import { EDIT_TOOLS } from '../core/records.js';

/** The element factory Claude Code gives a hooks module as a global (what JSX compiles to). */
declare const h: H;

/**
 * The timer's beat. Work that needs the server (polls, records sent without the model waiting) is
 * done in a lull between tool calls: a `$` call or the server's work overlapping a tool call slows
 * the model's next request (measured: +20-30 ms per Edit), even from a timer. A lull is QUIET_MS
 * without a tool call; a record waits at most MAX_HOLD_MS, the view at most MAX_STALE_MS.
 * Each beat costs Claude Code's process CPU even when it does nothing (a dispatch into the module's
 * worker, ~2 ms), and a poll much more (a `$.mcp.call`, ~20 ms: measured with bench/session-idle.ts
 * and one-call variants of it). So a settled module (nothing to send, show or wake for) polls only
 * when the project's bell moved (one `$.fs.stat`, ~2 ms) or SETTLED_POLL_MS went by (what rings no
 * bell: a peer killed without its SessionEnd, a config edit); and the beat slows to ALONE_BEAT_MS
 * while the session is alone in the repository: a session that starts rings, and is seen within
 * that time.
 */
const BEAT_MS = 1000;
const ALONE_BEAT_MS = 5000;
const QUIET_MS = 250;
const MAX_HOLD_MS = 1000;
const MAX_STALE_MS = 3000;
const SETTLED_POLL_MS = 30_000;
/** While subagents of this session work (a tool call of theirs this recently), every edit is judged by the server at once. */
const AGENTS_ACTIVE_MS = 60_000;
/** A record the server has not confirmed after this long is sent again (by the server, or the bundle). */
const RESEND_AFTER_MS = 5000;
/** Copies of files this session last wrote, to judge the next edit before it runs. */
const MAX_TEXTS = 32;
/** The hook bundles' own budget is Claude Code's 10 s hook timeout; the module's is the same. */
const BUNDLE_TIMEOUT_MS = 9000;

/** A classic hook's JSON answer, as the bundles print it and the server's `mod_hook` returns it. */
interface ClassicOut {
  hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string; additionalContext?: string };
  /** For the person: not shown by the module, whose poll toasts each conflict and message once, by key. */
  systemMessage?: string;
  /** Set by the module when nothing answered (the call failed open). */
  failed?: true;
}

interface Pending {
  payload: Record<string, unknown>;
  sentAt: number;
  tries: number;
  /** The send in flight: settled once the server (or the bundle) recorded it, or both failed. */
  sending: Promise<unknown>;
}

/** Everything the module keeps: who it is, the server's last view, the records not yet confirmed. */
class ModState {
  active = false;
  serverUp = false;
  server = '';
  root = '';
  pluginRoot = '';
  claudePid = '';
  hookEnv: Record<string, string> = {};
  sessionId: string | undefined;
  cwd = '';
  transcriptPath = '';
  watch: Watch = { files: {} };
  /** The project's bell, from the server's view; and its size and time when last looked at. */
  bell: string | undefined;
  bellSeen = '';
  pending = false;
  wake = false;
  busy = false;
  waking = false;
  status: string | undefined;
  readonly seen = new Set<string>();
  readonly texts = new Map<string, string>();
  readonly unconfirmed = new Map<string, Pending>();
  /** CONTEXT_SYNC_MOD_DEBUG=1: what the module decides, as `ui_log` lines (troubleshooting, tests). */
  debug = false;
}

const state = new ModState();
/** Records judged to meet nobody, waiting for the flush timer to send them. */
const outbox: Array<{ id: string; payload: Record<string, unknown>; at: number }> = [];
/** When the last tool call started or ended; when a subagent's last did. */
let lastToolAt = 0;
let lastAgentCallAt = -Infinity;
/** The type of each subagent this session started (a module's tool.call names the agent, not its type). */
const agentTypes = new Map<string, string>();
const agentFields = (agentId: string | undefined) =>
  agentId ? { agent_id: agentId, ...(agentTypes.has(agentId) ? { agent_type: agentTypes.get(agentId)! } : {}) } : {};
let lastPollAt = 0;

function debug($: Engine, text: string): void {
  if (state.debug) $.ui.log(`context-sync module: ${text}`);
}

async function sessionIdOf($: Engine): Promise<string> {
  state.sessionId ??= await $.session.id();
  return state.sessionId;
}

/** The classic hooks' stdin for this session. */
async function basePayload($: Engine, event: string): Promise<Record<string, unknown>> {
  return { session_id: await sessionIdOf($), transcript_path: state.transcriptPath, cwd: state.cwd, hook_event_name: event };
}

function applyView(v: ModView | undefined): void {
  if (!v || typeof v !== 'object' || !v.watch || typeof v.watch.files !== 'object') return;
  state.watch = v.watch;
  state.pending = v.pending === true;
  // A hook's answer carries the watch list only: what the person sees comes with the polls.
  if (v.person === undefined) return;
  state.wake = v.wake === true;
  if (typeof v.bell === 'string') state.bell = v.bell;
  lastPerson = v.person;
}
let lastPerson: ModView['person'] | undefined;
/** The pane's data, while the person has it open (refreshed with every poll). */
let panel: PanelView | undefined;
let panelOpen = false;
let lastPolled = '';

function parseText(r: { content?: Array<{ text?: string }>; isError?: boolean; structuredContent?: unknown }): unknown {
  if (r.isError) throw new Error(r.content?.[0]?.text ?? 'the server answered an error');
  if (r.structuredContent && typeof r.structuredContent === 'object') return r.structuredContent;
  return JSON.parse(r.content?.[0]?.text ?? '');
}

/** A hook bundle run by the module itself: the server is not there (not started yet, or dead). */
async function runBundle($: Engine, hook: string, payload: Record<string, unknown>, extraEnv: Record<string, string> = {}): Promise<ClassicOut> {
  const r = await $.process.run(['node', `${state.pluginRoot}/dist/hooks/${hook}.mjs`], {
    stdin: JSON.stringify(payload),
    env: { ...state.hookEnv, ...extraEnv },
    timeoutMs: BUNDLE_TIMEOUT_MS,
  });
  return JSON.parse(r.stdout || '{}') as ClassicOut;
}

/**
 * One hook, answered by the session's MCP server, or by its bundle when the server is unreachable.
 * The server is always tried first (a refused call costs a round trip, a bundle a Node start): the
 * first edits of a session may come before any poll has seen the server up.
 */
async function answer($: Engine, hook: string, payload: Record<string, unknown>): Promise<ClassicOut> {
  try {
    const r = parseText(await $.mcp.call(state.server, 'mod_hook', { hook, payload })) as { out?: ClassicOut; view?: ModView };
    state.serverUp = true;
    applyView(r.view);
    return r.out ?? {};
  } catch {
    state.serverUp = false; // until a call or a poll finds it again
  }
  try {
    return await runBundle($, hook, payload);
  } catch (err) {
    // Neither the server nor the bundle answered: fail open, as a classic hook does.
    debug($, `${hook}: no answer from the server or the bundle (${String(err)})`);
    return { failed: true };
  }
}

/** Record an edit without the model waiting; resent until confirmed (the server ignores a second copy). */
function recordLater($: Engine, id: string, payload: Record<string, unknown>): void {
  const prev = state.unconfirmed.get(id);
  const viaServer = $.mcp.call(state.server, 'mod_hook', { hook: 'post-tool-use', payload, later: true }).then((r) => applyView((parseText(r) as { view?: ModView }).view));
  const sending = viaServer
    .catch(() => runBundle($, 'post-tool-use', payload, { CONTEXT_SYNC_LATER: '1' }))
    .then(
      () => state.unconfirmed.delete(id),
      () => {
        /* kept: the timer sends it again */
      },
    );
  state.unconfirmed.set(id, { payload, sentAt: Date.now(), tries: (prev?.tries ?? 0) + 1, sending });
}

/** Send what waits in the outbox; resolves once those sends settled. */
function flush($: Engine): Promise<unknown> {
  for (const r of outbox.splice(0)) recordLater($, r.id, r.payload);
  return Promise.allSettled([...state.unconfirmed.values()].map((p) => p.sending));
}

function remember(file: string, text: string | undefined): void {
  state.texts.delete(file);
  if (text === undefined || text.length > MAX_SYMBOL_BYTES) return;
  state.texts.set(file, text);
  if (state.texts.size > MAX_TEXTS) state.texts.delete(state.texts.keys().next().value!);
}

const contextOf = (out: ClassicOut | undefined) => out?.hookSpecificOutput?.additionalContext;


function withContext(r: ToolCallResult, texts: Array<string | undefined>): ToolCallResult {
  const add = texts.filter((t): t is string => !!t);
  if (add.length === 0 || r.deny !== undefined) return r;
  return { ...r, context: [...(r.context ?? []), ...add] };
}

/** After any tool call: what the session is owed (a peer's conflict, a message), if the server said so. */
async function deliverOwed($: Engine, e: ToolCallInput): Promise<ClassicOut | undefined> {
  if (!state.pending && state.serverUp) return undefined;
  if (!state.serverUp) {
    // No server to say so: look at the wake-up marker as the classic hook does.
    if (!(await $.fs.exists(`${state.root}/pending/${state.claudePid}`))) return undefined;
  }
  state.pending = false;
  // The classic payload of PostToolUse; the tool's own input is not needed to deliver, and not sent.
  const payload = { ...(await basePayload($, 'PostToolUse')), tool_name: e.tool, tool_input: {}, tool_use_id: e.tool_use_id, ...agentFields(e.agentId) };
  const out = await answer($, 'deliver', payload);
  debug($, `after ${e.tool}: delivered ${contextOf(out)?.length ?? 0} characters owed to this session`);
  return out;
}

async function editCall($: Engine, e: ToolCallInput, next: (e: ToolCallInput) => Promise<ToolCallResult>): Promise<ToolCallResult> {
  const { tool, tool_use_id: id, agentId, ...input } = e;
  const raw = input.file_path ?? input.notebook_path;
  if (typeof raw !== 'string' || !raw) return next(e);
  const file = normalizePath(raw, state.cwd);
  const common = async (event: string) => ({
    ...(await basePayload($, event)),
    tool_name: tool,
    tool_input: input,
    tool_use_id: id,
    ...agentFields(agentId),
  });

  // Before: only an edit that may meet open work (or any edit of a `block` file) asks the server.
  let before: ClassicOut | undefined;
  // Parallel subagents of this session edit within moments of each other: their records cannot
  // wait for a lull, and the watch list cannot keep up with them.
  const agents = agentId !== undefined || Date.now() - lastAgentCallAt < AGENTS_ACTIVE_MS;
  const judged = !state.serverUp || agents || askBefore(state.watch.files[file], () => unitsOfPlannedEdit(file, tool, input, state.texts.get(file)));
  debug($, `${tool} ${file}: ${judged ? 'asking the server before' : 'nothing to judge before'}`);
  if (judged) {
    before = await answer($, 'pre-tool-use', await common('PreToolUse'));
    const d = before.hookSpecificOutput;
    if (d?.permissionDecision === 'deny' || d?.permissionDecision === 'ask') return { deny: d.permissionDecisionReason ?? 'blocked by context-sync' };
  }

  const r = await next(e);
  if (r.deny !== undefined || r.isError) {
    remember(file, undefined);
    return withContext(r, [contextOf(before)]);
  }
  const after = textAfter(tool, input, r.result);
  remember(file, after);

  // After: record the edit; wait for the server only when something may be new to tell.
  const payload = { ...(await common('PostToolUse')), tool_response: r.result };
  let made: ClassicOut | undefined;
  const ask = !state.serverUp || agents || askAfter(state.watch.files[file], () => unitsOfMadeEdit(file, tool, input, r.result, after));
  debug($, `${tool} ${file}: ${ask ? 'recorded, waiting for the verdict' : 'recorded later'} (server ${state.serverUp ? 'up' : 'down'}, watching ${Object.keys(state.watch.files).length} files)`);
  if (ask) {
    made = await answer($, 'post-tool-use', payload);
    // Nothing recorded it: the flush timer tries again (the server ignores a second copy).
    if (made.failed) outbox.push({ id, payload, at: Date.now() });
  } else {
    // Sent by the flush timer, not from this dispatch: any `$` call made here (even one not
    // awaited, even starting a timer) holds the model's next request until it settles.
    outbox.push({ id, payload, at: Date.now() });
  }
  const owed = await deliverOwed($, e);
  return withContext(r, [contextOf(before), contextOf(made), contextOf(owed)]);
}

/** Ask the server for the view; mark it down when it does not answer. */
async function poll($: Engine): Promise<void> {
  const sessionId = await sessionIdOf($);
  try {
    const view = parseText(await $.mcp.call(state.server, 'mod_poll', { session_id: sessionId, cwd: state.cwd })) as ModView;
    if (state.debug) {
      const seen = JSON.stringify(view);
      if (seen !== lastPolled) debug($, `view: ${seen.slice(0, 600)}`);
      lastPolled = seen;
    }
    applyView(view);
    state.serverUp = true;
  } catch (err) {
    if (state.serverUp) debug($, `the server did not answer: ${String(err)}`);
    state.serverUp = false;
  }
}

/** Nothing to send, resend, draw or wake for: a new view matters only once the project changed. */
const settled = () =>
  lastPerson !== undefined && state.bell !== undefined && !panelOpen && !state.wake && outbox.length === 0 && state.unconfirmed.size === 0;

/** Whether the session is alone and settled: the beat can slow down. */
const quietAlone = () => settled() && lastPerson!.others === 0;

/**
 * Whether the project's bell moved since the last look (its size counts the changes). A bell that
 * cannot be read reads as one value ("none"), so that only its coming or going counts as a move.
 */
async function bellMoved($: Engine): Promise<boolean> {
  let seen = 'none';
  try {
    const st = await $.fs.stat(state.bell!);
    if (st.kind === 'file') seen = `${st.size}:${st.mtimeMs}`;
  } catch {
    /* none yet: nobody rang since the store was made */
  }
  if (seen === state.bellSeen) return false;
  state.bellSeen = seen;
  return true;
}

/** Every beat: in a lull (or when a record or the view has waited too long), talk to the server. */
async function beat($: Engine): Promise<void> {
  const now = Date.now();
  // A tool that has run for a while (a build, a sleep) is a lull too: no request is being built.
  const quiet = now - lastToolAt >= QUIET_MS;
  if (outbox.length && (quiet || now - outbox[0]!.at >= MAX_HOLD_MS)) void flush($);
  if (!quiet && now - lastPollAt < MAX_STALE_MS) return;
  // The bell is read before the poll: a write that rings after this look is seen at the next beat.
  if (settled() && now - lastPollAt < SETTLED_POLL_MS && !(await bellMoved($))) return;
  lastPollAt = now;
  await tick($);
}

/** The beat, as a chain of one-shot timers whose delay follows what the session is doing. */
function beatLoop($: Engine): void {
  $.clock.after(quietAlone() ? ALONE_BEAT_MS : BEAT_MS, () => {
    void beat($)
      .catch(() => {})
      .finally(() => beatLoop($));
  });
}

/** The pane's data, from the server; the pane redraws with it. */
async function refreshPanel($: Engine): Promise<void> {
  try {
    panel = parseText(await $.mcp.call(state.server, 'mod_panel', { session_id: await sessionIdOf($), cwd: state.cwd })) as PanelView;
    $.ui.invalidate('ui.render');
  } catch {
    /* the pane keeps what it showed; the next poll tries again */
  }
}

/** What the poll does: refresh the view, resend what was not confirmed, draw, wake an idle session. */
async function tick($: Engine): Promise<void> {
  await poll($);
  if (panelOpen) await refreshPanel($);
  const now = Date.now();
  for (const [id, p] of state.unconfirmed) {
    if (now - p.sentAt < RESEND_AFTER_MS) continue;
    if (p.tries >= 5) state.unconfirmed.delete(id); // the bundle has run it too: give up, logged by them
    else recordLater($, id, p.payload);
  }
  const person = lastPerson;
  if (person) {
    const line = statusLine(person);
    if (line !== state.status) {
      $.ui.status(line);
      state.status = line;
    }
    if (person.others > 0 || (person.arrived ?? person.unread).length > 0) for (const t of newToasts(person, state.seen)) $.ui.toast(t);
  }
  if (state.serverUp && state.wake && !state.busy && !state.waking) {
    state.waking = true;
    try {
      const r = parseText(await $.mcp.call(state.server, 'mod_wake', { session_id: await sessionIdOf($), cwd: state.cwd })) as { text?: string };
      // The messages are claimed by now: this turn is their one delivery.
      if (r.text) await $.prompt.submit({ text: r.text });
    } catch {
      /* the next tick tries again; the messages stay unread until claimed */
    } finally {
      state.waking = false;
    }
  }
}

function storeRoot(env: { home?: string; config?: string; override?: string }): string {
  if (env.override) return env.override;
  const claudeDir = env.config || `${env.home}/.claude`;
  return `${claudeDir}/context-sync`;
}

export function register(on: On): void {
  on('session.start', async ($, e, next) => {
    const r = await next(e);
    try {
      if ((await $.env.get('CONTEXT_SYNC_MOD')) === '0' || (await $.env.get('CONTEXT_SYNC_DISABLE')) === '1') return r;
      state.hookEnv = await $.process.hookEnv();
      state.claudePid = state.hookEnv.CLAUDE_PID ?? '';
      state.pluginRoot = state.hookEnv.CLAUDE_PLUGIN_ROOT || $.plugin.root;
      state.root = storeRoot({ override: await $.env.get('CONTEXT_SYNC_HOME'), config: await $.env.get('CLAUDE_CONFIG_DIR'), home: await $.env.get('HOME') });
      state.cwd = e.cwd;
      state.transcriptPath = (await $.session.info()).transcriptPath;
      state.server = `plugin:${$.plugin.name}:sync`;
      state.debug = (await $.env.get('CONTEXT_SYNC_MOD_DEBUG')) === '1';
      if (!/^[1-9][0-9]*$/.test(state.claudePid)) return r;
      // From here on the classic hooks of this process stand down: this module answers for them.
      // The process's start time lets SessionStart and gc tell this marker from one of an earlier
      // process that had the same pid (src/sync/module-marker.ts). Linux only; elsewhere none.
      const stat = await $.fs.read(`/proc/${state.claudePid}/stat`).catch(() => '');
      const procStart = stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] : undefined;
      await $.fs.write(`${state.root}/mod/${state.claudePid}`, JSON.stringify({ v: 1, sessionId: await sessionIdOf($), startedAt: Date.now(), procStart }));
      state.active = true;
      beatLoop($);
    } catch {
      /* not active: the classic hooks do everything */
    }
    return r;
  });

  // The server's tools for this module are never offered to the model. Matched by the engine, so
  // the hook is not dispatched for every other tool of every request.
  on('tool.offer', { tool: /^mcp__plugin_.*_sync__mod_(hook|poll|wake|panel)$/ }, async () => ({ isOffered: false }));

  // /context-sync:sync-panel: the pane, where the client draws one (the command's own prompt, which
  // prints `context-sync status`, is the classic path's answer).
  on('command.run', { command: ['context-sync:sync-panel', 'sync-panel'] }, async ($, e, next) => {
    if (!state.active) return next(e);
    panelOpen = true;
    await $.ui.open({ id: PANEL_ID, title: 'context-sync', focus: true });
    void refreshPanel($);
    return { text: 'context-sync: the panel is open (sessions, conflicts, inbox).', isTextDisplayOnly: true };
  });

  on('ui.render', { component: 'Pane', requestId: 'context-sync' }, async ($, e) =>
    panelTree(h, $.ui.resolve(e), panel, {
      resolve: (file) =>
        void $.mcp.call(state.server, 'resolve_conflicts', { files: [file] }).then(
          () => refreshPanel($),
          () => {},
        ),
      reply: (to, id, text) =>
        void $.mcp.call(state.server, 'send_message', { targetSessionId: to, message: text, inReplyTo: id }).then(
          () => refreshPanel($),
          () => {},
        ),
    }),
  );

  on('tool.call', async ($, e, next) => {
    if (!state.active) return next(e);
    lastToolAt = Date.now();
    if (e.agentId) lastAgentCallAt = lastToolAt;
    try {
      if (EDIT_TOOLS.has(String(e.tool))) return await editCall($, e, next);
      // The model asks our own server (list_sessions, get_all_changes...): its answer includes the
      // edits still waiting to be sent.
      if (outbox.length && String(e.tool).startsWith(`mcp__plugin_${$.plugin.name}_sync__`)) await flush($);
      const r = await next(e);
      const owed = await deliverOwed($, e);
      return withContext(r, [contextOf(owed)]);
    } finally {
      lastToolAt = Date.now();
    }
  });

  on('prompt.submit', async ($, e, next) => {
    if (!state.active) return next(e);
    state.busy = true;
    const out = await answer($, 'user-prompt-submit', { ...(await basePayload($, 'UserPromptSubmit')), prompt: e.origin?.kind === 'plugin' ? '' : e.text });
    const text = contextOf(out);
    return next(text ? { ...e, context: [...(e.context ?? []), text] } : e);
  });

  on('agent.spawn', async ($, e, next) => {
    const r = await next(e);
    if (r.agentId && typeof e.subagentType === 'string') {
      agentTypes.set(r.agentId, e.subagentType.slice(0, 64));
      if (agentTypes.size > 1000) agentTypes.delete(agentTypes.keys().next().value!);
    }
    return r;
  });

  on('turn.start', async ($, e, next) => {
    if (!e.agentId) state.busy = true;
    return next(e);
  });
  on('turn.complete', async ($, e, next) => {
    if (!e.agentId) state.busy = false;
    // The end of a turn is the surest lull: this turn's edits are in the store before it is over,
    // so a peer's next edit meets them (the turn's end waits for one round trip, its edits never did).
    if (state.active) await flush($);
    return next(e);
  });

  on('session.end', async ($, e, next) => {
    // Records still on their way belong to the session that ends: let them land first.
    if (state.active) await flush($);
    if (state.active && e.reason === 'clear') state.sessionId = undefined; // the process goes on as a new session
    return next(e);
  });
}
