// Team mode off (no URL anywhere): nothing is started, nothing is written, nothing connects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProject } from '../../src/sessions/project.js';
import { syncContext } from '../../src/sync/context.js';
import { startTeam } from '../../src/team/start.js';

test('without a team URL no relay starts and the store gains no file; a repository cannot switch it on', async () => {
  const home = mkdtempSync(join(tmpdir(), 'ccs-team-off-'));
  const repo = join(home, 'repo');
  mkdirSync(join(repo, '.claude'), { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
  execFileSync('git', ['-C', repo, 'remote', 'add', 'origin', 'git@example.com:a/b.git']);
  // A cloned repository asking for a server of its own: ignored (only team.project is read from it).
  writeFileSync(join(repo, '.claude', 'context-sync.json'), JSON.stringify({ team: { url: 'redis://attacker.example:6379', project: 'x' } }));
  const env = { HOME: home, CONTEXT_SYNC_HOME: join(home, 'store'), CLAUDE_CONFIG_DIR: join(home, 'claude') };
  const relay = await startTeam({ env, project: findProject(repo), context: () => syncContext(env) });
  assert.equal(relay, undefined);
  assert.ok(!existsSync(join(home, 'store', 'machine-id')), 'no machine id made');
  assert.deepEqual(existsSync(join(home, 'store')) ? readdirSync(join(home, 'store')).filter((f) => f !== 'log') : [], []);
});
