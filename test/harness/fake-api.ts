// A scripted stand-in for the Anthropic Messages API on 127.0.0.1, so real Claude Code sessions run
// offline with no account. The request bodies it records are exactly what the model would have seen.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One scripted model answer: text ends the turn, tool calls ask the client to run tools. */
export type ModelTurn =
  | { text: string }
  | { tool: string; input: Record<string, unknown>; text?: string }
  | { tools: Array<{ tool: string; input: Record<string, unknown> }>; text?: string };

export interface RecordedRequest {
  /** True for the main agent loop (requests that offer tools); side requests are titles and the like. */
  main: boolean;
  body: any;
  /** The queue that answered it: a subagent's marker (see scriptFor), or undefined for the session's own loop. */
  marker?: string;
  /** performance.now() when the request reached the stand-in (headers in), for latency benchmarks. */
  arrivedAt: number;
  /** performance.now() when the whole answer had been handed to the socket; unset until then. */
  answeredAt?: number;
  /** How the answer ended: 'tool_use' asks the client to run tools; side requests and count_tokens have none. */
  stopReason?: 'tool_use' | 'end_turn';
}

export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly turns: ModelTurn[] = [];
  private server: Server | undefined;
  private toolUseCounter = 0;
  port = 0;

  /** Queue answers for the next main-loop requests, in order. */
  script(...turns: ModelTurn[]): void {
    this.turns.push(...turns);
  }

  private readonly byMarker = new Map<string, ModelTurn[]>();

  /**
   * Queue answers for a subagent: requests whose conversation opens with a prompt containing
   * `marker` (a subagent's requests are its own conversation, opening with the prompt it was given).
   */
  scriptFor(marker: string, ...turns: ModelTurn[]): void {
    this.byMarker.set(marker, [...(this.byMarker.get(marker) ?? []), ...turns]);
  }

  /** Requests answered from a subagent's queue, in order. */
  requestsOf(marker: string): any[] {
    return this.requests.filter((r) => r.marker === marker).map((r) => r.body);
  }

  private markerOf(body: any): string | undefined {
    const first = (body.messages ?? [])[0];
    const text = typeof first?.content === 'string' ? first.content : JSON.stringify(first?.content ?? '');
    return [...this.byMarker.keys()].find((m) => text.includes(m));
  }

  get pendingTurns(): number {
    return this.turns.length;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Main-loop requests only, in order. */
  get mainRequests(): any[] {
    return this.requests.filter((r) => r.main).map((r) => r.body);
  }

  /** Everything the model was shown in main-loop requests from index `from` on, as one string. */
  seenSince(from: number): string {
    return this.mainRequests
      .slice(from)
      .map((b) => JSON.stringify(b.messages ?? []))
      .join('\n');
  }

  /** The text the model saw in the latest main-loop request (messages and system prompt). */
  lastSeen(): string {
    const last = this.mainRequests.at(-1);
    return last ? JSON.stringify(last.messages ?? []) : '';
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (!req.url?.startsWith('/v1/messages')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    let body: any = {};
    try {
      body = JSON.parse(raw);
    } catch {
      /* keep {} */
    }
    if (req.url.includes('count_tokens')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"input_tokens":10}');
      return;
    }
    const main = Array.isArray(body.tools) && body.tools.length > 0;
    const marker = main ? this.markerOf(body) : undefined;
    const recorded: RecordedRequest = { main: main && !marker, body, marker, arrivedAt };
    this.requests.push(recorded);
    const queue = marker ? this.byMarker.get(marker)! : this.turns;
    const turn: ModelTurn = main ? (queue.shift() ?? { text: 'Done.' }) : { text: 'Parallel work' };
    this.respond(res, body, turn, recorded);
  }

  private respond(res: ServerResponse, body: any, turn: ModelTurn, recorded: RecordedRequest): void {
    const blocks: any[] = [];
    if ('text' in turn && turn.text) blocks.push({ type: 'text', text: turn.text });
    const calls = 'tools' in turn ? turn.tools : 'tool' in turn ? [{ tool: turn.tool, input: turn.input }] : [];
    for (const c of calls) {
      blocks.push({ type: 'tool_use', id: `toolu_fake_${++this.toolUseCounter}`, name: c.tool, input: c.input });
    }
    const stop = calls.length > 0 ? 'tool_use' : 'end_turn';
    recorded.stopReason = stop;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('message_start', {
      type: 'message_start',
      message: {
        id: `msg_fake_${this.requests.length}`,
        type: 'message',
        role: 'assistant',
        model: body.model ?? 'claude-fake',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 1 },
      },
    });
    blocks.forEach((b, index) => {
      if (b.type === 'text') {
        send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
        send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } });
      } else {
        send('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} },
        });
        send('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) },
        });
      }
      send('content_block_stop', { type: 'content_block_stop', index });
    });
    send('message_delta', { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 5 } });
    send('message_stop', { type: 'message_stop' });
    res.end(() => (recorded.answeredAt = performance.now()));
  }
}
