// The watch list: what a session's MCP server tells its hooks module (src/mod/) about the files
// where another side has open work, so the module can tell on its own that an edit meets nobody.

/** One file where another side (a live peer, another machine, another agent of this session) has open work. */
export interface WatchedFile {
  /** The units the other sides have open here (symbols, `(top)`, or `*` for the whole file). */
  units: string[];
  /** Something is owed at the next edit whatever it touches (an untold notice or merge risk, a sibling agent). */
  always: boolean;
  /** onConflict is `block` here: every edit of the file is judged by the server before it runs. */
  block: boolean;
}

/** Per session: absolute paths (normalized, '/'-separated) of the watched files. */
export interface Watch {
  files: Record<string, WatchedFile>;
}

/** What the person sees under the prompt (the module draws it); nothing while the session is alone. */
export interface PersonView {
  /** Other live sessions of the repository (this machine and, in team mode, others). */
  others: number;
  /** Open conflicts of this session: file, symbols, with whom; keyed so the module toasts new ones once. */
  conflicts: Array<{ key: string; file: string; symbols: string[]; peer: string }>;
  /** Unread messages, by id. */
  unread: Array<{ id: string; from: string; direct: boolean }>;
  /** Messages that arrived lately, read or not (the module toasts each once, even one delivered at once). */
  arrived?: Array<{ id: string; from: string; direct: boolean }>;
}

/** Everything the server sends the module about its session, with every answer and every poll. */
export interface ModView {
  watch: Watch;
  /** Absent in the answer to a hook call (the next poll brings it). */
  person?: PersonView;
  /** Something is owed to this session (its wake-up marker is set): deliver after the next tool call. */
  pending: boolean;
  /** An idle session should be woken for unread messages (messages.wakeIdle); absent with `person`. */
  wake?: boolean;
  /** The project's bell (ProjectStore.bell): while it does not move, nothing here changed. */
  bell?: string;
}

/** What the module's pane (/context-sync:sync-panel) shows: the sessions here, the conflicts, the inbox. */
export interface PanelView {
  sessions: Array<{ id: string; label: string; you: boolean; task?: string; branch?: string; state?: string; files: Array<{ file: string; symbols: string[] }> }>;
  conflicts: Array<{ key: string; file: string; symbols: string[]; peer: string }>;
  /** Unread messages, shown to the person (reading them here does not mark them read for the model). */
  inbox: Array<{ id: string; from: string; fromId: string; text: string; direct: boolean }>;
}
