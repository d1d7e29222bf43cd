// Shared by the benchmarks that drive the real Claude Code client: their options and the per-Edit
// latency read off the scripted Messages API's log.
import type { FakeApi } from '../test/harness/fake-api.js';

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
