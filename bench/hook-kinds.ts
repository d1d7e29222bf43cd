// What Claude Code itself charges per Edit for a plugin's hooks, by kind, with the real client (the
// pinned devDependency, or E2E_CLAUDE_BIN) against the scripted Messages API stand-in: from the end
// of the stand-in's `tool_use` answer to the client's next request, per Edit.
//
// Why this exists: the in-process module's own work costs an Edit a few ms, but Claude Code still
// runs the plugin's classic PreToolUse and PostToolUse hooks for every Edit (they are the fallback
// for clients without mods, and a plugin cannot mark them as standing down where its module loaded).
// Those hooks leave at once (a shell test of the module's marker), yet each costs the Edit as much
// as shown here. This run asks whether another kind of hook would be cheaper than a shell line.
//
// Variants, interleaved round by round in one run, each a plugin with nothing but its hooks:
//   none     a plugin with no hooks
//   shell    two `exit 0` command hooks (PreToolUse and PostToolUse, matcher Edit): a shell starts
//   exec     two command hooks in exec form (`/bin/true`, `args: []`): no shell, one process
//   mcptool  two `mcp_tool` hooks calling a trivial tool of the plugin's own stdio MCP server: no
//            process at all, one JSON-RPC round trip each
//   module   a hooks module whose `tool.call` hook passes every call through (the floor of the
//            in-process path)
// Prints medians and the difference from `none`; never asserts times. Exits 1 when a sanity check
// fails (an Edit did not apply; an mcp_tool hook never reached its server).
//   node .build/bench/hook-kinds.js [--rounds 5] [--edits 15] [--variants none,shell,exec,mcptool,module]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASS_THROUGH_MODULE, arg, editLatencies, writePlugin } from './client-timing.js';
import { Sandbox, Session, claudeBin } from '../test/harness/claude.js';

const ROUNDS = Number(arg('rounds', '5'));
const EDITS = Number(arg('edits', '15'));
const VARIANTS = arg('variants', 'none,shell,exec,mcptool,module').split(',');

const sb = new Sandbox('ccs-bench-hook-kinds-');
const repo = sb.repo('proj', { 'notes.txt': 'draft\n' });
const file = join(repo, 'notes.txt');

/**
 * A stdio MCP server (newline-delimited JSON-RPC) with one tool that answers an empty hook output.
 * It counts its tool calls in a file, so the run can tell the mcp_tool hooks really reached it.
 */
const SERVER = `
import { createInterface } from 'node:readline';
import { appendFileSync } from 'node:fs';
const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  let m;
  try { m = JSON.parse(line); } catch { return; }
  if (m.method === 'initialize') send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'noop', version: '0' } } });
  else if (m.method === 'tools/list') send({ jsonrpc: '2.0', id: m.id, result: { tools: [{ name: 'noop', description: 'answers {}', inputSchema: { type: 'object' } }] } });
  else if (m.method === 'tools/call') { appendFileSync(process.env.NOOP_CALLS, 'x'); send({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text: '{}' }] } }); }
  else if (m.id !== undefined) send({ jsonrpc: '2.0', id: m.id, result: {} });
});
`;
const serverFile = join(sb.root, 'noop-server.mjs');
writeFileSync(serverFile, SERVER);
const callsFile = join(sb.root, 'noop-calls.txt');

/** Both Edit events, each with one hook of the given shape. */
const aroundEdit = (hook: Record<string, unknown>) => ({
  PreToolUse: [{ matcher: 'Edit', hooks: [hook] }],
  PostToolUse: [{ matcher: 'Edit', hooks: [hook] }],
});

const plugin = (name: string, hooksFile: Record<string, unknown>, files: Record<string, string> = {}) =>
  writePlugin(join(sb.root, `plugin-${name}`), name, `hook kinds: ${name}`, hooksFile, files);

const plugins: Record<string, string> = {
  none: plugin('none', { hooks: {} }),
  shell: plugin('shell', { hooks: aroundEdit({ type: 'command', command: 'exit 0', timeout: 10 }) }),
  exec: plugin('exec', { hooks: aroundEdit({ type: 'command', command: '/bin/true', args: [], timeout: 10 }) }),
  // A plugin's server is named `plugin:<plugin>:<key>` for hooks as for the model.
  mcptool: plugin('mcptool', { hooks: aroundEdit({ type: 'mcp_tool', server: 'plugin:mcptool:noop', tool: 'noop', timeout: 10 }) }, {
    '.mcp.json': JSON.stringify({ mcpServers: { noop: { command: process.execPath, args: [serverFile], env: { NOOP_CALLS: callsFile } } } }),
  }),
  module: plugin('module', { modules: ['./mod.js'], hooks: {} }, {
    'hooks/mod.js': PASS_THROUGH_MODULE,
  }),
};
for (const v of VARIANTS) if (!plugins[v]) throw new Error(`unknown variant ${v}; known: ${Object.keys(plugins).join(', ')}`);

const TEXT = ['draft', 'final'] as const;
let state = 0;
const problems: string[] = [];
const latencies: Record<string, number[]> = Object.fromEntries(VARIANTS.map((v) => [v, []]));
const mcpCalls = () => {
  try {
    return readFileSync(callsFile, 'utf8').length;
  } catch {
    return 0;
  }
};

async function measure(variant: string, round: number): Promise<void> {
  const s = new Session(sb, repo, { pluginDir: plugins[variant]! });
  await s.start();
  try {
    await s.prompt('hello', { text: 'hi' });
    // Whatever the plugin starts at session start (the MCP server) is up, as in real use.
    await new Promise((r) => setTimeout(r, 1000));
    const turns = [];
    for (let i = 0; i < EDITS; i++) {
      turns.push({ tool: 'Edit', input: { file_path: file, old_string: TEXT[state]!, new_string: TEXT[1 - state]! } });
      state = 1 - state;
    }
    const callsBefore = mcpCalls();
    await s.prompt(`flip the note ${EDITS} times`, ...turns, { text: 'done' });
    const mine = editLatencies(s.api);
    latencies[variant]!.push(...mine);
    if (mine.length !== EDITS) problems.push(`${variant} round ${round}: ${mine.length} Edits measured, ${EDITS} expected`);
    if (readFileSync(file, 'utf8').trim() !== TEXT[state]) problems.push(`${variant} round ${round}: the file does not hold the last Edit`);
    if (variant === 'mcptool' && mcpCalls() - callsBefore !== 2 * EDITS) problems.push(`mcptool round ${round}: ${mcpCalls() - callsBefore} hook calls reached the server, ${2 * EDITS} expected`);
  } finally {
    await s.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const started = Date.now();
for (let round = 1; round <= ROUNDS; round++) {
  for (const v of VARIANTS) await measure(v, round);
  process.stderr.write(`round ${round}/${ROUNDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

console.log(`per-Edit latency by hook kind: end of the tool_use answer -> next request; real client ${claudeBin}`);
console.log(`${ROUNDS} interleaved rounds x ${EDITS} Edits per session; every hooked variant has one hook on PreToolUse and one on PostToolUse`);
console.log('variant   edits  median | d median  d per hook');
const base = median(latencies.none ?? []);
const rows = VARIANTS.map((v) => {
  const m = median(latencies[v]!);
  const d = m - base;
  const perHook = v === 'none' || v === 'module' ? NaN : d / 2;
  console.log(`${v.padEnd(8)} ${String(latencies[v]!.length).padStart(6)} ${m.toFixed(1).padStart(7)} | ${(d >= 0 ? '+' : '') + d.toFixed(1).padStart(6)} ${Number.isNaN(perHook) ? '' : perHook.toFixed(1).padStart(10)}`);
  return { variant: v, edits: latencies[v]!.length, medianMs: m, deltaMedianMs: d };
});
console.log(`(ms; d = minus the 'none' sessions of the same run; ${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true });
writeFileSync(join(process.cwd(), 'bench', 'results', 'hook-kinds.json'), JSON.stringify({ client: claudeBin, rounds: ROUNDS, edits: EDITS, rows }, null, 2) + '\n');
if (problems.length) {
  console.error(`sanity checks failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
