// The `context-sync` command: a look at the sessions without asking the model, and maintenance.
// Thin: parses arguments, calls the same functions as the hooks and the MCP server, prints.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupFindings } from '../core/conflicts.js';
import { renderFinding } from '../core/render.js';
import { forTerminal, isoTime, jsonForTerminal, peerLine } from '../core/peer-text.js';
import { enclosingSessionInfo, projectSessionRows, teamView } from './status.js';
import { age, paint, table } from './format.js';
import { collectGarbage } from './gc.js';
import { findProject } from '../sessions/project.js';
import { enclosingSymbols, languageOf, UnparsableFile } from '../symbols/index.js';
import { ProjectStore } from '../store/session-store.js';
import { listDir, readJson, readUserFile } from '../store/fsx.js';
import { isMessage, type Message } from '../core/records.js';
import { syncContext, type SyncContext } from '../sync/context.js';
import { currentFindings } from '../sync/alerts.js';
import {
  asPeerText, describeSend, type ListedMessage, listMessages, projectSessions, resolveTarget, sendMessage, TERMINAL_SENDER, UserFacingError,
} from '../sync/messages.js';
import { splitWords } from '../core/shell-words.js';
import { storePaths } from '../store/paths.js';
import { doctorFindings, renderFindings, teamFinding } from './doctor.js';
import { runInit, runUninstall, type InstallDeps } from './install.js';
import { claudeJsonPath, claudeRunner } from './claude-cli.js';
import { parseArgv } from './argv.js';
import { predictMerge } from '../sync/merge-predict.js';
import { dashboardArgs, runDashboard } from './dashboard.js';

const USAGE = `context-sync: parallel Claude Code sessions, aware of each other

Usage:
  context-sync status [--all-projects] [--json]   live sessions of this repository (task, state, age, conflicts, unread)
  context-sync sessions [--json]                  the same, ids only
  context-sync team [--json]                      team mode: the other machines of this repository and their sessions
  context-sync conflicts [--json]                 current conflicts between live sessions of this repository
  context-sync inbox [session] [--json]           a session's messages, read and unread (default: the session you run
                                                  this in); --mark-read marks them read, only in that session's own shell
  context-sync send <session|all> <text...>       send a message, marked as typed at a terminal (in the session you run
                                                  this in, if any)
  context-sync resolve <file...>                  mark conflicts on files handled (inside a session)
  context-sync symbols <file> <line|start-end>... the enclosing symbols of line ranges, as JSON (null: file level)
  context-sync gc [--json]                        clean up data of dead sessions and expired mail
  context-sync doctor [--json]                    check the set-up and say how to fix what is wrong
  context-sync dashboard [--port N] [--host 127.0.0.1] [--no-open] [--allow-actions] [--detach]
                                                  a live page of the sessions, their uncommitted work, conflicts and
                                                  messages; prints its URL (with its access token) on the first line
  context-sync init                               without the plugin system: hooks into ~/.claude/settings.json and
                                                  the MCP server through \`claude mcp add --scope user\`
  context-sync uninstall                          remove exactly what init added

  send and resolve take --stdin: the arguments are read from standard input instead (slash commands use
  this so that quotes in a message never reach a shell).
`;

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

function parseRange(s: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) throw new UserFacingError(`not a line range: ${s} (use 12 or 12-20)`);
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (a < 1 || b < a) throw new UserFacingError(`not a line range: ${s}`);
  return [a, b];
}

/**
 * Much of what is printed came from peers (labels, tasks, branches, file names, messages): the
 * human form escapes control characters field by field where it is built (`show`), the JSON form
 * escapes what JSON.stringify leaves raw. Nothing a peer wrote can move the cursor, erase the
 * screen or write the clipboard of the person reading.
 */
function out(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? jsonForTerminal(JSON.stringify(data, null, 2)) + '\n' : human() + '\n');
}

/** One field of a peer's for a terminal line. */
const show = (v: unknown) => forTerminal(String(v ?? ''));
const MAX_SYMBOLS_FILE_BYTES = 64 * 1024 * 1024;

function cmdSymbols(args: string[]): number {
  const [file, ...ranges] = args;
  if (!file || ranges.length === 0) throw new UserFacingError('usage: context-sync symbols <file> <line|start-end>...');
  // Only a regular file, capped: `symbols /dev/zero` or a FIFO must answer, not hang or run out of memory.
  const read = readUserFile(file, MAX_SYMBOLS_FILE_BYTES);
  if (!read.ok) {
    process.stderr.write(`context-sync: cannot read ${file}: ${read.why} (${read.detail})\n`);
    return 1;
  }
  const text = read.data.toString('utf8');
  const lang = languageOf(file);
  const parsed = ranges.map(parseRange);
  let result: unknown[];
  try {
    result = lang ? enclosingSymbols(text, lang, parsed) : parsed.map(() => []);
  } catch (e) {
    if (!(e instanceof UnparsableFile)) throw e;
    // What the hooks record for such an edit: null, the whole file.
    process.stderr.write(`context-sync: ${file} does not parse (${e.message}): its edits are tracked at file level\n`);
    result = parsed.map(() => null);
  }
  process.stdout.write(JSON.stringify(parsed.length === 1 ? result[0] : result) + '\n');
  return 0;
}

function cmdStatus(ctx: SyncContext, flags: Set<string>, idsOnly = false): number {
  const rows = projectSessionRows(ctx, process.cwd(), flags.has('--all-projects'));
  const json = flags.has('--json');
  out(json, { sessions: rows }, () => {
    if (rows.length === 0) return 'No live Claude Code sessions in this repository.';
    if (idsOnly) return rows.map((r) => `${show(r.sessionId)}${r.you ? ' (you)' : ''}`).join('\n');
    return table(
      ['SESSION', 'PROJECT', 'BRANCH', 'STATE', 'AGE', 'CONFLICTS', 'UNREAD', 'TASK'],
      rows.map((r) => [
        r.you ? `${show(r.label)} ${paint.bold('(you)')}` : show(r.label),
        show(r.project),
        show(r.branch ?? '-'),
        show(r.status ?? '-'),
        r.startedAt ? age(Date.now() - Date.parse(r.startedAt)) : '-',
        r.conflicts ? paint.red(String(r.conflicts)) : '0',
        r.unread ? paint.yellow(String(r.unread)) : '0',
        show(r.task ?? '-'),
      ]),
    ) + agentLines(rows);
  });
  return 0;
}

/** Under the table: each session's subagents that edited, and what. */
function agentLines(rows: ReturnType<typeof projectSessionRows>): string {
  const lines = rows.flatMap((r) => r.agents.map((a) => `  ${show(r.label)} / ${show(a.label)}: ${a.files.slice(0, 6).map(show).join(', ')}${a.files.length > 6 ? ', …' : ''}`));
  return lines.length ? `\nSubagents:\n${lines.join('\n')}` : '';
}

function cmdTeam(ctx: SyncContext, flags: Set<string>): number {
  const v = teamView(ctx, process.env, process.cwd());
  out(flags.has('--json'), v, () => {
    if (!v.team) return 'Team mode is off: set team.url in ~/.claude/context-sync/config.json or CONTEXT_SYNC_TEAM_URL (docs/team.md).';
    const head = `Team ${v.team.name} on ${v.team.server}; this machine: ${v.machine.label} (${v.machine.id.slice(0, 8)})`;
    if (v.machines.length === 0) return `${head}\nNo other machine is present in this project now.`;
    const lines = v.machines.flatMap((m) => [
      `${m.label} (${m.id.slice(0, 8)}), ${m.sessions.length} session(s):`,
      ...m.sessions.map((s) => `  - ${s.label}: ${s.task ?? 'task unknown'}${s.files.length ? ` | editing: ${s.files.slice(0, 6).join(', ')}${s.files.length > 6 ? ', …' : ''}` : ''}`),
    ]);
    return [head, ...lines].join('\n');
  });
  return 0;
}

async function cmdConflicts(ctx: SyncContext, flags: Set<string>): Promise<number> {
  const project = findProject(process.cwd());
  const store = new ProjectStore(ctx.root, project.key);
  const me = enclosingSessionInfo(ctx)?.sessionId;
  const sessions = projectSessions(ctx, project).filter((s) => !me || s.sessionId === me);
  const seen = new Set<string>();
  const conflicts: Array<{ session: string; level: string; file: string; symbols: string[]; with: string; text: string }> = [];
  for (const s of sessions) {
    for (const f of groupFindings(currentFindings(ctx, store, project, s.sessionId))) {
      if (f.level === 'notice') continue;
      // Each pair once when listing for everyone.
      const pair = [s.sessionId, f.peer.sessionId].sort().join('|') + f.file + f.symbols.join(',');
      if (!me && seen.has(pair)) continue;
      seen.add(pair);
      conflicts.push({ session: s.sessionId, level: f.level, file: f.file, symbols: f.symbols, with: f.peer.sessionId, text: renderFinding(f) });
    }
  }
  // Trial merges with sessions in other worktrees: what will conflict at merge time, not only "same path".
  const predictions: Array<{ with: string; worktree: string; branch: string | null; clean: boolean; files: Array<{ file: string; lines: number[] }>; error?: string }> = [];
  const worktrees = new Map<string, string>();
  for (const s of projectSessions(ctx, project)) {
    const wt = findProject(s.cwd).worktree;
    if (wt !== project.worktree && !worktrees.has(wt)) worktrees.set(wt, s.sessionId);
  }
  for (const [wt, id] of worktrees) {
    // A branch name is whatever that worktree's .git/HEAD says: one plain, short line.
    const branch = peerLine(findProject(wt).branch, 48) || null;
    try {
      const p = await predictMerge(project.worktree, wt);
      predictions.push({ with: id, worktree: wt, branch, clean: p.clean, files: p.conflicts.map((c) => ({ file: c.file, lines: c.hunks.map((h) => h.line) })) });
    } catch (e) {
      predictions.push({ with: id, worktree: wt, branch, clean: false, files: [], error: (e as Error).message });
    }
  }
  out(flags.has('--json'), { conflicts, predictions }, () => {
    const lines = conflicts.length ? conflicts.map((c) => `${c.session.slice(0, 8)}: ${show(c.text)}`) : ['No conflicts between live sessions of this repository.'];
    for (const p of predictions) {
      const where = `${p.branch ? `branch ${show(p.branch)}` : show(p.worktree)} (session ${p.with.slice(0, 8)})`;
      if (p.error) lines.push(`Trial merge with ${where}: could not run (${show(p.error)})`);
      else if (p.clean) lines.push(`Trial merge with ${where}: clean.`);
      else lines.push(`Trial merge with ${where}: CONFLICTS in ${p.files.map((f) => `${show(f.file)}${f.lines.length ? ` (line ${f.lines.join(', ')})` : ''}`).join(', ')}`);
    }
    return lines.join('\n');
  });
  return 0;
}

/** One message as the terminal shows it: the sender's fields one plain line, the text with its own line breaks, nothing that drives the terminal. */
function showMessage(m: ListedMessage | Message, mark: string): string {
  const p = asPeerText(m);
  return `${mark} ${isoTime(p.sentAt)} from ${show(p.fromLabel)}${p.to === 'all' ? ' (to all)' : ''}: ${forTerminal(p.text, true)}`;
}

function cmdInbox(ctx: SyncContext, args: string[], flags: Set<string>): number {
  const project = findProject(process.cwd());
  const store = new ProjectStore(ctx.root, project.key);
  const me = enclosingSessionInfo(ctx)?.sessionId;
  const who = args[0] ?? me;
  if (!who) throw new UserFacingError('usage: context-sync inbox <session>');
  let id: string;
  try {
    id = resolveTarget(ctx, store, projectSessions(ctx, project), who).sessionId;
  } catch (e) {
    // An ended session: its undelivered mail is kept for the retention period.
    const dir = join(ctx.root, 'projects', project.key, 'undelivered');
    const kept = listDir(dir).filter((d) => d.startsWith(who));
    if (kept.length === 0) throw e;
    const msgs = kept.flatMap((d) => listDir(join(dir, d)).map((f) => readJson(join(dir, d, f))).filter(isMessage)).map((m) => asPeerText(m));
    out(flags.has('--json'), { sessionId: who, ended: true, messages: msgs }, () => msgs.map((m) => showMessage(m, '[undelivered]')).join('\n') || 'No messages.');
    return 0;
  }
  // A person looking does not mark anything read (the model gets unread messages injected). The
  // slash command does, because its output is what the model reads: only inside that very session
  // (found by ancestry, never by CLAUDE_PID), so no one consumes another session's private mail.
  const markRead = flags.has('--mark-read') && id === me;
  if (flags.has('--mark-read') && !markRead) {
    process.stderr.write(`context-sync: not marking ${id.slice(0, 8)}'s messages read: only that session's own shell may (its model still gets them)\n`);
  }
  const msgs: ListedMessage[] = markRead
    ? listMessages(store, id)
    : [
        ...store.readIds(id).map((m) => [store.readMessage(id, m, 'read'), true] as const),
        ...store.unreadIds(id).map((m) => [store.readMessage(id, m, 'inbox'), false] as const),
      ]
        .flatMap(([m, read]) => (m ? [{ ...asPeerText(m), read }] : []))
        .sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
  out(flags.has('--json'), { sessionId: id, messages: msgs }, () =>
    msgs.length ? msgs.map((m) => showMessage(m, m.read ? ' ' : paint.yellow('*'))).join('\n') : 'No messages.',
  );
  return 0;
}

/** File names as a shell would split them (quotes for names with spaces), nothing expanded. */
function fileArgs(text: string): string[] {
  try {
    return splitWords(text).map((w) => w.text).filter(Boolean);
  } catch {
    return text.split(/\s+/).filter(Boolean);
  }
}

function cmdSend(ctx: SyncContext, args: string[], flags: Set<string>): number {
  let target: string | undefined;
  let text: string;
  if (flags.has('--stdin')) {
    // "<target> <text...>", the text verbatim (apostrophes, quotes, newlines and all).
    const m = /^\s*(\S+)\s*([\s\S]*?)\s*$/.exec(readStdin());
    target = m?.[1];
    text = m?.[2] ?? '';
  } else {
    const [t, ...words] = args;
    target = t;
    text = words.join(' ');
  }
  if (!target || !text) throw new UserFacingError('usage: context-sync send <session|all> <text...>');
  const project = findProject(process.cwd());
  const store = new ProjectStore(ctx.root, project.key);
  // The command speaks for whoever is at the terminal, and the message says so (via: 'cli'). From
  // inside a session's own shell (a slash command) it is sent from that session, so replies reach
  // it; CLAUDE_PID never decides that.
  const from = enclosingSessionInfo(ctx)?.sessionId ?? TERMINAL_SENDER;
  const r = sendMessage(ctx, store, project, from, text, target === 'all' ? undefined : target, { via: 'cli' });
  out(flags.has('--json'), r, () => show(describeSend(r)));
  return 0;
}

function cmdResolve(ctx: SyncContext, args: string[], flags: Set<string>): number {
  if (flags.has('--stdin')) args = fileArgs(readStdin());
  const me = enclosingSessionInfo(ctx);
  if (!me) throw new UserFacingError('resolve works inside a Claude Code session (it marks that session\'s conflicts handled)');
  const project = findProject(process.cwd());
  const store = new ProjectStore(ctx.root, project.key);
  if (args.length === 0) throw new UserFacingError('usage: context-sync resolve <file...>');
  const now = ctx.now();
  for (const f of args) {
    const abs = resolve(f);
    const rel = abs.startsWith(project.worktree + '/') ? abs.slice(project.worktree.length + 1) : f;
    store.markResolved(me.sessionId, rel, now);
  }
  process.stdout.write(`Marked handled: ${args.join(', ')}\n`);
  return 0;
}

/** The plugin directory this command belongs to: the bundle is <plugin>/dist/cli.mjs. */
const pluginRoot = () => dirname(dirname(fileURLToPath(import.meta.url)));

function installDeps(): InstallDeps {
  const { claudeDir } = storePaths(process.env);
  return {
    claudeDir,
    claudeJson: claudeJsonPath(process.env, claudeDir),
    pluginRoot: pluginRoot(),
    claude: claudeRunner(process.env),
    now: () => new Date(),
    say: (l) => process.stdout.write(l + '\n'),
    warn: (l) => process.stderr.write(l + '\n'),
  };
}

async function cmdDoctor(flags: Set<string>): Promise<number> {
  const findings = doctorFindings({ env: process.env, cwd: process.cwd(), nodeVersion: process.versions.node, claude: claudeRunner(process.env) });
  findings.push(await teamFinding({ env: process.env, cwd: process.cwd() }));
  const ok = findings.every((f) => f.ok);
  out(flags.has('--json'), { ok, findings }, () => renderFindings(findings, paint));
  return ok ? 0 : 1;
}

export function main(argv: string[]): number | Promise<number> {
  try {
    const { cmd, args, flags, options } = parseArgv(argv);
    if (!cmd || cmd === 'help' || flags.has('--help')) {
      process.stdout.write(USAGE);
      return cmd || flags.has('--help') ? 0 : 1;
    }
    if (cmd === 'symbols') return cmdSymbols(args);
    if (cmd === 'doctor') return cmdDoctor(flags);
    if (cmd === 'init') return runInit(installDeps());
    if (cmd === 'uninstall') return runUninstall(installDeps());
    if (cmd === 'dashboard') {
      // Long-running: the server keeps the process alive; a failure to start sets the exit code.
      runDashboard(dashboardArgs(flags, options)).then(
        (code) => {
          if (code) process.exitCode = code;
        },
        (e: Error) => {
          process.stderr.write(`context-sync: ${e.message}\n`);
          process.exit(1);
        },
      );
      return 0;
    }
    const ctx = syncContext(process.env);
    switch (cmd) {
      case 'status':
        return cmdStatus(ctx, flags);
      case 'sessions':
        return cmdStatus(ctx, flags, true);
      case 'conflicts':
        return cmdConflicts(ctx, flags);
      case 'team':
        return cmdTeam(ctx, flags);
      case 'inbox':
        return cmdInbox(ctx, args, flags);
      case 'send':
        return cmdSend(ctx, args, flags);
      case 'resolve':
        return cmdResolve(ctx, args, flags);
      case 'gc': {
        const r = collectGarbage(ctx);
        out(flags.has('--json'), r, () => `live sessions: ${r.liveSessions}; retired: ${r.retiredSessions}; expired undelivered mail: ${r.expiredMail}; stale markers: ${r.staleMarkers}; machines gone (team mode): ${r.goneMachines}`);
        return 0;
      }
      default:
        process.stderr.write(`context-sync: unknown command ${cmd}\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    // Messages may quote a target or a label: escaped like everything else printed.
    process.stderr.write(`context-sync: ${forTerminal((e as Error).message, true)}\n`);
    return 1;
  }
}

void Promise.resolve(main(process.argv.slice(2))).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`context-sync: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
