// Runs one of test/fixtures/mod/*.test.ts.txt with Claude Code's own test kit (`claude plugin test`)
// against a copy of the built plugin/: the hooks module is loaded as a session would load it, and
// the fixture's hooks stand for the engine beneath it.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { claudeBin, pluginDir, repoRoot } from './claude.js';

/** The kit's exit status and everything it printed. */
export function runKitFixture(fixture: string): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ccs-kit-'));
  cpSync(pluginDir, dir, { recursive: true });
  writeFileSync(join(dir, fixture.replace(/\.txt$/, '')), readFileSync(join(repoRoot, 'test/fixtures/mod', fixture), 'utf8'));
  const r = spawnSync(claudeBin, ['plugin', 'test', dir], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: dir, DISABLE_AUTOUPDATER: '1' } });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}
