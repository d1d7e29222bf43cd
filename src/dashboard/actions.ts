// What the page may do with --allow-actions: mark a conflict handled, send a message. Each goes
// through the MCP tool that a session's model would call, with the same checks and caps (paths
// inside the worktree, message size, rate limit per sender, live recipients only).
import type { Caller } from '../mcp/tools/types.js';
import { ToolError } from '../mcp/tools/types.js';
import { resolveConflicts } from '../mcp/tools/resolve-conflicts.js';
import { sendMessageTool } from '../mcp/tools/send-message.js';
import { findProject, type Project } from '../sessions/project.js';
import { ProjectStore } from '../store/session-store.js';
import type { SyncContext } from '../sync/context.js';
import { ActionError, type DashboardActions } from './server.js';
import type { PageData } from './view.js';

/** The sender of messages written from the page (as `terminal` is for `context-sync send`). */
export const DASHBOARD_SENDER = 'dashboard';

export function dashboardActions(freshContext: () => SyncContext, home: Project, readAll: () => PageData): DashboardActions {
  const callerFor = (ctx: SyncContext, sessionId: string | undefined, project: Project): Caller => ({ ctx, sessionId, project, store: new ProjectStore(ctx.root, project.key) });
  const asAction = async <T>(run: () => T | Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof ToolError) throw new ActionError(e.message);
      throw e;
    }
  };
  return {
    async resolve(conflictId) {
      const c = readAll().conflicts.find((x) => x.id === conflictId);
      if (!c) throw new ActionError('that conflict is over already (committed, reverted, handled, or a session ended)');
      if (c.level === 'merge-risk') throw new ActionError('a merge risk is settled by merging, not marked handled');
      // The other side's records are its machine's: this page cannot mark them.
      if (c.level === 'remote') throw new ActionError('a conflict with another machine is marked handled by each session (resolve_conflicts), not from this page');
      const ctx = freshContext();
      // A person settling it settles it for every side, as if each had called resolve_conflicts.
      for (const id of c.sessions) {
        const live = ctx.live().get(id);
        if (!live) throw new ActionError(`session ${id.slice(0, 8)} has ended`);
        await asAction(() => resolveConflicts.run(callerFor(ctx, id, findProject(live.cwd)), { files: [c.file] }));
      }
      return `Marked handled for ${c.labels.join(', ')}: ${c.file}. A new edit of the same code raises it again.`;
    },
    async send(to, text) {
      const ctx = freshContext();
      const target = to === 'all' ? undefined : to;
      // A direct message goes within the recipient's project (the page may show every project).
      const live = target ? ctx.live().get(target) : undefined;
      const project = live ? findProject(live.cwd) : home;
      const r = await asAction(() => sendMessageTool.run(callerFor(ctx, DASHBOARD_SENDER, project), { message: text, targetSessionId: target }));
      return r.text;
    },
  };
}
