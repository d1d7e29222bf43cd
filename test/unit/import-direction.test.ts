// Dependencies point one way: an engineer who changes core/ must not find the store, the hook frame
// or the MCP server behind it, and a bundle must not drag in a layer above its own. Every import
// under src/ and hooks/ is read (TypeScript's own pre-parser: comments and strings are not imports)
// and judged against the layers below. No exceptions list: a new import that points up fails here.
//
// Layers, highest first:
//   4 entry points: hooks/, src/mcp/main.ts, src/cli/main.ts, src/mod/ (nothing imports them)
//   3 adapters: hooks-core, mcp, cli, dashboard, team. Each turns one outside protocol (hook stdin and
//     stdout, MCP frames, the terminal, the browser, Redis) into calls on sync. They form one layer
//     because the MCP server is where the hooks module's events are answered: mcp/tools/mod.ts runs
//     the very handlers the hook bundles run (hooks-core/handlers), and the dashboard offers the MCP
//     tools' actions to the person. Within the layer the folders must not form a cycle, so the hook
//     frame can never come to depend on the server that hosts it.
//   2 sync: the decisions of one hook call or tool call, over the store.
//   1 sessions, store, summarizer, transcript, config: reading and writing the world.
//   0 core, symbols, generated: pure logic (generated/ is the ajv code compiled from schema/).
// A folder under src/ that is in no layer fails the test: place it before it grows imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../harness/claude.js';

const ENTRY = 4;
const RANK: Record<string, number> = {
  'hooks-core': 3, mcp: 3, cli: 3, dashboard: 3, team: 3,
  sync: 2,
  sessions: 1, store: 1, summarizer: 1, transcript: 1, config: 1,
  core: 0, symbols: 0, generated: 0,
};
const ENTRY_FILES = new Set(['src/mcp/main.ts', 'src/cli/main.ts']);

/** The unit a file belongs to (a folder under src/, or one entry point) and that unit's layer. */
export function placeOf(file: string): { unit: string; rank: number | undefined } {
  if (file.startsWith('hooks/')) return { unit: 'hooks', rank: ENTRY };
  if (ENTRY_FILES.has(file)) return { unit: file, rank: ENTRY };
  const folder = file.split('/')[1] ?? '';
  if (folder === 'mod') return { unit: 'src/mod', rank: ENTRY };
  return { unit: `src/${folder}`, rank: RANK[folder] };
}

/** Why `from` may not import `to` (both repository-relative), or undefined when it may. */
export function wrongWay(from: string, to: string): string | undefined {
  const a = placeOf(from);
  const b = placeOf(to);
  if (a.rank === undefined) return `${from} is in no layer`;
  if (b.rank === undefined) return `${to} is in no layer`;
  if (a.unit === b.unit) return undefined;
  if (b.rank === ENTRY) return `${from} imports the entry point ${to}`;
  if (b.rank > a.rank) return `${from} (layer ${a.rank}) imports ${to} (layer ${b.rank})`;
  return undefined;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every relative import of the project's own code: [importer, imported], repository-relative. */
function projectImports(): Array<[string, string]> {
  const edges: Array<[string, string]> = [];
  for (const file of [...sources(join(repoRoot, 'src')), ...sources(join(repoRoot, 'hooks'))]) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      let target = resolve(dirname(file), fileName);
      const asTs = target.replace(/\.js$/, '.ts');
      if (!existsSync(target) && existsSync(asTs)) target = asTs;
      edges.push([relative(repoRoot, file), relative(repoRoot, target)]);
    }
  }
  return edges;
}

const edges = projectImports();

test('the judge itself: an import up a layer or into an entry point is refused, one down is allowed', () => {
  assert.match(wrongWay('src/core/records.ts', 'src/store/fsx.ts') ?? '', /layer 0.*layer 1/);
  assert.match(wrongWay('src/sync/edits.ts', 'src/hooks-core/run.ts') ?? '', /layer 2.*layer 3/);
  assert.match(wrongWay('src/hooks-core/run.ts', 'src/mcp/main.ts') ?? '', /entry point/);
  assert.match(wrongWay('src/core/x.ts', 'src/newfolder/y.ts') ?? '', /no layer/);
  assert.equal(wrongWay('src/mcp/tools/mod.ts', 'src/hooks-core/handlers/index.ts'), undefined);
  assert.equal(wrongWay('hooks/pre-tool-use.ts', 'src/hooks-core/run.ts'), undefined);
  assert.equal(wrongWay('src/mod/main.ts', 'src/mod/judge.ts'), undefined);
  // The reader sees the imports that are there (type-only ones included): an empty list passes anything.
  assert.ok(edges.some(([a, b]) => a === 'src/core/records.ts' && b === 'src/core/ids.ts'));
  assert.ok(edges.some(([a, b]) => a === 'src/hooks-core/run.ts' && b === 'src/sync/hook-protocol.ts'));
});

test('every import under src/ and hooks/ points down the layers or stays in its folder', () => {
  const wrong = edges.map(([a, b]) => wrongWay(a, b)).filter((w): w is string => w !== undefined);
  assert.deepEqual(wrong, []);
});

test('the folders import each other without a cycle', () => {
  const next = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    const ua = placeOf(a).unit;
    const ub = placeOf(b).unit;
    if (ua !== ub) next.set(ua, (next.get(ua) ?? new Set()).add(ub));
  }
  const done = new Set<string>();
  const cycles: string[] = [];
  const visit = (unit: string, path: string[]): void => {
    if (path.includes(unit)) {
      cycles.push([...path.slice(path.indexOf(unit)), unit].join(' -> '));
      return;
    }
    if (done.has(unit)) return;
    for (const n of next.get(unit) ?? []) visit(n, [...path, unit]);
    done.add(unit);
  };
  for (const unit of [...next.keys()].sort()) visit(unit, []);
  assert.deepEqual(cycles, []);
});
