// Keeps cached summaries honest between calls: watches the transcripts of the project's live
// sessions, and only those (not all of ~/.claude/projects), and reports each change so answers
// memoised for that transcript are dropped. It never summarises anything itself.
//
// Which transcripts to watch changes as sessions come and go. Claude Code rewrites its registry
// (~/.claude/sessions/<pid>.json) when a session starts, ends, changes id or goes busy/idle, so the
// registry directory is watched too and the set is re-evaluated (debounced) on its events. Both
// watches are inotify-backed (fs.watch): nothing runs while nothing changes. Only when the registry
// directory does not exist (an older client) does an unref'd timer re-evaluate every 30 s.
import { existsSync } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';

export interface TranscriptWatcherOptions {
  /** Claude Code's live-session registry directory. */
  registryDir: string;
  /** The transcripts of the project's live sessions, now. Called on start and on re-evaluation. */
  transcripts: () => string[];
  /** A watched transcript changed (appended, replaced or removed). */
  onChange: (path: string) => void;
  log?: (text: string) => void;
  debounceMs?: number;
  fallbackIntervalMs?: number;
}

// chokidar errors worth only a log line: the file or a parent went away between listing and watching.
const EXPECTED = new Set(['ENOENT', 'ENOTDIR', 'EPERM', 'EACCES']);

export class LiveTranscriptWatcher {
  private files: FSWatcher | undefined;
  private registry: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private readonly current = new Set<string>();
  private closed = false;

  constructor(private readonly opts: TranscriptWatcherOptions) {}

  start(): void {
    const onError = (e: unknown) => {
      const code = (e as NodeJS.ErrnoException).code;
      this.opts.log?.(`transcript watcher: ${code && EXPECTED.has(code) ? code : (e as Error).message}`);
    };
    this.files = watch([], { ignoreInitial: true, persistent: true, atomic: false });
    for (const event of ['change', 'add', 'unlink'] as const) this.files.on(event, (path: string) => this.opts.onChange(path));
    this.files.on('error', onError);
    if (existsSync(this.opts.registryDir)) {
      this.registry = watch(this.opts.registryDir, { ignoreInitial: true, persistent: true, depth: 0, atomic: false });
      for (const event of ['add', 'change', 'unlink'] as const) this.registry.on(event, () => this.scheduleRefresh());
      this.registry.on('error', onError);
    } else {
      this.timer = setInterval(() => this.refresh(), this.opts.fallbackIntervalMs ?? 30_000);
      this.timer.unref();
    }
    this.refresh();
  }

  private scheduleRefresh(): void {
    if (this.closed || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.refresh();
    }, this.opts.debounceMs ?? 500);
    this.debounce.unref();
  }

  /** Re-evaluate which transcripts to watch. Cheap when nothing changed: a set difference. */
  refresh(): void {
    if (this.closed || !this.files) return;
    let wanted: Set<string>;
    try {
      wanted = new Set(this.opts.transcripts());
    } catch (e) {
      this.opts.log?.(`transcript watcher: cannot list live sessions: ${(e as Error).message}`);
      return;
    }
    const gone = [...this.current].filter((p) => !wanted.has(p));
    const added = [...wanted].filter((p) => !this.current.has(p));
    if (gone.length > 0) this.files.unwatch(gone);
    if (added.length > 0) this.files.add(added);
    for (const p of gone) this.current.delete(p);
    for (const p of added) this.current.add(p);
  }

  watched(): string[] {
    return [...this.current].sort();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    await Promise.all([this.files?.close(), this.registry?.close()]);
  }
}
