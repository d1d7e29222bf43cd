import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveTranscriptWatcher } from '../../src/summarizer/watcher.js';
import { holdsFor, until } from '../harness/wait.js';

/** Appends to a transcript until the watcher reports it (chokidar's initial scan takes a moment). */
const appendUntilSeen = (file: string, changed: string[]) =>
  until(`a change of ${file} is reported`, () => {
    appendFileSync(file, '{"type":"user"}\n');
    return changed.includes(file);
  }, { every: 50 });

test('watches only the live sessions\' transcripts, follows sessions coming and going, reports changes', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ccs-watch-'));
  const registry = join(root, 'sessions');
  mkdirSync(registry);
  const a = join(root, 'a.jsonl');
  const b = join(root, 'b.jsonl');
  const notLive = join(root, 'old.jsonl');
  for (const f of [a, b, notLive]) writeFileSync(f, '{}\n');
  let live = [a];
  const changed: string[] = [];
  const w = new LiveTranscriptWatcher({ registryDir: registry, transcripts: () => live, onChange: (p) => changed.push(p), debounceMs: 10 });
  w.start();
  try {
    assert.deepEqual(w.watched(), [a]);
    appendFileSync(notLive, '{"type":"user"}\n');
    await appendUntilSeen(a, changed);
    assert.equal(changed.includes(notLive), false, 'a transcript of no live session is not watched');

    // B starts: its registry entry appears, the watched set is re-evaluated without any tool call.
    live = [a, b];
    writeFileSync(join(registry, '4242.json'), '{}');
    await until('B is watched', () => w.watched().includes(b));
    await appendUntilSeen(b, changed);

    // A ends: no longer watched.
    live = [b];
    rmSync(join(registry, '4242.json'));
    await until('A is no longer watched', () => !w.watched().includes(a));
  } finally {
    await w.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('without a registry directory, re-evaluation falls back to an unref\'d timer; close() stops everything', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ccs-watch-'));
  let calls = 0;
  const w = new LiveTranscriptWatcher({ registryDir: join(root, 'absent'), transcripts: () => (calls++, []), onChange: () => {}, fallbackIntervalMs: 30 });
  w.start();
  await until('three re-evaluations by the timer', () => calls >= 3);
  await w.close();
  const after = calls;
  await holdsFor('no re-evaluation after close()', () => calls === after, 100);
  rmSync(root, { recursive: true, force: true });
});
