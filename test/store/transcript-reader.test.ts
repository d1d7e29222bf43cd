import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialReaderState, readerStateFrom, readNewRecords, type ReaderState } from '../../src/transcript/reader.js';
import { catchUp } from '../../src/transcript/catch-up.js';
import { viewDigest } from '../../src/transcript/digest.js';
import { emptyDigest } from '../../src/transcript/digest-types.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccs-reader-'));
  file = join(dir, 'session.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (o: unknown) => JSON.stringify(o) + '\n';

test('a missing transcript reads as empty', async () => {
  const r = await readNewRecords(join(dir, 'absent.jsonl'), initialReaderState());
  assert.deepEqual(r.records, []);
  assert.equal(r.atEnd, true);
  assert.equal(r.state.offset, 0);
});

test('a half-written last line is left for the next read, then read once complete', async () => {
  const first = line({ type: 'user', n: 1 });
  const second = line({ type: 'assistant', n: 2 });
  writeFileSync(file, first + second.slice(0, 10));
  const a = await readNewRecords(file, initialReaderState());
  assert.deepEqual(a.records, [{ type: 'user', n: 1 }]);
  assert.equal(a.state.offset, Buffer.byteLength(first));
  assert.equal(a.invalidLines, 0);

  // Nothing new: the partial line is still not consumed, and not counted as bad.
  const b = await readNewRecords(file, a.state);
  assert.deepEqual(b.records, []);
  assert.equal(b.state.offset, a.state.offset);

  appendFileSync(file, second.slice(10));
  const c = await readNewRecords(file, b.state);
  assert.deepEqual(c.records, [{ type: 'assistant', n: 2 }]);
  assert.equal(c.state.offset, Buffer.byteLength(first + second));
  assert.equal(c.state.invalidLines, 0);
});

test('multi-byte characters split across read chunks decode intact, whatever the chunk size', async () => {
  const texts = ['Très bien — 日本語のテキスト', 'emoji 🚦🧪 and “quotes”', 'ascii only'];
  writeFileSync(file, texts.map((t, i) => line({ type: 'user', i, t })).join(''));
  for (const chunkSize of [1, 2, 3, 5, 7, 13, 64]) {
    const r = await readNewRecords(file, initialReaderState(), { chunkSize });
    assert.deepEqual(
      r.records.map((x) => x.t),
      texts,
      `chunkSize ${chunkSize}`,
    );
    assert.equal(r.invalidLines, 0);
  }
});

test('a line cut in the middle of a multi-byte character is retried, not decoded broken', async () => {
  const full = Buffer.from(line({ type: 'user', t: 'naïve 🚦' }));
  const cut = full.indexOf(Buffer.from('🚦')) + 2; // inside the 4-byte emoji
  writeFileSync(file, full.subarray(0, cut));
  const a = await readNewRecords(file, initialReaderState(), { chunkSize: 3 });
  assert.deepEqual(a.records, []);
  assert.equal(a.state.offset, 0);
  appendFileSync(file, full.subarray(cut));
  const b = await readNewRecords(file, a.state, { chunkSize: 3 });
  assert.deepEqual(b.records, [{ type: 'user', t: 'naïve 🚦' }]);
});

test('lines that are not JSON objects are skipped and counted; blank lines are not', async () => {
  writeFileSync(
    file,
    line({ type: 'user', n: 1 }) + '{"type":"assistant", broken\n' + '\n' + '[1,2]\n' + '42\n' + line({ type: 'user', n: 2 }) + '\r\n',
  );
  const r = await readNewRecords(file, initialReaderState(), { chunkSize: 4 });
  assert.deepEqual(
    r.records.map((x) => x.n),
    [1, 2],
  );
  assert.equal(r.invalidLines, 3);
  assert.equal(r.state.invalidLines, 3);
  appendFileSync(file, 'garbage\n');
  const again = await readNewRecords(file, r.state);
  assert.equal(again.state.invalidLines, 4, 'the count is cumulative across reads');
});

test('only bytes after the offset are read', async () => {
  writeFileSync(file, line({ type: 'user', n: 1 }));
  const a = await readNewRecords(file, initialReaderState());
  appendFileSync(file, line({ type: 'user', n: 2 }) + line({ type: 'user', n: 3 }));
  const b = await readNewRecords(file, a.state);
  assert.deepEqual(
    b.records.map((x) => x.n),
    [2, 3],
  );
  assert.equal(b.restarted, false);
});

test('a transcript that shrank is read again from the start', async () => {
  writeFileSync(file, line({ type: 'user', n: 1 }) + line({ type: 'user', n: 2 }));
  const a = await readNewRecords(file, initialReaderState());
  truncateSync(file, 0);
  appendFileSync(file, line({ type: 'user', n: 9 }));
  const b = await readNewRecords(file, a.state);
  assert.equal(b.restarted, true);
  assert.deepEqual(
    b.records.map((x) => x.n),
    [9],
  );
});

test('a transcript replaced by another file (new inode) is read from the start even if longer', async () => {
  writeFileSync(file, line({ type: 'user', n: 1 }));
  const a = await readNewRecords(file, initialReaderState());
  const other = join(dir, 'other.jsonl');
  writeFileSync(other, line({ type: 'user', n: 7 }) + line({ type: 'user', n: 8 }));
  renameSync(other, file);
  const b = await readNewRecords(file, a.state);
  assert.equal(b.restarted, true);
  assert.deepEqual(
    b.records.map((x) => x.n),
    [7, 8],
  );
});

test('maxBytes slices a backlog; every record is returned exactly once', async () => {
  const lines = Array.from({ length: 200 }, (_, n) => line({ type: 'user', n, pad: 'é'.repeat(n % 17) }));
  writeFileSync(file, lines.join(''));
  let state: ReaderState = initialReaderState();
  const seen: number[] = [];
  let calls = 0;
  for (;;) {
    const r = await readNewRecords(file, state, { chunkSize: 97, maxBytes: 1000 });
    calls += 1;
    seen.push(...r.records.map((x) => x.n as number));
    state = r.state;
    if (r.atEnd) break;
  }
  assert.ok(calls > 5, `sliced into ${calls} calls`);
  assert.deepEqual(
    seen,
    Array.from({ length: 200 }, (_, n) => n),
  );
});

test('a line longer than maxLineBytes is skipped without stopping the reader', async () => {
  writeFileSync(file, line({ type: 'user', big: 'x'.repeat(5000) }) + line({ type: 'user', n: 2 }));
  const r = await readNewRecords(file, initialReaderState(), { chunkSize: 256, maxLineBytes: 1024 });
  assert.deepEqual(r.records, [{ type: 'user', n: 2 }]);
  assert.equal(r.invalidLines, 1);
});

test('a reader state read back from disk is validated', () => {
  assert.deepEqual(readerStateFrom({ offset: 12, invalidLines: 1, ino: 5 }), { offset: 12, invalidLines: 1, ino: 5 });
  assert.deepEqual(readerStateFrom({ offset: -1, invalidLines: 0 }), initialReaderState());
  assert.deepEqual(readerStateFrom('nope'), initialReaderState());
  assert.deepEqual(readerStateFrom({ offset: 1.5, invalidLines: 0 }), initialReaderState());
});

test('catchUp follows a growing transcript in bounded slices and starts over when it is rewritten', async () => {
  const prompt = (n: number, parent: string | null) =>
    line({ type: 'user', uuid: `u${n}`, parentUuid: parent, message: { role: 'user', content: `prompt ${n} — ✓` } });
  writeFileSync(file, prompt(1, null) + prompt(2, 'u1') + prompt(3, 'u2').slice(0, 9));
  let p = await catchUp(file, { reader: initialReaderState(), digest: emptyDigest() }, { maxBytes: 40, chunkSize: 16 });
  assert.equal(viewDigest(p.digest).counts.userMessages, 2);
  appendFileSync(file, prompt(3, 'u2').slice(9) + prompt(4, 'u3'));
  p = await catchUp(file, p, { maxBytes: 40, chunkSize: 16 });
  assert.deepEqual(
    viewDigest(p.digest).latestUserRequests.map((t) => t.text),
    ['prompt 1 — ✓', 'prompt 2 — ✓', 'prompt 3 — ✓', 'prompt 4 — ✓'],
  );
  writeFileSync(file, prompt(9, null));
  p = await catchUp(file, p);
  assert.deepEqual(
    viewDigest(p.digest).latestUserRequests.map((t) => t.text),
    ['prompt 9 — ✓'],
  );
});
