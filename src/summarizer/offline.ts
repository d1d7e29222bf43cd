// A summary built from the digest alone, with no model: used when no model is available and as
// the fallback when a model summary fails. Heuristic by design; every field is bounded.
import { viewDigest } from '../transcript/digest.js';
import type { Digest, TextItem } from '../transcript/digest-types.js';
import { clip, oneLine, pathInSession } from '../transcript/records.js';
import type { SessionSummary } from './types.js';

const LIMITS = { task: 120, decision: 200, decisions: 5, state: 240, blocker: 200, blockers: 3, impactFiles: 5, impact: 500 };

const STRONG_CHOICE = /\b(decided|decide to|instead of|rather than|going with|go with|let's use|opted|chose|switch(?:ed|ing)? to|settled on)\b/i;
const WEAK_CHOICE = /\b(I'll|I will|I'm going to|we'll|we will)\b/i;
// "I'll look at the file first" announces a step, not a choice.
const JUST_A_STEP = /\b(I'll|I will|I'm going to|we'll|we will)\s+(?:now\s+|first\s+|quickly\s+)?(look|check|read|start|examine|explore|inspect|search|see|verify|investigate|review|open|find|take a look|run the tests)\b/i;
const TROUBLE = /\b(blocked|blocking|can't|cannot|can not|unable to|fails?|failed|failing|errors?)\b/i;
// "no errors", "0 failed", "fixed the error": reports of trouble gone, not trouble.
const NO_TROUBLE = /\b(no|0|zero|without|fixed|resolved|passe?s?|passing)\b[^.!?]{0,30}\b(errors?|fail\w*)\b|\b(errors?|fail\w*)\b[^.!?]{0,15}\b(fixed|resolved|gone)\b/i;

/** Sentences of a message, markdown bullets and headings stripped. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z0-9`"'(])/)
    .map((s) => s.replace(/^\s*(?:[-*+]|\d+[.)]|#+)\s+/, '').trim())
    .filter((s) => s.length > 3);
}

function task(first: TextItem | undefined, latest: TextItem | undefined): string {
  if (!first) return 'No request yet';
  const firstLine = oneLine(first.text);
  if (!latest || latest.seq === first.seq) return clip(firstLine, LIMITS.task);
  const latestLine = oneLine(latest.text);
  // Share the line between both requests so the latest one is never cut off entirely.
  const room = LIMITS.task - ' — now: '.length;
  const head = clip(firstLine, Math.max(Math.floor(room / 2), room - latestLine.length));
  return `${head} — now: ${clip(latestLine, room - head.length)}`;
}

function decisions(statements: TextItem[]): string[] {
  const found: Array<{ text: string; strong: boolean; order: number }> = [];
  let order = 0;
  for (const s of statements) {
    for (const sentence of sentencesOf(s.text)) {
      order += 1;
      const strong = STRONG_CHOICE.test(sentence);
      if (strong || (WEAK_CHOICE.test(sentence) && !JUST_A_STEP.test(sentence))) found.push({ text: clip(oneLine(sentence), LIMITS.decision), strong, order });
    }
  }
  // Strong markers first, then the most recent; shown in session order.
  const picked = [...found].sort((a, b) => Number(b.strong) - Number(a.strong) || b.order - a.order);
  const unique: typeof found = [];
  for (const f of picked) if (!unique.some((u) => u.text === f.text)) unique.push(f);
  return unique
    .slice(0, LIMITS.decisions)
    .sort((a, b) => a.order - b.order)
    .map((f) => f.text);
}

function blockers(statements: TextItem[], latestRequest: TextItem | undefined, errors: TextItem[]): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    const t = clip(oneLine(s), LIMITS.blocker);
    if (out.length < LIMITS.blockers && !out.includes(t)) out.push(t);
  };
  const recent = statements.slice(-3);
  const lastSeq = recent.at(-1)?.seq ?? 0;
  // Errors after the last thing the assistant said: the session is stuck on them right now.
  for (const e of errors) if (e.seq > lastSeq) add(e.text);
  const latest = [...recent, ...(latestRequest && latestRequest.seq > lastSeq ? [latestRequest] : [])];
  for (const m of latest.reverse()) {
    for (const s of sentencesOf(m.text)) if (TROUBLE.test(s) && !NO_TROUBLE.test(s)) add(s);
  }
  return out;
}

const MANIFEST = /(^|\/)(package\.json|Cargo\.toml|go\.mod|pyproject\.toml|requirements[^/]*\.txt|setup\.py|Gemfile|composer\.json|pom\.xml|build\.gradle(\.kts)?|Package\.swift|[^/]+\.csproj)$/;
const LOCKFILE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|go\.sum|poetry\.lock|uv\.lock|Pipfile\.lock|Gemfile\.lock|composer\.lock|Package\.resolved)$/;
const MIGRATION = /(^|\/)(migrations?|migrate|alembic|db\/migrate)\/|\.migration\.|(^|\/)schema\.prisma$/i;
const SHARED_CONFIG = /(^|\/)(tsconfig[^/]*\.json|\.env[^/]*|Dockerfile[^/]*|docker-compose[^/]*|\.github\/workflows\/[^/]+|Makefile|\.eslintrc[^/]*|eslint\.config\.[^/]+|vite\.config\.[^/]+|webpack\.config\.[^/]+)$/;

const INSTALL = /\b(npm|pnpm|yarn|bun)\s+(i|install|add|remove|rm|uninstall|update|upgrade|ci)\b|\b(pip3?|uv|poetry|cargo|go|bundle|gem|composer)\s+(install|add|remove|get|update|sync|upgrade)\b|\bgo\s+mod\s+tidy\b/;
const MIGRATE = /\b(migrate|migration|db:migrate|db:rollback|alembic\s+(upgrade|downgrade)|prisma\s+(migrate|db\s+push))\b/;
const GIT_WRITE = /\bgit\s+(?:-C\s+\S+\s+)?(add|commit|push|pull|merge|rebase|checkout|switch|reset|stash|cherry-pick|revert|restore|clean|tag|branch\s+-[dDmM]|worktree|am|apply|fetch)\b/;

function impact(files: string[], commands: TextItem[]): string {
  const parts: string[] = [];
  if (files.length > 0) {
    const shown = files.slice(0, LIMITS.impactFiles).join(', ');
    parts.push(`edits ${shown}${files.length > LIMITS.impactFiles ? ` (+${files.length - LIMITS.impactFiles} more)` : ''}`);
  }
  const callouts: string[] = [];
  for (const f of files) {
    if (LOCKFILE.test(f)) callouts.push(`lockfile ${f}`);
    else if (MANIFEST.test(f)) callouts.push(`package manifest ${f}`);
    else if (MIGRATION.test(f)) callouts.push(`migration ${f}`);
    else if (SHARED_CONFIG.test(f)) callouts.push(`shared config ${f}`);
  }
  if (callouts.length > 0) parts.push(`changes ${callouts.join(', ')}`);
  const ran = new Set<string>();
  const git = new Set<string>();
  for (const c of commands) {
    for (const segment of c.text.split(/&&|\|\||;|\|/)) {
      const s = segment.trim();
      const g = GIT_WRITE.exec(s);
      if (g) git.add(`git ${g[1]}`);
      else if (INSTALL.test(s) || MIGRATE.test(s)) ran.add(clip(s, 80));
    }
  }
  if (ran.size > 0) parts.push(`ran ${[...ran].join(', ')}`);
  if (git.size > 0) parts.push(`git operations: ${[...git].join(', ')}`);
  return parts.length > 0 ? clip(parts.join('; '), LIMITS.impact) : 'none seen: no edits or shared-state commands';
}

/**
 * `editedFiles` are the edits the plugin recorded (authoritative, kept first and in order); files
 * the transcript shows edited, by the session or its subagents, are added after them.
 */
export function offlineSummary(digest: Digest, editedFiles: string[]): SessionSummary {
  const v = viewDigest(digest);
  const changed: string[] = [];
  const seen = new Set<string>();
  const addFile = (path: string) => {
    const rel = pathInSession(v.cwd, path);
    if (rel !== '' && !seen.has(rel)) {
      seen.add(rel);
      changed.push(rel);
    }
  };
  for (const f of editedFiles) addFile(f);
  for (const f of [...v.filesEdited, ...v.subagentFilesEdited]) addFile(f.path);

  const latestRequest = v.latestUserRequests.at(-1);
  const lastStatement = v.assistantStatements.at(-1);
  let currentState = lastStatement ? clip(oneLine(lastStatement.text), LIMITS.state) : 'No reply yet';
  if (latestRequest && (!lastStatement || latestRequest.seq > lastStatement.seq)) {
    currentState = clip(`Working on: ${oneLine(latestRequest.text)}`, LIMITS.state);
  }
  return {
    task: task(v.firstUserRequests[0], latestRequest),
    changedFiles: changed,
    decisions: decisions(v.assistantStatements),
    currentState,
    blockers: blockers(v.assistantStatements, latestRequest, v.errors),
    impactOnOtherSessions: impact(changed, v.commands),
  };
}
