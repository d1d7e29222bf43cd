import type { FakeApi } from './fake-api.js';

/** How often `needle` occurs in the whole conversation the model was last sent (each injection counts once). */
export function timesSeen(api: FakeApi, needle: string): number {
  const last = api.mainRequests.at(-1);
  if (!last) return 0;
  const hay = JSON.stringify(last.messages ?? []) + JSON.stringify(last.system ?? '');
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** The tool_result text the model received for a tool call, by tool name (latest first). */
export function toolResultText(api: FakeApi, toolName: string): string | undefined {
  const last = api.mainRequests.at(-1);
  const msgs: any[] = last?.messages ?? [];
  const ids = new Set<string>();
  for (const m of msgs) if (m.role === 'assistant' && Array.isArray(m.content)) for (const c of m.content) if (c.type === 'tool_use' && c.name === toolName) ids.add(c.id);
  for (const m of [...msgs].reverse()) {
    if (m.role !== 'user' || !Array.isArray(m.content)) continue;
    for (const c of m.content) if (c.type === 'tool_result' && ids.has(c.tool_use_id)) return typeof c.content === 'string' ? c.content : JSON.stringify(c.content);
  }
  return undefined;
}
