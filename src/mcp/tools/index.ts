import { getAllChanges } from './get-all-changes.js';
import { getMessages } from './get-messages.js';
import { getSessionContext } from './get-session-context.js';
import { listSessions } from './list-sessions.js';
import { predictMergeConflicts } from './predict-merge-conflicts.js';
import { resolveConflicts } from './resolve-conflicts.js';
import { sendMessageTool } from './send-message.js';
import type { ToolDef } from './types.js';

export const tools: ToolDef[] = [listSessions, getSessionContext, getAllChanges, sendMessageTool, getMessages, resolveConflicts, predictMergeConflicts];
