import { statSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { appendLine, realFolders } from './fsx.js';
import { logFile } from './paths.js';

const MAX_BYTES = 256 * 1024;

/**
 * One line per event in the store's own log, capped by rotating to a single `.1` file.
 * Never message bodies or file contents: callers pass event names, ids and error messages only.
 */
export function logLine(root: string, source: string, text: string): void {
  try {
    const path = logFile(root);
    // log/ planted as a link would carry our lines (and the rotation's rename) elsewhere.
    if (!realFolders(root, dirname(path), true)) return;
    try {
      if (statSync(path).size > MAX_BYTES) renameSync(path, path + '.1');
    } catch {
      /* no log yet */
    }
    const clean = text.replace(/\s+/g, ' ').slice(0, 500);
    appendLine(path, `${new Date().toISOString()} ${source} ${clean}`);
  } catch {
    // Logging must never be the thing that breaks a hook.
  }
}
