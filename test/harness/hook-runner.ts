// Run a built hook bundle the way Claude Code does: JSON on stdin, one JSON object on stdout.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pluginDir } from './claude.js';

export const hookPath = (name: string) => join(pluginDir, 'dist', 'hooks', `${name}.mjs`);

export interface HookRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json: any;
}

function parse(stdout: string): any {
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

export function runHookSync(name: string, input: string | object, env: NodeJS.ProcessEnv): HookRun {
  const r = spawnSync(process.execPath, [hookPath(name)], {
    input: typeof input === 'string' ? input : JSON.stringify(input),
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: parse(r.stdout) };
}

export function runHook(name: string, input: string | object, env: NodeJS.ProcessEnv): Promise<HookRun> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [hookPath(name)], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    // 'close', not 'exit': under load stdout may still be draining when the process has exited.
    p.on('close', (status) => resolve({ status, stdout, stderr, json: parse(stdout) }));
    p.stdin.on('error', () => {});
    p.stdin.end(typeof input === 'string' ? input : JSON.stringify(input));
  });
}

export function editPayload(sessionId: string, cwd: string, file: string, opts: { newStart?: number; agentId?: string; originalFile?: string } = {}) {
  const line = opts.newStart ?? 2;
  return {
    session_id: sessionId,
    transcript_path: join(cwd, '.t.jsonl'),
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PostToolUse',
    tool_name: 'Edit',
    tool_input: { file_path: file, old_string: 'x', new_string: 'y' },
    tool_response: {
      filePath: file,
      structuredPatch: [{ oldStart: line, oldLines: 1, newStart: line, newLines: 1, lines: ['-x', '+y'] }],
      ...(opts.originalFile !== undefined ? { originalFile: opts.originalFile } : {}),
    },
    ...(opts.agentId ? { agent_id: opts.agentId } : {}),
  };
}

/** Edit records of these sessions in the (only) project of a store; throws if a line is not intact JSON. */
export function countEditRecords(store: string, sessionIds: string[]): number {
  const project = readdirSync(join(store, 'projects'))[0]!;
  let records = 0;
  for (const id of sessionIds) {
    const dir = join(store, 'projects', project, 'sessions', id, 'files');
    for (const f of readdirSync(dir)) {
      const lines = readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);
      for (const l of lines) JSON.parse(l); // every line intact
      records += lines.length;
    }
  }
  return records;
}
