#!/usr/bin/env node
// Runs the whole suite: node --test over the transpiled tests in .build/test.
// `npm test -- unit store` runs only the tiers (folders under test/) named. `e2e-classic` (part of the
// whole suite) runs the end-to-end scenarios again on the classic hooks path (CONTEXT_SYNC_MOD=0):
// the hooks module is the default path, and both must behave the same.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('../.build/test/', import.meta.url).pathname;
const tiers = process.argv.slice(2).filter((a) => !a.startsWith('-'));

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

/** The scenarios that run on both paths: everything a session does through its hooks. */
const BOTH_PATHS = ['conflicts', 'messaging', 'git-guard', 'context', 'structured-conflicts', 'subagents'].map((n) => `e2e/${n}.test.js`);
const classic = tiers.length === 0 || tiers.includes('e2e-classic');
const named = tiers.filter((t) => t !== 'e2e-classic');
const files = tiers.length === 0 || named.length ? walk(root).filter((f) => named.length === 0 || named.some((t) => f.slice(root.length).startsWith(t))) : [];
const classicFiles = classic ? walk(root).filter((f) => BOTH_PATHS.includes(f.slice(root.length))) : [];
if (files.length === 0 && classicFiles.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
let status = 0;
if (files.length) status = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' }).status ?? 1;
if (classicFiles.length) {
  console.log('\n# the same end-to-end scenarios on the classic hooks path (CONTEXT_SYNC_MOD=0)');
  const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...classicFiles], { stdio: 'inherit', env: { ...process.env, CONTEXT_SYNC_MOD: '0' } });
  status ||= r.status ?? 1;
}
process.exit(status);
