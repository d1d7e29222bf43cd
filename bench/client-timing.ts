// Shared by the benchmarks that drive the real Claude Code client: their options, the small plugins
// they measure against, and the per-Edit latency read off the scripted Messages API's log.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeApi } from '../test/harness/fake-api.js';

/** A hooks module that passes every tool call through: what Claude Code charges for hosting one. */
export const PASS_THROUGH_MODULE = "export function register(on) {\n  on('tool.call', async ($, e, next) => next(e));\n}\n";

/**
 * A plugin folder under `dir` with its manifest, its hooks.json and any other files (paths relative
 * to the plugin's root); returns the folder.
 */
export function writePlugin(dir: string, name: string, description: string, hooksFile: Record<string, unknown>, files: Record<string, string> = {}): string {
  mkdirSync(join(dir, '.claude-plugin'), { recursive: true });
  mkdirSync(join(dir, 'hooks'), { recursive: true });
  writeFileSync(join(dir, '.claude-plugin', 'plugin.json'), JSON.stringify({ name, version: '0.0.0', description, author: { name: 'bench' } }));
  writeFileSync(join(dir, 'hooks', 'hooks.json'), JSON.stringify(hooksFile));
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(dir, rel), text);
  return dir;
}

/** `--name value` from the command line, else the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/**
 * Per Edit (per tool call answered with `tool_use`): the next main-loop request's arrival minus the
 * moment the stand-in finished sending that answer. What the hooks of the call cost the model's loop.
 */
export function editLatencies(api: FakeApi): number[] {
  const main = api.requests.filter((r) => r.main);
  const out: number[] = [];
  for (let i = 0; i + 1 < main.length; i++) {
    const r = main[i]!;
    if (r.stopReason !== 'tool_use') continue;
    if (r.answeredAt === undefined) throw new Error('a tool_use answer was never finished');
    out.push(main[i + 1]!.arrivedAt - r.answeredAt);
  }
  return out;
}
