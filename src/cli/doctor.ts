// `context-sync doctor`: what is wrong with this set-up, and how to fix it.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { readJson } from '../store/fsx.js';
import { storePaths } from '../store/paths.js';

export interface Finding {
  check: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

export function doctorFindings(env: NodeJS.ProcessEnv = process.env): Finding[] {
  const out: Finding[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  out.push({ check: 'node', ok: major >= 20, detail: `Node.js ${process.versions.node}`, fix: major >= 20 ? undefined : 'install Node.js 20 or newer: the hooks and the MCP server run with `node`' });
  let paths;
  try {
    paths = storePaths(env);
  } catch (e) {
    out.push({ check: 'store', ok: false, detail: (e as Error).message, fix: 'set HOME (or CONTEXT_SYNC_HOME) for Claude Code' });
    return out;
  }
  if (existsSync(paths.root)) {
    const st = statSync(paths.root);
    let writable = true;
    try {
      accessSync(paths.root, constants.W_OK);
    } catch {
      writable = false;
    }
    const priv = (st.mode & 0o077) === 0;
    out.push({ check: 'store', ok: writable && priv, detail: `${paths.root} (${writable ? 'writable' : 'NOT writable'}, mode ${(st.mode & 0o777).toString(8)})`, fix: !writable ? `make it writable: chown -R $USER "${paths.root}"` : !priv ? `make it private: chmod 700 "${paths.root}"` : undefined });
  } else {
    out.push({ check: 'store', ok: true, detail: `${paths.root} (created on first use)` });
  }
  const reg = join(paths.claudeDir, 'sessions');
  out.push({ check: 'registry', ok: existsSync(reg), detail: existsSync(reg) ? `Claude Code session registry at ${reg}` : `no session registry at ${reg}`, fix: existsSync(reg) ? undefined : 'start Claude Code once (a recent version keeps ~/.claude/sessions); without it liveness falls back to process ids' });
  const claude = spawnSync('claude', ['--version'], { encoding: 'utf8', timeout: 10_000, env });
  out.push({ check: 'claude-cli', ok: claude.status === 0, detail: claude.status === 0 ? `claude ${claude.stdout.trim()}` : 'the `claude` command is not on PATH', fix: claude.status === 0 ? undefined : 'summaries fall back to the offline extractor; install Claude Code for model-written summaries' });
  const settings = readJson(join(paths.claudeDir, 'settings.json')) as { hooks?: Record<string, unknown>; enabledPlugins?: Record<string, boolean> } | undefined;
  const viaInit = JSON.stringify(settings?.hooks ?? {}).includes('context-sync');
  const viaPlugin = Object.entries(settings?.enabledPlugins ?? {}).some(([k, v]) => k.startsWith('context-sync@') && v);
  out.push({
    check: 'hooks',
    ok: !(viaInit && viaPlugin),
    detail: viaPlugin && viaInit ? 'installed twice: as a plugin and in settings.json hooks' : viaPlugin ? 'enabled as a plugin' : viaInit ? 'hooks registered in settings.json' : 'not enabled in user settings (fine with --plugin-dir or a project-level install)',
    fix: viaPlugin && viaInit ? 'remove one: every hook would run twice' : undefined,
  });
  const { problems } = loadConfig(paths.root, process.cwd());
  out.push({ check: 'config', ok: problems.length === 0, detail: problems.length ? problems.join('; ') : 'configuration valid (or defaults)', fix: problems.length ? 'fix the file (see plugin/schema/config.schema.json); until then the defaults apply' : undefined });
  return out;
}

export function runDoctor(json: boolean): number {
  const findings = doctorFindings();
  if (json) process.stdout.write(JSON.stringify({ ok: findings.every((f) => f.ok), findings }, null, 2) + '\n');
  else for (const f of findings) process.stdout.write(`${f.ok ? 'ok  ' : 'FAIL'} ${f.check}: ${f.detail}${f.fix ? `\n     fix: ${f.fix}` : ''}\n`);
  return findings.every((f) => f.ok) ? 0 : 1;
}
