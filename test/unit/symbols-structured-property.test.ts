// Property tests: random documents, written the way tools write them (JSON.stringify, yaml's
// stringify, hand-assembled TOML and Markdown), resolved line by line and compared with the parser
// oracles of bench/structured-oracle.ts. A failure prints the shrunk document and the line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { enclosingSymbols, type StructuredFormat } from '../../src/symbols/index.js';
import { structuredOutline } from '../../bench/structured-oracle.js';
import { oracleEnclosing } from '../../bench/symbols-oracle.js';

/** Every line's answer agrees with the oracle's (same names), or both say the file does not parse. */
function agreesOnEveryLine(text: string, format: StructuredFormat): void {
  const oracle = structuredOutline(text, format);
  const n = text.split('\n').length;
  const ranges = Array.from({ length: n }, (_, i) => [i + 1, i + 1] as const);
  let got: string[][] | null;
  try {
    got = enclosingSymbols(text, format, ranges).map((xs) => xs.map((s) => s.name).sort());
  } catch {
    got = null;
  }
  if (oracle === null || got === null) {
    assert.equal(got === null, oracle === null, `${format} parse verdicts differ:\n${text}`);
    return;
  }
  ranges.forEach(([line], i) => {
    const expected = oracleEnclosing(oracle, line, line).map((s) => s.name).sort();
    assert.deepEqual(got![i], expected, `${format} line ${line} of:\n${text}`);
  });
}

const key = fc.oneof(fc.constantFrom('name', 'id', 'key', 'version', 'a.b', 'x y', '@scope/pkg', '-dash', 'on', '"q"'), fc.string({ minLength: 1, maxLength: 6 }));
const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('multi\nline\ntext\n', 'a: b', '# not a comment', "it's", '- dash', '[x]'));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
}));
const document = fc.dictionary(key, tree, { minKeys: 1, maxKeys: 6 });
const runs = { numRuns: 150, seed: 14 };

test('JSON written by JSON.stringify with any indentation', () => {
  fc.assert(fc.property(document, fc.constantFrom(2, 4, '\t'), (doc, indent) => agreesOnEveryLine(JSON.stringify(doc, null, indent) + '\n', 'json')), runs);
});

test('YAML written by yaml\'s stringify, one document or several', () => {
  fc.assert(
    fc.property(fc.array(document, { minLength: 1, maxLength: 3 }), fc.boolean(), (docs, flowLists) => {
      const text = docs.map((d) => yamlStringify(d, { collectionStyle: flowLists ? 'any' : 'block' })).join('---\n');
      agreesOnEveryLine(text, 'yaml');
    }),
    runs,
  );
});

const bareKey = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/);
const tomlValue = fc.oneof(
  fc.integer().map(String),
  fc.boolean().map(String),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.array(fc.integer().map(String), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
  fc.array(fc.string({ maxLength: 5 }).map((s) => JSON.stringify(s)), { minLength: 1, maxLength: 3 }).map((xs) => `[\n${xs.map((x) => `  ${x},`).join('\n')}\n]`),
  fc.constantFrom('"""\nmulti\n[not-a-table]\n"""', "'literal'", '{ version = "1", optional = true }', '1979-05-27T07:32:00Z'),
);
const tomlTable = fc.record({
  header: fc.oneof(bareKey.map((k) => `[${k}]`), fc.tuple(bareKey, bareKey).map(([a, b]) => `[${a}.${b}]`), fc.constantFrom('[[bin]]', '[[bin]]', '[[package.metadata]]')),
  entries: fc.dictionary(bareKey, tomlValue, { maxKeys: 4 }),
  label: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
});

test('TOML assembled from tables, arrays of tables, dotted headers and multi-line values', () => {
  fc.assert(
    fc.property(fc.dictionary(bareKey, tomlValue, { maxKeys: 3 }), fc.array(tomlTable, { maxLength: 5 }), (root, tables) => {
      const lines = Object.entries(root).map(([k, v]) => `${k} = ${v}`);
      for (const t of tables) {
        lines.push('', '# comment', t.header);
        if (t.label !== undefined && !('name' in t.entries)) lines.push(`name = ${JSON.stringify(t.label)}`);
        for (const [k, v] of Object.entries(t.entries)) lines.push(`${k} = ${v}`);
      }
      agreesOnEveryLine(lines.join('\n') + '\n', 'toml');
    }),
    runs,
  );
});

const mdBlock = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom('Install', 'Usage', 'API', 'Install', 'From source')).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
  fc.constantFrom('Text line.', '', 'Setext\n======', 'Setext two\n---', '---', '```\n# code\n```', '    # indented code', '- # list item', '> # quoted', '<!--\n# hidden\n-->', '<div>\n# in html\n</div>', '* * *', '1. item\n---'),
);

test('Markdown with ATX and setext headings, code, HTML, lists, quotes and rules', () => {
  fc.assert(fc.property(fc.boolean(), fc.array(mdBlock, { maxLength: 14 }), (front, blocks) => {
    const text = (front ? '---\ntitle: x\n---\n' : '') + blocks.join('\n') + '\n';
    agreesOnEveryLine(text, 'markdown');
  }), runs);
});
