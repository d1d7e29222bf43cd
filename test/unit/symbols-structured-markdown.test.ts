import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageOf } from '../../src/symbols/index.js';
import { namesAt, source, spanOf } from './symbols-support.js';

const readme = source(
  '---',
  'title: Demo',
  '---',
  '# Demo',
  '',
  'Intro text.',
  '',
  '## Install',
  '',
  'npm i demo',
  '',
  '### From source',
  '',
  '```sh',
  '# not a heading',
  'make',
  '```',
  '',
  '## Usage',
  'Setext title',
  '------------',
  'text',
  '',
  '<!--',
  '# not a heading either',
  '-->',
  '- # not a section: a heading in a list item',
  '',
  '## Usage',
);

test('a section is named by its heading path', () => {
  assert.deepEqual(namesAt(readme, 'markdown', 'make'), ['Demo > Install > From source']);
  assert.deepEqual(namesAt(readme, 'markdown', 'npm i demo'), ['Demo > Install']);
  assert.deepEqual(namesAt(readme, 'markdown', 'Intro'), ['Demo']);
});

test('a section runs to the next heading of its level or higher, without trailing blank lines', () => {
  assert.deepEqual(spanOf(readme, 'markdown', 'Demo > Install'), { kind: 'section', lines: [8, 17] });
  assert.deepEqual(spanOf(readme, 'markdown', 'Demo > Install > From source'), { kind: 'section', lines: [12, 17] });
  // The blank line after `Install` ends, before the next `##`, is between two subsections: the parent's.
  assert.deepEqual(namesAt(readme, 'markdown', 18), ['Demo']);
});

test('front matter is its own symbol', () => {
  assert.deepEqual(namesAt(readme, 'markdown', 'title: Demo'), ['front matter']);
  assert.deepEqual(spanOf(readme, 'markdown', 'front matter'), { kind: 'section', lines: [1, 3] });
});

test('"#" lines in code blocks, HTML comments and list items are not headings; setext headings are', () => {
  assert.deepEqual(namesAt(readme, 'markdown', '# not a heading'), ['Demo > Install > From source']);
  // A `---` underline makes a level-2 heading: a sibling of `Usage`, not a child.
  assert.deepEqual(namesAt(readme, 'markdown', '# not a heading either'), ['Demo > Setext title']);
  assert.deepEqual(namesAt(readme, 'markdown', '- # not a section'), ['Demo > Setext title']);
  assert.deepEqual(spanOf(readme, 'markdown', 'Demo > Setext title'), { kind: 'section', lines: [20, 27] });
});

test('a line of dashes under a list item or a quote is a rule, not a heading', () => {
  for (const doc of [source('# A', '- item', '---', 'x'), source('# A', '> quoted', '---', 'x')]) assert.deepEqual(namesAt(doc, 'markdown', 4), ['A']);
  assert.deepEqual(namesAt(source('# A', 'para', '---', 'x'), 'markdown', 4), ['A > para']);
});

test('two sections of one title under one parent are told apart', () => {
  assert.deepEqual(namesAt(readme, 'markdown', readme.split('\n').length - 1), ['Demo > Usage (2)']);
});

test('two edits in two sections name two sections; the text before the first heading is none', () => {
  const doc = source('Badges here', '', '## A', 'a', '## B', 'b');
  assert.deepEqual(namesAt(doc, 'markdown', 1), []);
  assert.deepEqual(namesAt(doc, 'markdown', 4, 6), ['A', 'B']);
});

test('Markdown and MDX files are recognised by extension', () => {
  for (const f of ['README.md', 'docs/intro.mdx', 'x.markdown']) assert.equal(languageOf(f), 'markdown', f);
});
