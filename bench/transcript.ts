// Transcript extraction benchmark: a ~200 MB synthetic transcript shaped like Claude Code 2.1.330's
// (turns of prompt, attachments, streamed assistant blocks, Read/Edit/Bash calls whose results
// carry file contents, bookkeeping records, a few rewinds and subagent side chains) is digested
// from scratch, then 1 MB is appended and the incremental update is timed.
//
//   node scripts/build.mjs --tests && node .build/bench/transcript.js [sizeMB]
//
// The temp file lives outside the repository and is removed at the end.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { catchUp } from '../src/transcript/catch-up.js';
import { viewDigest } from '../src/transcript/digest.js';
import { emptyDigest } from '../src/transcript/digest-types.js';
import { digestFrom } from '../src/transcript/digest-check.js';
import { initialReaderState } from '../src/transcript/reader.js';
import { sampleForPrompt } from '../src/transcript/sample.js';
import { offlineSummary } from '../src/summarizer/offline.js';

const MB = 1 << 20;
const targetMB = Number(process.argv[2] ?? 200);
const cwd = '/home/dev/monorepo';
const sessionId = randomUUID();

/** Deterministic pseudo-random numbers, so runs are comparable. */
let seed = 42;
const rand = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const words = 'the parser cache route handler token session refactor migration schema test fixture config build error retry queue worker index render state hook'.split(' ');
const prose = (n: number) => Array.from({ length: n }, () => pick(words)).join(' ') + '.';
const code = (lines: number) =>
  Array.from({ length: lines }, (_, i) => `  const ${pick(words)}${i} = ${pick(words)}(${pick(words)}, ${i}); // ${pick(words)} — é`).join('\n');
const files = Array.from({ length: 120 }, (_, i) => `${cwd}/packages/${pick(words)}/src/${pick(words)}${i}.ts`);

class Writer {
  last: string | null = null;
  private clock = Date.parse('2026-11-01T08:00:00.000Z');
  private buf: string[] = [];
  private pending = 0;
  written = 0;
  private turn = 0;
  constructor(private readonly fd: number) {}

  private emit(r: object): void {
    const line = JSON.stringify(r) + '\n';
    this.buf.push(line);
    this.pending += line.length;
    if (this.pending > 4 * MB) this.flush();
  }

  flush(): void {
    const data = this.buf.join('');
    this.written += writeSync(this.fd, data);
    this.buf = [];
    this.pending = 0;
  }

  private rec(type: string, extra: object, side = false, parent?: string | null): string {
    const uuid = randomUUID();
    this.clock += 700;
    this.emit({
      parentUuid: parent === undefined ? this.last : parent,
      isSidechain: side,
      type,
      ...extra,
      uuid,
      timestamp: new Date(this.clock).toISOString(),
      userType: 'external',
      entrypoint: 'cli',
      cwd,
      sessionId,
      version: '2.1.330',
      gitBranch: 'main',
    });
    if (!side) this.last = uuid;
    return uuid;
  }

  private assistant(content: object, id: string, side = false, parent?: string): string {
    return this.rec('assistant', { message: { id, type: 'message', role: 'assistant', model: 'claude-opus-5-5', content: [content], usage: { input_tokens: 30000, output_tokens: 400 } } }, side, parent);
  }

  private toolTurn(msgId: string): void {
    const kind = rand();
    const id = `toolu_${randomUUID().slice(0, 12)}`;
    const file = pick(files);
    let input: object;
    let result: string;
    let toolUseResult: object;
    if (kind < 0.35) {
      const content = code(60 + Math.floor(rand() * 200));
      input = { file_path: file };
      result = content;
      toolUseResult = { type: 'text', file: { filePath: file, content, numLines: 200, startLine: 1, totalLines: 200 } };
    } else if (kind < 0.7) {
      const original = code(80 + Math.floor(rand() * 150));
      input = { file_path: file, old_string: code(3), new_string: code(5), replace_all: false };
      result = `The file ${file} has been updated.`;
      toolUseResult = { filePath: file, oldString: code(3), newString: code(5), originalFile: original, structuredPatch: [{ oldStart: 10, oldLines: 3, newStart: 10, newLines: 5, lines: code(8).split('\n') }] };
    } else {
      input = { command: pick(['npm test', 'npm run build', 'git status --short', 'git diff --stat', 'npx tsc --noEmit']), description: prose(4) };
      result = code(20 + Math.floor(rand() * 60));
      toolUseResult = { stdout: result, stderr: '', interrupted: false, isImage: false };
    }
    const name = kind < 0.35 ? 'Read' : kind < 0.7 ? 'Edit' : 'Bash';
    const call = this.assistant({ type: 'tool_use', id, name, input }, msgId);
    this.rec('user', { message: { role: 'user', content: [{ tool_use_id: id, type: 'tool_result', content: result }] }, toolUseResult, sourceToolAssistantUUID: call }, false, call);
  }

  /** One user turn: prompt, attachments, several model calls with tools, a closing statement. */
  writeTurn(): void {
    this.turn += 1;
    const forkPoint = this.last;
    this.rec('user', { message: { role: 'user', content: `${prose(20 + Math.floor(rand() * 80))} (turn ${this.turn})` } });
    this.rec('attachment', { attachment: { type: 'date', date: '2026-11-01' } });
    this.emit({ type: 'queue-operation', operation: 'dequeue', timestamp: new Date(this.clock).toISOString(), sessionId });
    const calls = 3 + Math.floor(rand() * 8);
    for (let i = 0; i < calls; i++) {
      const msgId = `msg_${randomUUID().slice(0, 16)}`;
      this.assistant({ type: 'thinking', thinking: prose(60), signature: 'x'.repeat(200) }, msgId);
      if (rand() < 0.5) this.assistant({ type: 'text', text: prose(30) }, msgId);
      this.toolTurn(msgId);
      this.emit({ type: 'api-request', sessionId, id: randomUUID(), timestamp: new Date(this.clock).toISOString(), params: { model: 'claude-opus-5-5', max_tokens: 128000 } });
    }
    if (rand() < 0.1) {
      // A subagent side chain.
      let parent: string = this.rec('user', { message: { role: 'user', content: prose(30) } }, true, null);
      for (let i = 0; i < 5; i++) parent = this.assistant({ type: 'text', text: prose(40) }, `msg_${randomUUID().slice(0, 16)}`, true, parent);
    }
    this.assistant({ type: 'text', text: `I'll keep going with the ${pick(words)} change. ${prose(40)}` }, `msg_${randomUUID().slice(0, 16)}`);
    this.emit({ type: 'last-prompt', lastPrompt: prose(10), leafUuid: this.last, sessionId });
    // Now and then the user rewinds the turn just written.
    if (rand() < 0.03 && forkPoint !== null) this.last = forkPoint;
  }
}

function writeUntil(w: Writer, bytes: number): void {
  const start = w.written;
  while (w.written - start < bytes) {
    w.writeTurn();
    if (w.written - start + 4 * MB > bytes) w.flush();
  }
  w.flush();
}

const dir = mkdtempSync(join(tmpdir(), 'ccs-bench-transcript-'));
const path = join(dir, `${sessionId}.jsonl`);
try {
  const fd = openSync(path, 'a');
  const writer = new Writer(fd);
  let t = performance.now();
  writeUntil(writer, targetMB * MB);
  const size = statSync(path).size;
  console.log(`generated ${(size / MB).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s (peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`);

  t = performance.now();
  const full = await catchUp(path, { reader: initialReaderState(), digest: emptyDigest() });
  const fullMs = performance.now() - t;
  t = performance.now();
  viewDigest(full.digest);
  const viewMs = performance.now() - t;

  writeUntil(writer, MB);
  closeSync(fd);
  const appended = statSync(path).size - size;

  t = performance.now();
  const inc = await catchUp(path, full);
  const incMs = performance.now() - t;

  // A hook persists the digest between runs: time the JSON round trip it would pay.
  t = performance.now();
  const json = JSON.stringify(inc.digest);
  const back = digestFrom(JSON.parse(json));
  const roundTripMs = performance.now() - t;
  if (!back) throw new Error('digest did not survive its JSON round trip');

  t = performance.now();
  const sample = sampleForPrompt(inc.digest, 24_000);
  const summary = offlineSummary(inc.digest, []);
  const outputMs = performance.now() - t;

  const v = viewDigest(inc.digest);
  const ratio = incMs / fullMs;
  console.log(`full extraction (reader + digest): ${fullMs.toFixed(0)} ms for ${full.digest.records} records (${((size / MB) / (fullMs / 1000)).toFixed(0)} MB/s)`);
  console.log(`incremental update (+${(appended / MB).toFixed(2)} MB, ${inc.digest.records - full.digest.records} records): ${incMs.toFixed(1)} ms`);
  console.log(`ratio incremental/full: ${(ratio * 100).toFixed(2)}% (limit 2%) ${ratio <= 0.02 ? 'OK' : 'OVER'}`);
  console.log(`view: ${viewMs.toFixed(1)} ms; sample + offline summary: ${outputMs.toFixed(1)} ms; digest JSON ${(json.length / 1024).toFixed(0)} KB, round trip ${roundTripMs.toFixed(1)} ms`);
  console.log(`digest: ${v.counts.userMessages} user messages, ${v.counts.toolCalls} tool calls, ${v.filesEdited.length} files edited, ${v.counts.abandonedRecords} abandoned records, ${v.counts.subagentRecords} subagent records; sample ${sample.length} chars; task "${summary.task.slice(0, 60)}…"`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  if (ratio > 0.02) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
