// The committed plugin/ is exactly what the sources build: installing a plugin never runs a build,
// so a stale bundle would ship old behaviour to every user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot, pluginDir } from '../harness/claude.js';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

test('the build is reproducible: a fresh build into another folder matches plugin/ byte for byte', () => {
  const out = mkdtempSync(join(tmpdir(), 'ccs-build-'));
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const fresh = files(out).map((f) => relative(out, f)).sort();
  const committed = files(pluginDir).map((f) => relative(pluginDir, f)).sort();
  assert.deepEqual(committed, fresh);
  for (const f of fresh) {
    assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(pluginDir, f))), `plugin/${f} is stale: run npm run build and commit`);
  }
});

test('bundles run with no node_modules and no package.json beside them', () => {
  const r = spawnSync(process.execPath, [join(pluginDir, 'dist/cli.mjs'), 'help'], { encoding: 'utf8', cwd: tmpdir() });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /context-sync status/);
  // Entry points and their chunks: ESM files that import nothing but Node built-ins and each other.
  for (const f of files(join(pluginDir, 'dist'))) {
    assert.match(f, /\.mjs$/);
    const text = readFileSync(f, 'utf8');
    // Import statements as esbuild writes them: `from"x"` after an import clause, or `import("x")`.
    for (const m of text.matchAll(/(?:\}from|\bimport\()\s*["']([^"']*)["']/g)) {
      const spec = m[1]!;
      const ok = spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!);
      assert.ok(ok, `${relative(pluginDir, f)} imports ${spec} at run time`);
    }
  }
});
