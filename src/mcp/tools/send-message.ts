import { describeSend, sendMessage, UserFacingError } from '../../sync/messages.js';
import { requireSession, ToolError, type ToolDef } from './types.js';

export const sendMessageTool: ToolDef = {
  name: 'send_message',
  description:
    "Send a short message to another live Claude Code session in this repository (targetSessionId: its id, a unique id prefix of 6+ characters, its name, or its branch/worktree name), or to all of them (omit the target). It reaches the other session's model at its next prompt or after its next tool call. Use it to coordinate: 'I am refactoring auth.ts, hold off', 'done with the API, rebase now'.",
  inputSchema: {
    type: 'object',
    properties: {
      message: { type: 'string', minLength: 1, maxLength: 65536, description: 'The text (at most 4 KB by default).' },
      targetSessionId: { type: 'string', maxLength: 200, description: 'Recipient; omit to broadcast to every other live session of this repository.' },
      inReplyTo: { type: 'string', maxLength: 64, description: 'Id of the message this answers.' },
      fromSessionId: { type: 'string', description: 'Ignored: the server knows its own session. Kept for compatibility.' },
      project: { type: 'string', description: 'Ignored: the project is this repository. Kept for compatibility.' },
    },
    required: ['message'],
    additionalProperties: true,
  },
  annotations: { title: 'Send a message', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  run(caller, args) {
    const me = requireSession(caller);
    try {
      const r = sendMessage(caller.ctx, caller.store, caller.project, me, args.message as string, args.targetSessionId as string | undefined, {
        inReplyTo: args.inReplyTo as string | undefined,
      });
      return { text: describeSend(r), data: { id: r.id, deliveredTo: r.deliveredTo, notDelivered: r.notDelivered } };
    } catch (e) {
      if (e instanceof UserFacingError) throw new ToolError(e.message);
      throw e;
    }
  },
};
