import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageOf } from '../../src/symbols/index.js';
import { namesAt, source, spanOf } from './symbols-support.js';

const cfg = source(
  '; top comment',
  'root = true',
  '',
  '[metadata]',
  'name = demo',
  'classifiers =',
  '    License :: OSI Approved',
  '    Programming Language :: Python',
  '',
  '# between sections',
  '[options]',
  'zip_safe: false',
);

test('INI: keys are named section.key; a section runs to its last entry', () => {
  assert.deepEqual(namesAt(cfg, 'ini', 'name = demo'), ['metadata.name']);
  assert.deepEqual(namesAt(cfg, 'ini', 'zip_safe'), ['options.zip_safe']);
  assert.deepEqual(namesAt(cfg, 'ini', 'root = true'), ['root']);
  assert.deepEqual(spanOf(cfg, 'ini', 'metadata'), { kind: 'section', lines: [4, 8] });
});

test('INI: indented lines continue the entry above them', () => {
  assert.deepEqual(namesAt(cfg, 'ini', 'Programming Language'), ['metadata.classifiers']);
  assert.deepEqual(spanOf(cfg, 'ini', 'metadata.classifiers'), { kind: 'key', lines: [6, 8] });
});

test('INI: the header line is the section; comments and blank lines between sections are none', () => {
  assert.deepEqual(namesAt(cfg, 'ini', '[options]'), ['options']);
  assert.deepEqual(namesAt(cfg, 'ini', '# between sections'), []);
  assert.deepEqual(namesAt(cfg, 'ini', '; top comment'), []);
});

test('.env: keys, `export`, and a quoted value spanning lines', () => {
  const env = source('# database', 'export DB_URL=postgres://x', 'API_KEY="abc"', 'CERT="-----BEGIN', 'line', '-----END"', 'DEBUG=1');
  assert.deepEqual(namesAt(env, 'ini', 'DB_URL'), ['DB_URL']);
  assert.deepEqual(namesAt(env, 'ini', 'line'), ['CERT']);
  assert.deepEqual(namesAt(env, 'ini', 'DEBUG'), ['DEBUG']);
  assert.deepEqual(namesAt(env, 'ini', 'API_KEY', 'DEBUG'), ['API_KEY', 'CERT', 'DEBUG']);
});

test('.env and INI-style files are recognised by name', () => {
  for (const f of ['.env', 'app/.env.local', '.env.production', 'setup.cfg', 'tox.ini', '.editorconfig', '.gitconfig', '.npmrc']) {
    assert.equal(languageOf(f), 'ini', f);
  }
  assert.equal(languageOf('environment.ts'), 'typescript');
  assert.equal(languageOf('Makefile'), undefined);
});
