// The pure settings edit behind init/uninstall: what goes in, and that exactly that comes out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enabledPluginKeys, hasInitHooks, initHooks, INIT_MARKER, SettingsShapeError, withInitHooks, withoutInitHooks } from '../../src/cli/settings-hooks.js';

const TEMPLATE = {
  hooks: {
    SessionStart: [{ hooks: [{ type: 'command', command: 'node "${CLAUDE_PLUGIN_ROOT}/dist/hooks/session-start.mjs"', timeout: 10 }] }],
    PostToolUse: [
      { matcher: 'Write|Edit', hooks: [{ type: 'command', command: 'node "${CLAUDE_PLUGIN_ROOT}/dist/hooks/post-tool-use.mjs"', timeout: 10 }] },
      { matcher: '*', hooks: [{ type: 'command', command: '[ -e "$HOME/x" ] || exit 0; exec node "${CLAUDE_PLUGIN_ROOT}/dist/hooks/deliver.mjs"' }] },
    ],
  },
};

test('the plugin root is substituted as one double-quoted word, whatever characters the path has', () => {
  const root = '/opt/my "odd" $dir/`x`\\y/plugin';
  const ours = initHooks(TEMPLATE, root);
  const cmd = ours.SessionStart![0]!.hooks[0]!.command!;
  assert.equal(cmd, 'node "/opt/my \\"odd\\" \\$dir/\\`x\\`\\\\y/plugin/dist/hooks/session-start.mjs" ' + INIT_MARKER);
  assert.equal(ours.PostToolUse![1]!.matcher, '*');
  assert.ok(ours.PostToolUse![1]!.hooks[0]!.command!.startsWith('[ -e "$HOME/x" ] || exit 0; exec node "/opt/'), 'the rest of the command is untouched');
  assert.equal(ours.PostToolUse![0]!.hooks[0]!.timeout, 10);
});

test('a template that uses the plugin root outside quotes, or the plugin data dir, is refused', () => {
  assert.throws(() => initHooks({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'node ${CLAUDE_PLUGIN_ROOT}/x.mjs' }] }] } }, '/p'));
  assert.throws(() => initHooks({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'node "${CLAUDE_PLUGIN_DATA}/x.mjs"' }] }] } }, '/p'));
});

test('add then remove gives back the user settings, also with the user\'s hooks in the same events and groups', () => {
  const user = {
    model: 'opus',
    hooks: {
      PostToolUse: [{ matcher: 'Write|Edit', hooks: [{ type: 'command', command: 'prettier --write' }] }],
      Stop: [],
    },
  };
  const ours = initHooks(TEMPLATE, '/p');
  const added = withInitHooks(user, ours);
  assert.ok(hasInitHooks(added));
  assert.equal((added.hooks as any).PostToolUse.length, 3);
  assert.deepEqual(Object.keys(added), ['model', 'hooks'], 'key order kept');
  assert.deepEqual(withoutInitHooks(added), user);
  // The user later puts a command of their own into one of our groups: it stays, ours goes.
  const mixed = structuredClone(added) as any;
  mixed.hooks.SessionStart[0].hooks.push({ type: 'command', command: 'echo hi' });
  const removed = withoutInitHooks(mixed) as any;
  assert.deepEqual(removed.hooks.SessionStart, [{ hooks: [{ type: 'command', command: 'echo hi' }] }]);
  assert.deepEqual(removed.hooks.Stop, [], "the user's empty list is theirs");
});

test('init twice, or from a moved package, leaves one set of hooks at the newest path', () => {
  const once = withInitHooks({}, initHooks(TEMPLATE, '/old'));
  const twice = withInitHooks(once, initHooks(TEMPLATE, '/new'));
  const text = JSON.stringify(twice);
  assert.ok(!text.includes('/old/'));
  assert.equal((twice.hooks as any).PostToolUse.length, 2);
  assert.deepEqual(withInitHooks(twice, initHooks(TEMPLATE, '/new')), twice);
  assert.deepEqual(withoutInitHooks(twice), {});
});

test('a hooks table of the wrong shape is an error, not something to fix up', () => {
  assert.throws(() => withInitHooks({ hooks: [] }, {}), SettingsShapeError);
  assert.throws(() => withoutInitHooks({ hooks: { Stop: {} } }), SettingsShapeError);
  assert.throws(() => hasInitHooks({ hooks: { Stop: [{ command: 'x' }] } }), SettingsShapeError);
});

test('enabled plugin keys: only context-sync entries that are on', () => {
  assert.deepEqual(enabledPluginKeys({ enabledPlugins: { 'context-sync@a': true, 'context-sync@b': false, 'other@a': true } }), ['context-sync@a']);
  assert.deepEqual(enabledPluginKeys({ enabledPlugins: ['context-sync@a'] }), []);
  assert.deepEqual(enabledPluginKeys(undefined), []);
});
