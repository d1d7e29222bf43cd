import { requireSession, ToolError, type ToolDef } from './types.js';

export const resolveConflicts: ToolDef = {
  name: 'resolve_conflicts',
  description:
    'Mark the conflicts on these files as handled for your session (after coordinating). A later edit of the same code by the other session raises the conflict again.',
  inputSchema: {
    type: 'object',
    properties: {
      files: { type: 'array', items: { type: 'string', maxLength: 4096 }, minItems: 1, maxItems: 500, description: 'Paths relative to the repository top (as shown in the alert), or absolute.' },
      sessionId: { type: 'string', description: 'Ignored: the server knows its own session. Kept for compatibility.' },
    },
    required: ['files'],
    additionalProperties: true,
  },
  annotations: { title: 'Resolve conflicts', readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run(caller, args) {
    const me = requireSession(caller);
    const files = (args.files as string[]).map((f) => {
      const abs = f.startsWith('/') ? f : null;
      const rel = abs ? abs.slice(caller.project.worktree.length + 1) : f.replace(/^\.\//, '');
      if (abs && !abs.startsWith(caller.project.worktree + '/')) throw new ToolError(`${f} is not inside this worktree (${caller.project.worktree})`);
      return rel;
    });
    const at = caller.ctx.now();
    for (const f of files) caller.store.markResolved(me, f, at);
    return { text: `Marked as handled: ${files.join(', ')}. A new edit of the same code by another session will raise it again.`, data: { resolved: files, at: new Date(at).toISOString() } };
  },
};
