#!/usr/bin/env node
// Runs the whole suite: node --test over the transpiled tests in .build/test.
// `npm test -- unit store` runs only the tiers (folders under test/) named.
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

const files = walk(root).filter((f) => tiers.length === 0 || tiers.some((t) => f.slice(root.length).startsWith(t)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
