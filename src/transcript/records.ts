// What one transcript record says about the session, reduced to the few fields a digest keeps.
// Records come straight from disk: every field is checked here, and a record of an unexpected
// shape contributes nothing instead of throwing.
import { EDIT_TOOLS } from '../core/records.js';

/** A transcript line after JSON.parse: only known to be a plain object. */
export type RawRecord = Record<string, unknown>;

export interface ToolCall {
  id?: string;
  name: string;
  /** Write / Edit / MultiEdit / NotebookEdit target, or the file a Read looked at. */
  file?: string;
  /** Bash command, clipped. */
  command?: string;
  /** Task/Agent description, clipped. */
  description?: string;
}

/** What one main-chain record adds to a digest. Texts are clipped already. */
export interface Contribution {
  /** The user's own words (not meta records, slash-command echoes, reminders, hook output). */
  userText?: string;
  assistantText?: string;
  assistantMessageId?: string;
  tools?: ToolCall[];
  toolResults?: number;
  toolErrors?: Array<{ toolUseId?: string; text: string }>;
  /** Synthetic assistant message the client writes when the API call failed. */
  apiError?: string;
}

export const TEXT_LIMITS = { user: 2000, assistant: 1500, command: 300, error: 300, description: 200 } as const;

const READ_TOOLS: ReadonlySet<string> = new Set(['Read', 'NotebookRead']);
const SUBAGENT_TOOLS: ReadonlySet<string> = new Set(['Task', 'Agent']);

/**
 * Texts the client puts in `user` records that the user did not type: slash-command echoes and
 * their output, reminders, `!` bash-mode echoes, background-task notices, hook output, the caveat
 * that precedes local command output, and interruption markers.
 */
const NOT_USER_WORDS =
  /^\s*(?:<(?:command-name|command-message|command-args|local-command-stdout|local-command-stderr|system-reminder|bash-input|bash-stdout|bash-stderr|task-notification|user-prompt-submit-hook)>|Caveat:|\[Request interrupted by user)/;

export function isUsersOwnText(text: string): boolean {
  return text.trim() !== '' && !NOT_USER_WORDS.test(text);
}

/** Clip to at most `max` UTF-16 units, never splitting a surrogate pair, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? '…' : '';
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + '…';
}

/** A path as the session's other views show it: relative to the session's cwd when inside it. */
export function pathInSession(cwd: string | undefined, path: string): string {
  if (!cwd) return path;
  const base = cwd.endsWith('/') ? cwd : cwd + '/';
  return path.startsWith(base) ? path.slice(base.length) : path;
}

/** Collapse whitespace runs so one-line renderings stay one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function blocksOf(record: RawRecord): unknown[] | string | undefined {
  const message = record.message;
  if (!isObject(message)) return undefined;
  const content = message.content;
  if (typeof content === 'string' || Array.isArray(content)) return content;
  return undefined;
}

function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((b) => (isObject(b) && b.type === 'text' && typeof b.text === 'string' ? b.text : ''))
    .filter(Boolean)
    .join('\n');
}

function toolCallOf(block: Record<string, unknown>): ToolCall | undefined {
  const name = str(block.name);
  if (!name) return undefined;
  const call: ToolCall = { name };
  const id = str(block.id);
  if (id) call.id = id;
  const input = isObject(block.input) ? block.input : {};
  if (EDIT_TOOLS.has(name) || READ_TOOLS.has(name)) {
    const file = str(input.file_path) ?? str(input.notebook_path);
    if (file) call.file = file;
  } else if (name === 'Bash') {
    const command = str(input.command);
    if (command) call.command = clip(oneLine(command), TEXT_LIMITS.command);
  } else if (SUBAGENT_TOOLS.has(name)) {
    const d = str(input.description) ?? str(input.prompt);
    const kind = str(input.subagent_type);
    if (d) call.description = clip(oneLine(kind ? `${kind}: ${d}` : d), TEXT_LIMITS.description);
  }
  return call;
}

function userContribution(record: RawRecord): Contribution | undefined {
  // Compaction summaries and meta records are written as `user` but are the client's words.
  if (record.isMeta === true || record.isCompactSummary === true || record.isVisibleInTranscriptOnly === true) {
    return undefined;
  }
  const content = blocksOf(record);
  if (typeof content === 'string') {
    return isUsersOwnText(content) ? { userText: clip(content.trim(), TEXT_LIMITS.user) } : undefined;
  }
  if (!content) return undefined;
  const texts: string[] = [];
  let toolResults = 0;
  const toolErrors: Array<{ toolUseId?: string; text: string }> = [];
  for (const b of content) {
    if (!isObject(b)) continue;
    if (b.type === 'text' && typeof b.text === 'string' && isUsersOwnText(b.text)) texts.push(b.text.trim());
    if (b.type === 'tool_result') {
      toolResults += 1;
      if (b.is_error === true) {
        const text = toolResultText(b.content).replace(/<\/?tool_use_error>/g, '');
        const error: { toolUseId?: string; text: string } = { text: clip(oneLine(text), TEXT_LIMITS.error) };
        const id = str(b.tool_use_id);
        if (id) error.toolUseId = id;
        toolErrors.push(error);
      }
    }
  }
  const c: Contribution = {};
  // A record carrying tool results is the client answering the model, even if it has text too.
  if (texts.length > 0 && toolResults === 0) c.userText = clip(texts.join('\n'), TEXT_LIMITS.user);
  if (toolResults > 0) c.toolResults = toolResults;
  if (toolErrors.length > 0) c.toolErrors = toolErrors;
  return Object.keys(c).length > 0 ? c : undefined;
}

function assistantContribution(record: RawRecord): Contribution | undefined {
  const content = blocksOf(record);
  if (!content) return undefined;
  const message = record.message as Record<string, unknown>;
  const texts: string[] = [];
  const tools: ToolCall[] = [];
  if (typeof content === 'string') texts.push(content);
  else {
    for (const b of content) {
      if (!isObject(b)) continue;
      // Thinking blocks are private reasoning, not statements to the user: left out on purpose.
      if (b.type === 'text' && typeof b.text === 'string' && b.text.trim() !== '') texts.push(b.text.trim());
      if (b.type === 'tool_use') {
        const call = toolCallOf(b);
        if (call) tools.push(call);
      }
    }
  }
  const c: Contribution = {};
  const text = texts.join('\n');
  if (record.isApiErrorMessage === true || message.model === '<synthetic>') {
    if (text) c.apiError = clip(oneLine(text), TEXT_LIMITS.error);
    return Object.keys(c).length > 0 ? c : undefined;
  }
  const id = str(message.id);
  if (id) c.assistantMessageId = id;
  if (text) c.assistantText = clip(text, TEXT_LIMITS.assistant);
  if (tools.length > 0) c.tools = tools;
  return c.assistantText !== undefined || c.tools !== undefined ? c : undefined;
}

/** The contribution of one record, or undefined when it adds nothing a digest keeps. */
export function contributionOf(record: RawRecord): Contribution | undefined {
  if (record.type === 'user') return userContribution(record);
  if (record.type === 'assistant') return assistantContribution(record);
  return undefined;
}

/** For a `user` record that carries tool results: the assistant record whose tool_use it answers. */
export function toolResultSource(record: RawRecord): string | undefined {
  if (record.type !== 'user') return undefined;
  const content = blocksOf(record);
  if (!Array.isArray(content) || !content.some((b) => isObject(b) && b.type === 'tool_result')) return undefined;
  return str(record.sourceToolAssistantUUID) ?? str(record.parentUuid);
}
