// The store's file guards on a real temp dir: only regular files are read (a FIFO answers at once,
// /dev/zero is refused, a file over the cap is refused), and removals never go through a planted link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ownFolder, readText, readUserFile, realFolders, removeTree } from '../../src/store/fsx.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'ccs-fsx-'));
}

test('a user\'s file is read only when it is a regular file within the cap; a FIFO answers at once, a device is never read', () => {
  const d = tmp();
  try {
    writeFileSync(join(d, 'ok.ts'), 'hello');
    spawnSync('mkfifo', [join(d, 'pipe')]);
    mkdirSync(join(d, 'dir'));
    symlinkSync('/dev/zero', join(d, 'zero-link'));
    writeFileSync(join(d, 'big'), 'x'.repeat(2000));
    const ok = readUserFile(join(d, 'ok.ts'), 100);
    assert.ok(ok.ok && ok.data.toString() === 'hello');
    assert.deepEqual(readUserFile(join(d, 'pipe'), 100), { ok: false, why: 'not a regular file', detail: 'FIFO' });
    assert.deepEqual(readUserFile(join(d, 'dir'), 100), { ok: false, why: 'not a regular file', detail: 'directory' });
    assert.deepEqual(readUserFile(join(d, 'zero-link'), 100), { ok: false, why: 'not a regular file', detail: 'character device' });
    assert.equal(readUserFile(join(d, 'big'), 1000).ok, false);
    const missing = readUserFile(join(d, 'missing'), 100);
    assert.ok(!missing.ok && missing.why === 'missing');
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('a store file that is a FIFO or a link is refused, not waited on or followed', () => {
  const d = tmp();
  try {
    spawnSync('mkfifo', [join(d, 'meta.json')]);
    assert.throws(() => readText(join(d, 'meta.json')), /not a regular file/);
    symlinkSync('/etc/hostname', join(d, 'link.json'));
    assert.throws(() => readText(join(d, 'link.json')), { code: 'ELOOP' });
    assert.equal(readText(join(d, 'absent.json')), undefined);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('removals and new folders never go through a link planted in the store', () => {
  const root = tmp();
  const outside = tmp();
  try {
    mkdirSync(join(outside, 'victim'), { recursive: true });
    writeFileSync(join(outside, 'victim', 'precious'), 'x');
    mkdirSync(join(root, 'projects'), { recursive: true });
    symlinkSync(outside, join(root, 'projects', 'p'));
    assert.equal(realFolders(root, join(root, 'projects', 'p', 'victim')), false);
    assert.throws(() => removeTree(root, join(root, 'projects', 'p', 'victim'), join(root, 'trash')), /refusing to go through/);
    assert.ok(existsSync(join(outside, 'victim', 'precious')), 'nothing removed through the link');
    // A link in the place of the trash: the tree is not carried there.
    mkdirSync(join(root, 'projects', 'q', 's1'), { recursive: true });
    symlinkSync(outside, join(root, 'trash'));
    assert.throws(() => removeTree(root, join(root, 'projects', 'q', 's1'), join(root, 'trash')), /refusing to go through/);
    assert.deepEqual(readdirSync(outside), ['victim']);
    // A link in the place of the entry itself is unlinked, not followed.
    symlinkSync(join(outside, 'victim'), join(root, 'projects', 'q', 's2'));
    rmSync(join(root, 'trash'));
    removeTree(root, join(root, 'projects', 'q', 's2'), join(root, 'trash'));
    assert.ok(!existsSync(join(root, 'projects', 'q', 's2')) && existsSync(join(outside, 'victim', 'precious')));
    symlinkSync(outside, join(root, 'pending'));
    assert.throws(() => ownFolder(root, join(root, 'pending')), /refusing to go through/);
    assert.equal(ownFolder(root, join(root, 'handover')), join(root, 'handover'));
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});
