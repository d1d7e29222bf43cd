import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitOperations, mightInvolveGit, type GitAliasMap, type GitOperation } from '../../src/core/git-risk.js';

const cwd = '/repo';
const home = '/home/me';
const aliases: GitAliasMap = {
  'alias.st': 'stash',
  co: 'checkout',
  ci: 'commit -a',
  unstage: 'reset HEAD --',
  wip: '!git add -A && git commit -m wip',
  sync: '!f() { git fetch && git rebase origin/main; }; f',
  hello: '!echo hello',
  up: '!./scripts/update.sh',
};

function ops(command: string): GitOperation[] {
  return gitOperations({ command, cwd, home, aliases });
}

/** `effect *` (scope all) or `effect path path...`, one string per git invocation. */
function summary(command: string): string[] {
  return ops(command).map((o) => [o.effect, ...(o.scope.kind === 'all' ? ['*'] : o.scope.paths)].join(' '));
}

const table: [command: string, expected: string[]][] = [
  // stash: every form moves work away, unless limited to paths; list/show read only
  ['git stash', ['move *']],
  ['git stash push', ['move *']],
  ['git stash -u', ['move *']],
  ['git stash push --keep-index', ['move *']],
  ['git stash -p', ['move *']],
  ['git stash save "half done"', ['move *']],
  ['git stash push -m "wip" -- src/b.ts', ['move /repo/src/b.ts']],
  ['git stash push src/b.ts src/c.ts', ['move /repo/src/b.ts /repo/src/c.ts']],
  ['git stash -- src/b.ts', ['move /repo/src/b.ts']],
  ["git stash push -- '*.ts'", ['move /repo/*.ts']],
  ["git stash push -- ':!src/b.ts'", ['move *']],
  ['git stash list', ['safe *']],
  ['git stash show -p stash@{0}', ['safe *']],
  ['git stash pop', ['rewrite *']],
  ['git stash apply stash@{1}', ['rewrite *']],
  ['git stash drop', ['discard *']],
  ['git stash clear', ['discard *']],
  ['git stash branch tmp', ['move *']],
  // checkout / switch / restore
  ['git checkout -- .', ['discard /repo']],
  ['git checkout .', ['discard /repo']],
  ['git checkout -- src/a.ts src/b.ts', ['discard /repo/src/a.ts /repo/src/b.ts']],
  ['git checkout src/a.ts', ['discard /repo/src/a.ts']],
  ['git checkout HEAD -- src/a.ts', ['discard /repo/src/a.ts']],
  ['git checkout main -- package.json', ['discard /repo/package.json']],
  ['git checkout main package.json', ['discard /repo/package.json']],
  ['git checkout --theirs src/a.ts', ['discard /repo/src/a.ts']],
  ["git checkout -- ':(top)src/a.ts'", ['discard :/src/a.ts']],
  ['git checkout -p', ['discard *']],
  ['git checkout main', ['move *']],
  ['git checkout -', ['move *']],
  ['git checkout v1.2.3', ['move *']],
  ['git checkout -f main', ['discard *']],
  ['git checkout -b feature/x', ['safe *']],
  ['git checkout -b feature/x origin/main', ['move *']],
  ['git checkout', ['safe *']],
  ['git switch main', ['move *']],
  ['git switch -c topic', ['safe *']],
  ['git switch -c topic origin/main', ['move *']],
  ['git switch --discard-changes main', ['discard *']],
  ['git switch --detach HEAD~3', ['move *']],
  ['git restore src/a.ts', ['discard /repo/src/a.ts']],
  ['git restore .', ['discard /repo']],
  ['git restore --source=HEAD~2 -- lib/', ['discard /repo/lib']],
  ['git restore --staged src/a.ts', ['safe /repo/src/a.ts']],
  ['git restore -SW src/a.ts', ['discard /repo/src/a.ts']],
  // reset: --hard/--merge discard, moving HEAD rewrites, unstaging is harmless
  ['git reset --hard', ['discard *']],
  ['git reset --hard HEAD~1', ['discard *']],
  ['git reset --ha origin/main', ['discard *']],
  ['git reset --merge', ['discard *']],
  ['git reset --keep HEAD~1', ['rewrite *']],
  ['git reset HEAD~1', ['rewrite *']],
  ['git reset --soft HEAD~2', ['rewrite *']],
  ['git reset', ['safe *']],
  ['git reset HEAD src/a.ts', ['safe /repo/src/a.ts']],
  ['git reset -- src/a.ts', ['safe /repo/src/a.ts']],
  ['git reset -p', ['safe *']],
  // clean
  ['git clean -fd', ['discard *']],
  ['git clean -fdx', ['discard *']],
  ['git clean -fd -e node_modules', ['discard *']],
  ['git clean -f -- build/', ['discard /repo/build']],
  ['git clean -n', ['safe *']],
  ['git clean -nd', ['safe *']],
  ['git clean -d', ['safe *']],
  ['git -c clean.requireForce=false clean -d', ['discard *']],
  // history-moving commands
  ['git rebase main', ['rewrite *']],
  ['git rebase -i HEAD~3', ['rewrite *']],
  ['git rebase --continue', ['rewrite *']],
  ['git merge feature', ['rewrite *']],
  ['git merge --abort', ['rewrite *']],
  ['git pull', ['rewrite *']],
  ['git pull --rebase origin main', ['rewrite *']],
  ['git cherry-pick abc123', ['rewrite *']],
  ['git revert --no-edit HEAD', ['rewrite *']],
  ['git apply fix.patch', ['rewrite *']],
  ['git apply --check fix.patch', ['safe *']],
  ['git apply --cached fix.patch', ['sweep *']],
  ['git am < 0001.patch', ['rewrite *']],
  // commit and add: sweeping peers' files into the caller's commit
  ['git commit -a -m fix', ['sweep *']],
  ['git commit -am "fix: thing"', ['sweep *']],
  ['git commit --all -m x', ['sweep *']],
  ['git commit -m "x"', ['safe *']],
  ['git commit -F msg.txt', ['safe *']],
  ['git commit -uall -m x', ['safe *']],
  ['git commit --amend --no-edit', ['safe *']],
  ["git commit -m 'wip' src/a.ts", ['sweep /repo/src/a.ts']],
  ['git commit -m msg -- src/a.ts', ['sweep /repo/src/a.ts']],
  ['git add -A', ['sweep *']],
  ['git add --all', ['sweep *']],
  ['git add -u', ['sweep *']],
  ['git add -p', ['sweep *']],
  ['git add .', ['sweep /repo']],
  ['git add :/', ['sweep *']],
  ["git add ':/docs/x.md'", ['sweep :/docs/x.md']],
  ['git add src/b.ts', ['sweep /repo/src/b.ts']],
  ['git add ../shared/x.ts', ['sweep /shared/x.ts']],
  ["git add '*.ts'", ['sweep /repo/*.ts']],
  ['git add -n .', ['safe *']],
  ['git rm src/old.ts', ['discard /repo/src/old.ts']],
  ['git rm --cached secrets.env', ['sweep /repo/secrets.env']],
  ['git rm -r -n build', ['safe *']],
  ['git mv a.ts lib/a.ts', ['move /repo/a.ts /repo/lib/a.ts']],
  ['git worktree remove --force ../wt', ['discard /wt']],
  ['git worktree remove ../wt', ['safe *']],
  ['git worktree add ../wt -b x', ['safe *']],
  ['git branch -D old', ['safe *']],
  // read-only
  ['git status', ['safe *']],
  ['git diff --stat', ['safe *']],
  ['git log --oneline -5', ['safe *']],
  ['git log --grep stash', ['safe *']],
  ['git show HEAD:src/a.ts', ['safe *']],
  ['git blame src/a.ts', ['safe *']],
  ['git fetch origin', ['safe *']],
  ['git branch -a', ['safe *']],
  ['git rev-parse --show-toplevel', ['safe *']],
  ['git push origin HEAD', ['safe *']],
  ['git --version', ['safe *']],
  ['git', ['safe *']],
  // strings, comments and heredocs that only mention git
  ['echo "git stash"', []],
  ["grep -r 'git reset --hard' .", []],
  ['echo git stash > notes.txt', []],
  ['# git stash', []],
  ['cat <<EOF\ngit stash\nEOF', []],
  ["cat <<'EOF' > notes.md\nrun git reset --hard to start over\nEOF\nls", []],
  ['bash deploy.sh', []],
  ['command -v git', []],
  ['npm test', []],
  ["git commit -m \"$(cat <<'EOF'\nfix: thing\n\nexplain why git reset --hard was wrong\nEOF\n)\"", ['safe *']],
  ['git log --oneline | grep stash', ['safe *']],
  // commands that do run git, however they are wrapped
  ['cat <<EOF\n$(git stash)\nEOF', ['move *']],
  ['x=$(git stash)', ['move *']],
  ['echo `git stash`', ['move *']],
  ['diff <(git show HEAD:a.ts) a.ts', ['safe *']],
  ['/usr/bin/git stash', ['move *']],
  ['g\\it stash', ['move *']],
  ['"git" stash', ['move *']],
  ['sudo -u dev git clean -fdx', ['discard *']],
  ['env GIT_PAGER=cat git stash', ['move *']],
  ['command git stash', ['move *']],
  ['exec git reset --hard', ['discard *']],
  ['time git pull', ['rewrite *']],
  ['nice -n 10 git gc', ['safe *']],
  ['timeout 30 git pull', ['rewrite *']],
  ['git --no-pager -c color.ui=never diff', ['safe *']],
  ['git ls-files -m | xargs git checkout --', ['safe *', 'discard *']],
  ['git diff --name-only | xargs -I{} git add {}', ['safe *', 'sweep *']],
  ["find . -name '*.orig' -exec git rm {} \\;", ['discard *']],
  ['bash -c "git stash && git pull"', ['move *', 'rewrite *']],
  ['bash -lc \'git clean -fd\'', ['discard *']],
  ['eval "git stash"', ['move *']],
  ["echo 'git stash' | sh", ['move *']],
  ["bash <<'EOF'\ngit reset --hard\nEOF", ['discard *']],
  ['sh <<< "git add -A"', ['sweep *']],
  ['if ! git diff --quiet; then git stash; fi', ['safe *', 'move *']],
  ['for b in $(git branch --format=x); do git checkout "$b"; done', ['safe *', 'move *']],
  ['while read -r f; do git checkout -- "$f"; done < files.txt', ['discard *']],
  ['for f in a.ts b.ts; do git add "$f"; done', ['sweep *']],
  ['case "$1" in reset) git reset --hard ;; *) git status ;; esac', ['discard *', 'safe *']],
  ['f() { git stash; }; f', ['move *']],
  ['npm test && git add -A && git commit -m done', ['sweep *', 'safe *']],
  ['git add src/a.ts && git commit -m "feat: a" && git push', ['sweep /repo/src/a.ts', 'safe *', 'safe *']],
  ['git stash & git status', ['move *', 'safe *']],
  ['git checkout $BRANCH', ['move *']],
  ['git add "$FILE"', ['sweep *']],
  ['git "$SUB"', ['unknown *']],
  // aliases
  ['git st', ['move *']],
  ['git co main', ['move *']],
  ['git co -- .', ['discard /repo']],
  ['git ci -m x', ['sweep *']],
  ['git unstage src/a.ts', ['safe /repo/src/a.ts']],
  ['git wip', ['sweep *', 'safe *']],
  ['git sync', ['safe *', 'rewrite *']],
  ['git hello', ['unknown *']],
  ['git up', ['unknown *']],
  ["git -c alias.nuke='reset --hard' nuke", ['discard *']],
  ['git frobnicate', ['unknown *']],
  ['git constructor', ['unknown *']],
  ['git --exec-path', ['safe *']],
  ['git --exec-path=/opt/git stash', ['move *']],
  // the rarer commands that rewrite, move or discard work: each with a harmless form where it has one
  ['git mergetool', ['rewrite *']],
  ['git merge-file src/b.ts base.ts theirs.ts', ['rewrite *']],
  ["git filter-branch --tree-filter 'rm -f secrets' HEAD", ['rewrite *']],
  ['git bisect start', ['move *']],
  ['git bisect log', ['safe *']],
  ['git sparse-checkout set src', ['move *']],
  ['git sparse-checkout list', ['safe *']],
  ['git submodule update --init', ['rewrite *']],
  ['git submodule deinit -f lib', ['discard *']],
  ['git submodule status', ['safe *']],
  ['git checkout-index -f -a', ['discard *']],
  ['git checkout-index -f src/b.ts', ['discard /repo/src/b.ts']],
  ['git checkout-index src/b.ts', ['safe *']],
  ['git read-tree -u -m HEAD', ['discard *']],
  ['git read-tree HEAD', ['rewrite *']],
];

test('classifies real-world commands', async (t) => {
  for (const [command, expected] of table) {
    await t.test(command, () => assert.deepEqual(summary(command), expected));
  }
});

test('the table has a case for every git command that can touch uncommitted work, and for every effect', () => {
  // The commands the guard asks about (everything else is read-only for the working tree): dropping
  // the last case of one from the table would leave its classification unchecked.
  const guarded = [
    'stash', 'checkout', 'switch', 'restore', 'reset', 'clean', 'commit', 'add', 'rm', 'mv', 'apply', 'worktree', 'am',
    'rebase', 'merge', 'pull', 'cherry-pick', 'revert', 'mergetool', 'merge-file', 'filter-branch', 'bisect',
    'sparse-checkout', 'submodule', 'checkout-index', 'read-tree',
  ];
  const classified = table.flatMap(([command]) => ops(command));
  const seen = new Set(classified.map((o) => o.argv[0]));
  assert.deepEqual(guarded.filter((sub) => !seen.has(sub)), []);
  const effects = new Set(classified.map((o) => o.effect));
  assert.deepEqual([...effects].sort(), ['discard', 'move', 'rewrite', 'safe', 'sweep', 'unknown']);
});

test('tracks the directory through cd, pushd, subshells and -C', () => {
  const dirs = (command: string) => ops(command).map((o) => o.dir);
  assert.deepEqual(dirs('cd src && git stash'), ['/repo/src']);
  assert.deepEqual(dirs('cd src; git checkout -- .'), ['/repo/src']);
  assert.deepEqual(dirs('cd /other/repo && git reset --hard'), ['/other/repo']);
  assert.deepEqual(dirs('(cd sub && git stash); git stash list'), ['/repo/sub', '/repo']);
  assert.deepEqual(dirs('{ cd sub; git stash; }; git status'), ['/repo/sub', '/repo/sub']);
  assert.deepEqual(dirs('cd sub | git status'), ['/repo']);
  assert.deepEqual(dirs('cd - && git stash'), [null]);
  assert.deepEqual(dirs('cd "$REPO" && git stash'), [null]);
  assert.deepEqual(dirs('cd && git status'), ['/home/me']);
  assert.deepEqual(dirs('cd ~/proj && git stash'), ['/home/me/proj']);
  assert.deepEqual(dirs('pushd lib && git clean -fd && popd && git status'), ['/repo/lib', '/repo']);
  assert.deepEqual(dirs('sh -c \'cd sub; git reset --hard\'; git status'), ['/repo/sub', '/repo']);
  assert.deepEqual(dirs("eval 'cd sub' && git add ."), ['/repo/sub']);
  assert.deepEqual(dirs('git -C packages/app -C ../lib status'), ['/repo/packages/lib']);
  assert.deepEqual(dirs('git -C "$(git rev-parse --show-toplevel)" stash'), ['/repo', null]);
  assert.deepEqual(dirs('env -C /srv/app git stash'), ['/srv/app']);
  assert.deepEqual(dirs('git wip'), [null, null]);
  assert.deepEqual(dirs('builtin cd sub && git stash'), ['/repo/sub']);
  assert.deepEqual(dirs('sudo cd sub; git stash'), ['/repo']);
});

test('resolves scope against the effective directory', () => {
  assert.deepEqual(ops('git -C packages/app checkout -- .')[0]?.scope, { kind: 'paths', paths: ['/repo/packages/app'] });
  assert.deepEqual(ops('cd src && git add ../README.md ./b.ts')[0]?.scope, { kind: 'paths', paths: ['/repo/README.md', '/repo/src/b.ts'] });
  const unknownDir = gitOperations({ command: 'cd "$X" && git add lib/a.ts', cwd });
  assert.deepEqual(unknownDir[0]?.scope, { kind: 'paths', paths: ['lib/a.ts'] });
});

test('notes --git-dir, --work-tree and GIT_DIR', () => {
  const [a] = ops('git --git-dir=/x/.git --work-tree=/x reset --hard');
  assert.equal(a?.gitDir, '/x/.git');
  assert.equal(a?.workTree, '/x');
  assert.deepEqual(a?.argv, ['reset', '--hard']);
  const [b] = ops('GIT_DIR=../other/.git git status');
  assert.equal(b?.gitDir, '/other/.git');
  const [c] = ops('export GIT_WORK_TREE=/w; git stash');
  assert.equal(c?.workTree, '/w');
  const [d] = ops('git status');
  assert.equal(d?.gitDir, undefined);
});

test('argv is the invocation after alias expansion, without global options', () => {
  assert.deepEqual(ops('git --no-pager -C sub st push -- a.ts')[0]?.argv, ['stash', 'push', '--', 'a.ts']);
  assert.deepEqual(ops('git ci -m "two words"')[0]?.argv, ['commit', '-a', '-m', 'two words']);
});

test('risky operations say why and offer a safer alternative', () => {
  for (const command of ['git stash', 'git reset --hard', 'git add -A', 'git checkout main', 'git clean -fd']) {
    const [o] = ops(command);
    assert.ok(o && o.risk.length > 0 && o.saferAlternative, command);
  }
  assert.match(ops('git stash')[0]!.risk, /every uncommitted change/);
});

test('mightInvolveGit is a cheap superset of gitOperations', () => {
  const yes = ['cd x && git stash', 'git status', '/usr/bin/git log', 'g\\it stash', '"gi"t stash', "$'\\x67it' stash", 'bash -c "git pull"'];
  const no = ['npm test', 'ls -la', 'node scripts/build.mjs', 'cat README.md | head'];
  for (const c of yes) assert.equal(mightInvolveGit(c), true, c);
  for (const c of no) assert.equal(mightInvolveGit(c), false, c);
  for (const [command] of table) {
    if (!mightInvolveGit(command)) assert.deepEqual(ops(command), [], command);
  }
  assert.deepEqual(summary("$'\\x67it' stash"), ['move *']);
});

test('never throws on malformed input', () => {
  const malformed = ['git stash "unterminated', "git 'x", 'git $(', 'git `', '((((', ')))) git stash', 'cat <<', '${', 'case x in', 'git -C', 'git -c', ''];
  const deep = ['$(', '(', '"$(', '{ ', '`', 'case x in a) ', '! ', 'f() '].map((s) => s.repeat(5000) + 'git stash');
  for (const command of [...malformed, ...deep]) assert.doesNotThrow(() => ops(command), command.slice(0, 20));
  assert.deepEqual(summary('eval '.repeat(50) + 'git stash'), ['unknown *']);
});
