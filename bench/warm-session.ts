// A fake Claude Code session whose process starts the plugin's real MCP server as its child, as
// Claude Code does: the server's parent pid is the session's, so it answers that session's hooks.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeRegistry, FakeSession } from '../test/harness/fake-registry.js';
import { pluginDir } from '../test/harness/claude.js';

export async function startWarmSession(reg: FakeRegistry, cwd: string): Promise<FakeSession> {
  const mcp = join(pluginDir, 'dist', 'mcp.mjs');
  // The stand-in keeps the server's stdin open: the server leaves when it closes.
  const parent = `const c=require('child_process').spawn(process.execPath,[${JSON.stringify(mcp)}],{stdio:['pipe','ignore','inherit']});setInterval(()=>{},1e9)`;
  const s = reg.add(cwd, undefined, [process.execPath, ['-e', parent]]);
  const warmPid = join(reg.store, 'warm', String(s.pid), 'pid');
  for (let i = 0; i < 200 && !existsSync(warmPid); i++) await new Promise((r) => setTimeout(r, 25));
  if (!existsSync(warmPid)) throw new Error('the MCP server did not start its warm service');
  return s;
}

/** A hooks.json command as Claude Code runs it, with the plugin root filled in. */
export function hookCommand(event: string, i = 0): string {
  const hooks = JSON.parse(readFileSync(join(pluginDir, 'hooks', 'hooks.json'), 'utf8')).hooks;
  return (hooks[event][i].hooks[0].command as string).split('${CLAUDE_PLUGIN_ROOT}').join(pluginDir);
}
