// What each git subcommand does to uncommitted work: one classifier per subcommand, from its parsed
// command line to a verdict (effect, scope, why, what to do instead). Pure.
import type { Word } from './shell-words.js';
import { ALL, has, isHead, looksLikePath, parse, scopeOf, type Env, type GitScope, type OptSpec, type Parsed } from './git-options.js';

export type GitEffect = 'discard' | 'move' | 'sweep' | 'rewrite' | 'safe' | 'unknown';

export interface Verdict {
  effect: GitEffect;
  scope: GitScope;
  /** A short human phrase: what the operation does to uncommitted work. */
  risk: string;
  saferAlternative?: string;
}

export function verdict(effect: GitEffect, scope: GitScope, risk: string, saferAlternative?: string): Verdict {
  return { effect, scope, risk, saferAlternative };
}

export const UNKNOWN_SUBCOMMAND = verdict('unknown', ALL, 'runs a git command that could not be classified');

const OWN_FILES_COMMIT = 'commit only your own files: git add <your files> && git commit';
const WORKTREE = 'do it in a separate worktree (git worktree add ../<dir> <branch>), or after the other sessions commit';

const SAFE_READ = verdict('safe', ALL, 'reads the repository only');

const SPECS: Record<string, OptSpec> = {
  stash: { short: 'm', long: ['--message', '--pathspec-from-file'], flags: ['--patch', '--keep-index', '--no-keep-index', '--include-untracked', '--all', '--staged', '--quiet', '--pathspec-file-nul'] },
  checkout: { short: 'bB', long: ['--orphan', '--conflict', '--pathspec-from-file'], flags: ['--force', '--merge', '--patch', '--ours', '--theirs', '--detach', '--quiet', '--track', '--no-track', '--guess', '--no-guess', '--overlay', '--no-overlay', '--progress', '--recurse-submodules', '--ignore-skip-worktree-bits', '--ignore-other-worktrees'] },
  switch: { short: 'cC', long: ['--create', '--force-create', '--orphan', '--conflict'], flags: ['--detach', '--force', '--discard-changes', '--merge', '--track', '--no-track', '--guess', '--no-guess', '--quiet', '--progress', '--recurse-submodules', '--ignore-other-worktrees'] },
  restore: { short: 's', long: ['--source', '--conflict', '--pathspec-from-file'], flags: ['--staged', '--worktree', '--patch', '--ours', '--theirs', '--merge', '--overlay', '--no-overlay', '--quiet', '--progress', '--ignore-unmerged', '--recurse-submodules', '--ignore-skip-worktree-bits'] },
  reset: { long: ['--pathspec-from-file'], flags: ['--hard', '--soft', '--mixed', '--merge', '--keep', '--patch', '--quiet', '--intent-to-add', '--recurse-submodules', '--no-refresh', '--refresh'] },
  clean: { short: 'e', long: ['--exclude'], flags: ['--force', '--interactive', '--dry-run', '--quiet'] },
  commit: { short: 'mFCct', attached: 'uS', long: ['--message', '--file', '--reuse-message', '--reedit-message', '--template', '--author', '--date', '--fixup', '--squash', '--cleanup', '--trailer', '--pathspec-from-file'], flags: ['--all', '--patch', '--include', '--only', '--interactive', '--amend', '--dry-run', '--no-verify', '--verify', '--edit', '--no-edit', '--signoff', '--allow-empty', '--allow-empty-message', '--reset-author', '--short', '--branch', '--porcelain', '--long', '--status', '--no-status', '--quiet', '--verbose'] },
  add: { long: ['--chmod', '--pathspec-from-file'], flags: ['--all', '--no-ignore-removal', '--ignore-removal', '--no-all', '--update', '--dry-run', '--patch', '--interactive', '--edit', '--force', '--intent-to-add', '--verbose', '--refresh', '--ignore-errors', '--ignore-missing', '--renormalize', '--sparse'] },
  rm: { long: ['--pathspec-from-file'], flags: ['--cached', '--force', '--dry-run', '--quiet', '--ignore-unmatch', '--sparse'] },
  mv: { flags: ['--force', '--dry-run', '--verbose', '--sparse'] },
  apply: { attached: 'pC', long: ['--directory', '--exclude', '--include', '--whitespace', '--build-fake-ancestor'], flags: ['--stat', '--numstat', '--summary', '--check', '--index', '--cached', '--3way', '--reverse', '--apply', '--reject', '--verbose', '--intent-to-add'] },
  am: { flags: ['--show-current-patch', '--abort', '--continue', '--skip', '--quit'] },
  rebase: { flags: ['--continue', '--abort', '--skip', '--quit', '--edit-todo', '--show-current-patch', '--autostash'] },
};

type Classifier = (p: Parsed, e: Env) => Verdict;

function rewriteVerdict(what: string): Verdict {
  return verdict('rewrite', ALL, `${what}: rewrites files other sessions may be editing, or stops on their uncommitted changes`, WORKTREE);
}

const rewrite = (what: string): Classifier => () => rewriteVerdict(what);

function classifyStash(_: Parsed, e: Env): Verdict {
  // The subcommand, when there is one, is the first word; `git stash -p` and `git stash -- x` push.
  const [first, ...after] = e.args;
  if (first?.dynamic) return UNKNOWN_SUBCOMMAND;
  const sub = first && !first.text.startsWith('-') ? first.text : 'push';
  const p = parse(sub === 'push' && first?.text !== 'push' ? e.args : after, SPECS.stash!);
  switch (sub) {
    case 'list':
    case 'show':
    case 'create':
    case 'store':
      return SAFE_READ;
    case 'pop':
    case 'apply':
      return verdict('rewrite', ALL, 'applies a stash onto a working tree other sessions are editing', 'apply it in a separate worktree, or after the other sessions commit');
    case 'drop':
    case 'clear':
      return verdict('discard', ALL, "drops stashed work, which may be another session's", 'check git stash list and drop only entries you made');
    case 'branch':
      return verdict('move', ALL, 'checks out a new branch under every session in this checkout', WORKTREE);
    case 'save':
      return stashVerdict(ALL);
    case 'push':
      if (has(p, '--pathspec-from-file')) return stashVerdict(ALL);
      return stashVerdict(scopeOf([...p.positionals, ...p.paths], e));
    default:
      return UNKNOWN_SUBCOMMAND;
  }
}

function stashVerdict(scope: GitScope): Verdict {
  return scope.kind === 'all'
    ? verdict('move', scope, 'stashes every uncommitted change in the checkout, other sessions\' edits included', 'stash only your own files: git stash push -- <your files>, or ' + OWN_FILES_COMMIT)
    : verdict('move', scope, 'stashes the uncommitted changes in these paths', 'stash only files you edited yourself');
}

const SWITCH_BRANCH = verdict('move', ALL, 'switches the branch under every session in this checkout: their uncommitted edits move along or block the switch', WORKTREE);
const FORCE_SWITCH = verdict('discard', ALL, 'switches the branch and throws away every uncommitted change in the checkout', WORKTREE);

function discardPaths(scope: GitScope, how: string): Verdict {
  return verdict('discard', scope, scope.kind === 'all' ? `${how} every uncommitted change in the checkout` : `${how} uncommitted changes in these paths`, 'restore only files you edited yourself: git restore <your files>');
}

function classifyCheckout(p: Parsed, e: Env): Verdict {
  const pos = p.positionals;
  const unseen = e.unseenArgs;
  if (has(p, '--pathspec-from-file')) return discardPaths(ALL, 'overwrites');
  if (p.dashDash) {
    if (p.paths.length > 0 || unseen) return discardPaths(scopeOf(p.paths, e), 'overwrites');
    return pos.length > 0 && !isHead(pos[0]) ? SWITCH_BRANCH : verdict('safe', ALL, 'keeps the working tree');
  }
  if (has(p, '-b', '-B', '--orphan')) {
    return pos.length > 0 ? SWITCH_BRANCH : verdict('safe', ALL, 'creates a branch at HEAD and keeps the working tree');
  }
  const force = has(p, '-f', '--force');
  const patch = has(p, '-p', '--patch');
  const first = pos[0];
  if (!first) {
    if (patch || unseen) return discardPaths(ALL, patch ? 'interactively overwrites' : 'overwrites');
    return force ? discardPaths(ALL, 'throws away') : verdict('safe', ALL, 'keeps the working tree');
  }
  if (looksLikePath(first) || has(p, '--ours', '--theirs')) return discardPaths(scopeOf(pos, e), 'overwrites');
  // `first` reads as a revision from here on.
  if (pos.length > 1) return discardPaths(scopeOf(pos.slice(1), e), 'overwrites');
  if (unseen || patch) return discardPaths(ALL, patch ? 'interactively overwrites' : 'overwrites');
  if (isHead(first)) return force ? discardPaths(ALL, 'throws away') : verdict('safe', ALL, 'keeps the working tree');
  return force ? FORCE_SWITCH : SWITCH_BRANCH;
}

function classifySwitch(p: Parsed): Verdict {
  if (has(p, '-f', '--force', '--discard-changes')) return FORCE_SWITCH;
  if (has(p, '-c', '-C', '--create', '--force-create')) {
    return p.positionals.length > 0 ? SWITCH_BRANCH : verdict('safe', ALL, 'creates a branch at HEAD and keeps the working tree');
  }
  if (has(p, '--orphan')) return SWITCH_BRANCH;
  return p.positionals.length > 0 || has(p, '-d', '--detach') ? SWITCH_BRANCH : verdict('safe', ALL, 'does nothing');
}

function classifyRestore(p: Parsed, e: Env): Verdict {
  const worktree = has(p, '-W', '--worktree') || !has(p, '-S', '--staged');
  const words = [...p.positionals, ...p.paths];
  const scope = has(p, '--pathspec-from-file') ? ALL : scopeOf(words, e);
  if (!worktree) return verdict('safe', scope, 'unstages only: the working tree keeps every change');
  if (words.length === 0 && !has(p, '-p', '--patch', '--pathspec-from-file') && !e.unseenArgs) return verdict('safe', ALL, 'does nothing without paths');
  return discardPaths(scope, has(p, '-p', '--patch') ? 'interactively overwrites' : 'overwrites');
}

function classifyReset(p: Parsed, e: Env): Verdict {
  const lose = 'drop only your own edits: git restore <your files>';
  if (has(p, '--hard')) return verdict('discard', ALL, "throws away every uncommitted change in the checkout, other sessions' edits included", lose);
  if (has(p, '--merge')) return verdict('discard', ALL, 'resets the working tree, throwing away changes in files the reset touches', lose);
  const pos = p.positionals;
  let rev: Word | undefined;
  let paths: Word[];
  if (p.dashDash || (pos[0] && !looksLikePath(pos[0]))) [rev, ...paths] = pos;
  else paths = pos;
  paths.push(...p.paths);
  const movesHead = rev !== undefined && !isHead(rev) && paths.length === 0 && !has(p, '-p', '--patch');
  if (has(p, '--keep') || movesHead) {
    return verdict('rewrite', ALL, 'moves the branch that every session in this checkout is on', 'undo with a new commit (git revert), or move your own branch in a separate worktree');
  }
  return verdict('safe', paths.length > 0 ? scopeOf(paths, e) : ALL, 'unstages only: the working tree keeps every change');
}

function classifyClean(p: Parsed, e: Env): Verdict {
  if (has(p, '-n', '--dry-run')) return verdict('safe', ALL, 'lists what would be deleted');
  const forced = has(p, '-f', '--force', '-i', '--interactive') || e.config.get('clean.requireforce') === 'false';
  if (!forced) return verdict('safe', ALL, 'refuses to delete without -f');
  const words = [...p.positionals, ...p.paths];
  const scope = words.length > 0 || e.unseenArgs ? scopeOf(words, e) : ALL;
  return verdict('discard', scope, 'deletes untracked files, including new files other sessions have not added yet', 'delete only your own files (rm <file>), after a dry run: git clean -n');
}

function classifyCommit(p: Parsed, e: Env): Verdict {
  if (has(p, '--dry-run')) return verdict('safe', ALL, 'shows what would be committed');
  const sweepAll = verdict('sweep', ALL, 'commits every modified file, other sessions\' edits included', OWN_FILES_COMMIT);
  if (has(p, '-a', '--all', '--interactive', '--pathspec-from-file')) return sweepAll;
  const words = [...p.positionals, ...p.paths];
  if (words.length > 0 || e.unseenArgs) {
    const scope = scopeOf(words, e);
    return scope.kind === 'all' ? sweepAll : verdict('sweep', scope, 'commits the whole current content of these paths, other sessions\' edits in them included', OWN_FILES_COMMIT);
  }
  if (has(p, '-p', '--patch')) return verdict('sweep', ALL, 'lets you pick hunks from every modified file into your commit', OWN_FILES_COMMIT);
  return verdict('safe', ALL, 'commits only what is staged');
}

function classifyAdd(p: Parsed, e: Env): Verdict {
  if (has(p, '-n', '--dry-run', '--refresh')) return verdict('safe', ALL, 'changes nothing');
  const words = [...p.positionals, ...p.paths];
  const whole = has(p, '-A', '--all', '--no-ignore-removal', '-u', '--update', '-p', '--patch', '-i', '--interactive', '-e', '--edit');
  if (has(p, '--pathspec-from-file') || (words.length === 0 && (whole || e.unseenArgs))) {
    return verdict('sweep', ALL, 'stages every change in the checkout, other sessions\' edits included', 'stage only your own files: git add <your files>');
  }
  if (words.length === 0) return verdict('safe', ALL, 'stages nothing');
  const scope = scopeOf(words, e);
  if (scope.kind === 'all') return verdict('sweep', ALL, 'stages changes from the whole checkout, other sessions\' edits included', 'stage only your own files: git add <your files>');
  return verdict('sweep', scope, 'stages these paths: another session\'s edits in them would go into your commit', 'stage only files you edited yourself');
}

function classifyRm(p: Parsed, e: Env): Verdict {
  if (has(p, '-n', '--dry-run')) return verdict('safe', ALL, 'changes nothing');
  const words = [...p.positionals, ...p.paths];
  if (words.length === 0 && !e.unseenArgs && !has(p, '--pathspec-from-file')) return verdict('safe', ALL, 'removes nothing');
  const scope = has(p, '--pathspec-from-file') ? ALL : scopeOf(words, e);
  if (has(p, '--cached')) return verdict('sweep', scope, 'stages the removal of these paths; the files stay on disk', 'unstage only files you own');
  return verdict('discard', scope, 'deletes these files from the working tree, with any uncommitted edits in them', 'remove only files you own');
}

function classifyMv(p: Parsed, e: Env): Verdict {
  if (has(p, '-n', '--dry-run')) return verdict('safe', ALL, 'changes nothing');
  return verdict('move', scopeOf(p.positionals, e), 'moves these files, under any session editing them', 'move only files you own');
}

function classifyApply(p: Parsed): Verdict {
  if (has(p, '--stat', '--numstat', '--summary', '--check') && !has(p, '--apply')) return verdict('safe', ALL, 'inspects a patch only');
  if (has(p, '--cached')) return verdict('sweep', ALL, 'patches the index, which every session in this checkout commits from', OWN_FILES_COMMIT);
  return rewriteVerdict('patches the working tree');
}

function classifyWorktree(p: Parsed, e: Env): Verdict {
  const [sub, target] = p.positionals;
  if (sub?.dynamic) return UNKNOWN_SUBCOMMAND;
  if (sub?.text === 'remove' && has(p, '-f', '--force')) {
    const path = target ? scopeOf([target], e) : ALL;
    return verdict('discard', path, 'deletes a worktree together with its uncommitted changes', 'remove a worktree without --force: git refuses when it holds uncommitted work');
  }
  return verdict('safe', ALL, 'leaves this working tree alone');
}

const SUBCOMMANDS: Record<string, Classifier> = {
  stash: classifyStash,
  checkout: classifyCheckout,
  switch: classifySwitch,
  restore: classifyRestore,
  reset: classifyReset,
  clean: classifyClean,
  commit: classifyCommit,
  add: classifyAdd,
  rm: classifyRm,
  mv: classifyMv,
  apply: classifyApply,
  worktree: classifyWorktree,
  am: (p) => (has(p, '--show-current-patch') ? SAFE_READ : rewriteVerdict('applies mailed patches')),
  rebase: (p) => (has(p, '--show-current-patch') ? SAFE_READ : rewriteVerdict('rebases the checked-out branch')),
  merge: rewrite('merges into the checked-out branch'),
  pull: rewrite('pulls into the checked-out branch'),
  'cherry-pick': rewrite('applies commits to the checked-out branch'),
  revert: rewrite('applies reverting commits to the checked-out branch'),
  mergetool: rewrite('resolves conflicts in place'),
  'merge-file': rewrite('merges into a file in place'),
  'filter-branch': rewrite('rewrites history and checks it out'),
  bisect: (p) => {
    const sub = p.positionals[0]?.text;
    return sub && ['log', 'visualize', 'view', 'terms', 'help'].includes(sub) ? SAFE_READ : verdict('move', ALL, 'checks out other commits under every session in this checkout', WORKTREE);
  },
  'sparse-checkout': (p) =>
    p.positionals[0]?.text === 'list' ? SAFE_READ : verdict('move', ALL, 'changes which files exist in the working tree', WORKTREE),
  submodule: (p) => {
    const sub = p.positionals[0]?.text;
    if (sub === 'update') return rewriteVerdict('checks out submodule commits');
    if (sub === 'deinit' && has(p, '-f', '--force')) return verdict('discard', ALL, 'deletes submodule working trees with their changes', WORKTREE);
    return SAFE_READ;
  },
  'checkout-index': (p, e) =>
    has(p, '-f', '--force') ? discardPaths(has(p, '-a', '--all') ? ALL : scopeOf([...p.positionals, ...p.paths], e), 'overwrites') : verdict('safe', ALL, 'never overwrites existing files'),
  'read-tree': (p) => (has(p, '-u') ? discardPaths(ALL, 'overwrites') : verdict('rewrite', ALL, 'replaces the index every session commits from', OWN_FILES_COMMIT)),
  // Read-only, or writing only refs, objects or config that uncommitted work does not live in.
  ...Object.fromEntries(
    [
      'status', 'diff', 'log', 'show', 'blame', 'annotate', 'fetch', 'branch', 'tag', 'rev-parse', 'rev-list', 'ls-files',
      'ls-tree', 'ls-remote', 'cat-file', 'describe', 'shortlog', 'reflog', 'remote', 'config', 'grep', 'whatchanged',
      'name-rev', 'show-ref', 'show-branch', 'for-each-ref', 'merge-base', 'merge-tree', 'count-objects', 'fsck',
      'verify-commit', 'verify-tag', 'verify-pack', 'check-ignore', 'check-attr', 'check-mailmap', 'check-ref-format',
      'var', 'version', 'help', 'diff-tree', 'diff-files', 'diff-index', 'range-diff', 'format-patch', 'cherry',
      'archive', 'bundle', 'push', 'clone', 'init', 'gc', 'prune', 'repack', 'maintenance', 'notes', 'difftool',
      'request-pull', 'send-email', 'hash-object', 'column', 'interpret-trailers', 'stripspace', 'get-tar-commit-id',
      'show-index', 'credential', 'rerere', 'commit-tree', 'mktree', 'mktag', 'pack-refs', 'fsck-objects', 'instaweb',
    ].map((name) => [name, () => SAFE_READ] as const),
  ),
};

/** The classifier of a subcommand git knows (not an alias), reading its own words; undefined otherwise. */
export function classifierOf(sub: string): ((rest: Word[], e: Env) => Verdict) | undefined {
  const classify = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  return classify && ((rest, e) => classify(parse(rest, SPECS[sub] ?? {}), e));
}
