// The relay's ears on the local machine: a set of fs.watch watchers (inotify, FSEvents) on exactly
// what can change what the relay publishes or ships, so that it does nothing while nothing changes
// instead of looking every few seconds. The set is replaced as sessions come and go (sync()).
// Folders only, each on its own: a folder's watch names every change of its entries (appends, and a
// file replaced by rename however often), where Node's recursive watch on Linux watches each file
// and loses a file replaced by rename a second time (git's refs and HEAD, our own meta.json).
import { watch, type FSWatcher } from 'node:fs';

export interface WatchSpec {
  /** Whether an event on this name (relative to the watched path, `/`-separated) matters; all when absent. */
  matters?: (name: string) => boolean;
}

export class WatchSet {
  private readonly watchers = new Map<string, { spec: WatchSpec; w: FSWatcher }>();
  /** Paths that could not be watched for a reason other than their absence: not tried again while wanted. */
  private readonly failed = new Set<string>();
  private closed = false;

  constructor(
    private readonly onChange: (path: string) => void,
    private readonly log: (text: string) => void,
  ) {}

  /** Watch exactly these paths from now on. Returns the paths that cannot be watched (missing, no inotify slots). */
  sync(wanted: ReadonlyMap<string, WatchSpec>): string[] {
    if (this.closed) return [];
    for (const [path, entry] of this.watchers) {
      const spec = wanted.get(path);
      if (spec) {
        // Same folder, maybe another filter (the open files of a folder changed): kept, filter swapped.
        entry.spec = spec;
        continue;
      }
      entry.w.close();
      this.watchers.delete(path);
    }
    const failures: string[] = [];
    for (const [path, spec] of wanted) {
      if (this.watchers.has(path)) continue;
      if (this.failed.has(path)) {
        failures.push(path);
        continue;
      }
      try {
        const entry = { spec, w: undefined as unknown as FSWatcher };
        const w = watch(path, { persistent: false }, (_event, name) => {
          const rel = typeof name === 'string' ? name.replaceAll('\\', '/') : '';
          const matters = entry.spec.matters;
          // No name (some platforms): assume it matters rather than miss a change.
          if (!rel || !matters || matters(rel)) this.onChange(path);
        });
        entry.w = w;
        w.on('error', (e) => {
          // The folder went away (a worktree removed) or the watch broke: drop it; the next sync
          // watches it again if it is still wanted, and the change it may hide is looked at now.
          this.log(`team: stopped watching ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
          w.close();
          if (this.watchers.get(path)?.w === w) this.watchers.delete(path);
          this.onChange(path);
        });
        this.watchers.set(path, entry);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // A folder that does not exist (yet) is tried again at the next sync; anything else (no inotify
        // watches left) is said once and not tried again while it is wanted.
        if (code !== 'ENOENT' && code !== 'ENOTDIR') {
          this.log(`team: cannot watch ${path} (${code ?? (e as Error).message})`);
          this.failed.add(path);
        }
        failures.push(path);
      }
    }
    for (const path of [...this.failed]) if (!wanted.has(path)) this.failed.delete(path);
    return failures;
  }

  get size(): number {
    return this.watchers.size;
  }

  close(): void {
    this.closed = true;
    for (const { w } of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
