// Builds transcript records shaped like those Claude Code 2.1.330 writes (see
// test/fixtures/transcripts/), chaining parentUuid the way the client does.

export const CWD = '/home/dev/app';

export class TranscriptBuilder {
  readonly records: Record<string, unknown>[] = [];
  /** uuid of the last main-chain record: the parent of the next one unless told otherwise. */
  last: string | null = null;
  private n = 0;
  private clock = Date.parse('2026-11-20T10:00:00.000Z');
  private msg = 0;

  constructor(readonly sessionId = 'b1c2d3e4-0000-4000-8000-000000000001') {}

  private uuid(): string {
    this.n += 1;
    return `00000000-0000-4000-8000-${this.n.toString(16).padStart(12, '0')}`;
  }

  private base(side: boolean, parent: string | null | undefined) {
    this.clock += 1000;
    return {
      parentUuid: parent === undefined ? this.last : parent,
      isSidechain: side,
      uuid: this.uuid(),
      timestamp: new Date(this.clock).toISOString(),
      cwd: CWD,
      sessionId: this.sessionId,
      version: '2.1.330',
      gitBranch: 'main',
    };
  }

  private add(r: Record<string, unknown>, side: boolean): Record<string, unknown> {
    this.records.push(r);
    if (!side) this.last = r.uuid as string;
    return r;
  }

  user(content: unknown, opts: { parent?: string | null; side?: boolean; extra?: Record<string, unknown> } = {}) {
    const side = opts.side ?? false;
    return this.add({ ...this.base(side, opts.parent), type: 'user', message: { role: 'user', content }, ...opts.extra }, side);
  }

  /** One record per content block, as the client writes a streamed message. Returns the records. */
  assistant(blocks: unknown[], opts: { parent?: string | null; side?: boolean } = {}) {
    const side = opts.side ?? false;
    const id = `msg_${++this.msg}`;
    let parent = opts.parent;
    const out: Record<string, unknown>[] = [];
    for (const b of blocks) {
      const r = { ...this.base(side, parent), type: 'assistant', message: { id, role: 'assistant', model: 'claude-opus-5-5', content: [b] } };
      this.records.push(r);
      parent = r.uuid;
      out.push(r);
    }
    if (!side) this.last = out.at(-1)!.uuid as string;
    return out;
  }

  say(text: string, opts: { parent?: string | null; side?: boolean } = {}) {
    return this.assistant([{ type: 'text', text }], opts)[0]!;
  }

  /** A tool call and its result (in the next user record). */
  tool(name: string, input: Record<string, unknown>, result = 'ok', opts: { isError?: boolean; side?: boolean } = {}) {
    const id = `toolu_${this.n + 1}`;
    const [call] = this.assistant([{ type: 'tool_use', id, name, input }], { side: opts.side ?? false });
    const res = this.user([{ type: 'tool_result', tool_use_id: id, content: result, ...(opts.isError ? { is_error: true } : {}) }], {
      side: opts.side ?? false,
      parent: call!.uuid as string,
      extra: { sourceToolAssistantUUID: call!.uuid },
    });
    return { call: call!, result: res };
  }

  attachment(type = 'date') {
    return this.add({ ...this.base(false, undefined), type: 'attachment', attachment: { type } }, false);
  }

  bookkeeping(type: string, extra: Record<string, unknown> = {}) {
    this.records.push({ type, sessionId: this.sessionId, ...extra });
  }

  jsonl(): string {
    return this.records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  }
}

/** A short session that moves auth to JWT: a prompt, a decision, one edit, a state. */
export function authMigration(): TranscriptBuilder {
  const t = new TranscriptBuilder();
  t.user('Migrate the auth module to JWT tokens');
  t.say("I'll use the jose library instead of jsonwebtoken.");
  t.tool('Edit', { file_path: `${CWD}/src/auth.ts`, old_string: 'a', new_string: 'b' });
  t.say('Token issuing works; refresh tokens are next.');
  return t;
}
