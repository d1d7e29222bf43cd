// What resolving one edit adds to the PostToolUse hook as it runs under Claude Code: the command from
// hooks.json on the classic path (a Node bundle per call; the hooks module path resolves in the
// session's MCP server or in Claude Code's process, where the resolver's warm time below applies), on an Edit in the middle of a
// real ~300-line file per language, against the same hook on the same content named .txt (no
// language: no resolver). Rounds interleave every case in a shuffled order, so machine noise hits all
// alike; medians. Next to it, the resolver's own time in a warm process, which noise barely touches.
//
//   node scripts/build.mjs --tests && node bench/symbols-corpus.mjs && node .build/bench/symbols-warm-cost.js [rounds]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeRegistry } from '../test/harness/fake-registry.js';
import { Sandbox, pluginDir } from '../test/harness/claude.js';
import { enclosingSymbolsLazy } from '../src/symbols/lazy.js';
import { seededRandom, shuffled } from './symbols-sampling.js';
import { extensionOf, typicalFiles, type CorpusFile } from './symbols-typical.js';

const corpusDir = process.env.CONTEXT_SYNC_SYMBOLS_CORPUS ?? join(tmpdir(), 'context-sync-symbols-corpus');
const rounds = Number(process.argv[2]) || 31;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

let files: CorpusFile[];
try {
  files = (JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { files: CorpusFile[] }).files;
} catch {
  process.stderr.write(`no corpus in ${corpusDir}: run node bench/symbols-corpus.mjs first\n`);
  process.exit(2);
}
const typical = typicalFiles(files);

const sb = new Sandbox('ccs-symcost-');
const sources: Record<string, string> = {};
for (const [language, f] of typical) {
  const text = readFileSync(join(corpusDir, 'files', f.file), 'utf8');
  sources[`src/sample-${language}.${extensionOf[language]}`] = text;
  sources[`src/sample-${language}.txt`] = text;
}
const repo = sb.repo('proj', sources);
const reg = new FakeRegistry();
const me = reg.add(repo);
/** A hooks.json command as Claude Code runs it, with the plugin root filled in. */
function hookCommand(event: string, i = 0): string {
  const hooks = JSON.parse(readFileSync(join(pluginDir, 'hooks', 'hooks.json'), 'utf8')).hooks;
  return (hooks[event][i].hooks[0].command as string).split('${CLAUDE_PLUGIN_ROOT}').join(pluginDir);
}
const env = { ...reg.env({ CLAUDE_PID: String(me.pid) }), CLAUDE_PLUGIN_ROOT: pluginDir };
const command = hookCommand('PostToolUse');

function payload(rel: string, line: number): string {
  const file = join(repo, rel);
  return JSON.stringify({
    session_id: me.sessionId, transcript_path: join(sb.root, 't.jsonl'), cwd: repo, permission_mode: 'default', hook_event_name: 'PostToolUse',
    tool_name: 'Edit', tool_input: { file_path: file, old_string: 'x', new_string: 'x' },
    tool_response: { filePath: file, structuredPatch: [{ oldStart: line, oldLines: 1, newStart: line, newLines: 1, lines: ['-x', '+x'] }] },
  });
}

function wall(input: string): number {
  const t0 = performance.now();
  const r = spawnSync('/bin/sh', ['-c', command], { input, env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`hook exited ${r.status}: ${r.stderr}`);
  return ms;
}

type Case = { key: string; input: string };
const cases: Case[] = [];
for (const [language, f] of typical) {
  const line = Math.max(1, Math.floor(f.lines / 2));
  cases.push({ key: `${language} source`, input: payload(`src/sample-${language}.${extensionOf[language]}`, line) });
  cases.push({ key: `${language} txt`, input: payload(`src/sample-${language}.txt`, line) });
}
// The service's first edit in a language loads that language's outliner: once per session.
for (const c of cases) wall(c.input);
const samples = new Map<string, number[]>(cases.map((c) => [c.key, []]));
const random = seededRandom('warm-cost');
for (let r = 0; r < rounds; r++) {
  for (const c of shuffled(cases, random)) samples.get(c.key)!.push(wall(c.input));
}

// The resolver alone in this (warm) process: what the service spends on it per edit.
async function resolveMs(text: string, language: CorpusFile['language'], line: number): Promise<number> {
  for (let i = 0; i < 5; i++) await enclosingSymbolsLazy(text, language, [[line, line]]);
  const xs: number[] = [];
  for (let i = 0; i < 201; i++) {
    const t0 = performance.now();
    await enclosingSymbolsLazy(text, language, [[line, line]]);
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

const header = ['language', 'lines', 'hook .txt', 'hook source', 'wall Δ', 'Δ share', 'resolve (in)', 'in share'];
const rows: string[][] = [];
const results: Array<Record<string, unknown>> = [];
let worstIn = 0;
let worstWall = 0;
for (const [language, f] of typical) {
  const txt = median(samples.get(`${language} txt`)!);
  const src = median(samples.get(`${language} source`)!);
  const inside = await resolveMs(sources[`src/sample-${language}.txt`]!, language, Math.max(1, Math.floor(f.lines / 2)));
  worstIn = Math.max(worstIn, inside / txt);
  worstWall = Math.max(worstWall, (src - txt) / txt);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  rows.push([language, String(f.lines), `${txt.toFixed(2)} ms`, `${src.toFixed(2)} ms`, `${(src - txt).toFixed(2)} ms`, pct((src - txt) / txt), `${inside.toFixed(3)} ms`, pct(inside / txt)]);
  results.push({ language, lines: f.lines, hookTxtMs: txt, hookSourceMs: src, resolveInProcessMs: inside });
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`PostToolUse as Claude Code runs it (warm service), one Edit mid-file, ${rounds} interleaved rounds, medians`);
console.log(fmt(header));
for (const r of rows) console.log(fmt(r));
console.log(`worst share: ${(100 * worstIn).toFixed(1)}% by the resolver's own time, ${(100 * worstWall).toFixed(1)}% by wall-time difference (noise: a fraction of a millisecond either way)`);
mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true });
writeFileSync(join(process.cwd(), 'bench', 'results', 'symbols-warm-cost.json'), JSON.stringify({ rounds, node: process.version, results }, null, 2) + '\n');
reg.close();
