// Ignore globs and git pathspec globs: the same answers a regular expression gives on ordinary
// patterns, without its backtracking on hostile ones, and a clear refusal past the limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GLOB_LIMITS, globProblem, matchesAny, pathspecGlob } from '../../src/core/globs.js';

/**
 * The same semantics as a regular expression (the way the matcher used to work), as an oracle on
 * short inputs where backtracking is cheap. Braces expand first, as in a shell or minimatch.
 */
function oracleIgnore(glob: string): RegExp {
  let alts = [''];
  for (let i = 0; i < glob.length; i++) {
    const end = glob[i] === '{' ? glob.indexOf('}', i) : -1;
    if (end < 0) {
      alts = alts.map((a) => a + (glob[i] === '{' ? '\u0000' : glob[i]));
      continue;
    }
    const parts = glob.slice(i + 1, end).split(',');
    alts = alts.flatMap((a) => parts.map((p) => a + p));
    i = end;
  }
  const one = (g: string) => {
    let re = '';
    for (let i = 0; i < g.length; i++) {
      const c = g[i]!;
      if (c === '*') {
        if (g[i + 1] === '*') {
          while (g[i + 1] === '*') i++;
          if (g[i + 1] === '/') {
            i++;
            re += '(?:.*/)?';
          } else re += '.*';
        } else re += '[^/]*';
      } else if (c === '?') re += '[^/]';
      else if (c === '\u0000') re += '\\{';
      else re += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
    }
    return re;
  };
  return new RegExp(`^(?:${alts.map(one).join('|')})$`);
}

test('ordinary ignore globs', () => {
  assert.ok(matchesAny('package-lock.json', ['**/package-lock.json']));
  assert.ok(matchesAny('web/package-lock.json', ['**/package-lock.json']));
  assert.ok(matchesAny('src/gen/a.pb.go', ['src/gen/**']));
  assert.ok(matchesAny('a/b/c.min.js', ['**/*.{min.js,map}']));
  assert.ok(matchesAny('c.map', ['**/*.{min.js,map}']));
  assert.ok(!matchesAny('src/main.ts', ['*.ts']), 'a single star does not cross folders');
  assert.ok(matchesAny('src/a/b/main.ts', ['src/**/*.ts']));
  assert.ok(matchesAny('src/main.ts', ['src/**/*.ts']), '**/ also matches no folder at all');
  assert.ok(!matchesAny('srcx/main.ts', ['src/**/*.ts']));
  assert.ok(matchesAny('app/[id].tsx', ['app/[id].tsx']), "'[' is a literal in ignore globs");
  assert.ok(!matchesAny('app/i.tsx', ['app/[id].tsx']));
  assert.ok(matchesAny('a{b', ['a{b']), 'an unclosed brace is a literal');
  assert.ok(matchesAny('x/a?c', ['x/a?c']) && matchesAny('x/abc', ['x/a?c']) && !matchesAny('x/a/c', ['x/a?c']));
});

test('the matcher agrees with the regex it replaced on random short globs and paths', () => {
  const globChar = fc.constantFrom('a', 'b', '/', '.', '*', '**', '**/', '?', '{a,b}', '{,a*}', '{', '[', ']');
  const pathChar = fc.constantFrom('a', 'b', '/', '.', '[', ']', '{');
  fc.assert(
    fc.property(fc.array(globChar, { maxLength: 7 }), fc.array(pathChar, { maxLength: 10 }), (g, p) => {
      const glob = g.join('');
      const path = p.join('');
      if (/^\*\*\/[^*?{}[\]\\]+$/.test(glob)) return; // the suffix fast path: checked above
      if (globProblem(glob)) return; // a '{' inside a group: refused, see the test of braces
      assert.equal(matchesAny(path, [glob]), oracleIgnore(glob).test(path), `${JSON.stringify(glob)} on ${JSON.stringify(path)}`);
    }),
    { numRuns: 3000 },
  );
});

test('braces: wildcards inside a group match as wildcards, and a group inside a group is refused with a reason', () => {
  assert.ok(matchesAny('ax.ts', ['{a?,b}.ts']) && matchesAny('b.ts', ['{a?,b}.ts']));
  assert.ok(!matchesAny('a.ts', ['{a?,b}.ts']) && !matchesAny('axy.ts', ['{a?,b}.ts']), "'?' is exactly one character, not a regex quantifier");
  assert.ok(matchesAny('src/x/y.gen.ts', ['src/{**/*.gen.ts,*.d.ts}']) && !matchesAny('src/x/y.d.ts', ['src/{**/*.gen.ts,*.d.ts}']));
  // Read left to right, the first '}' would close the outer group: `c.ts` would silently not match.
  for (const nested of ['{a,{b,c}}.ts', 'src/{x,{y,z}/**}', '{a{a,b}']) {
    assert.match(globProblem(nested) ?? '', /nested groups are not supported/, nested);
    assert.equal(matchesAny('c.ts', [nested]), false, 'a refused pattern matches nothing');
  }
  assert.equal(globProblem('{a,b}/{c,d}.ts'), undefined, 'groups side by side are not nested');
  assert.equal(globProblem('a}{b'), undefined, "a '}' before any '{' is a literal");
});

test('a pattern with many stars against a long name answers at once (no backtracking), and one past the limits is refused', () => {
  const stars = 'src/' + '*a'.repeat(GLOB_LIMITS.maxWildcards) + 'X.ts';
  const name = 'src/' + 'a'.repeat(4000) + '.ts';
  // The regex it replaced does not finish on this in any reasonable time (exponential in the stars);
  // the set-of-positions matcher does (path x steps) work. The answer is what matters here.
  assert.equal(matchesAny(name, [stars]), false);
  assert.equal(matchesAny('src/' + 'a'.repeat(4000) + 'X.ts', [stars]), true);
  assert.equal(globProblem(stars), undefined, 'at the limit: allowed');
  assert.match(globProblem('src/' + '*a'.repeat(GLOB_LIMITS.maxWildcards + 1) + 'X.ts') ?? '', /wildcards \(at most 32\)/);
  assert.match(globProblem('a'.repeat(GLOB_LIMITS.maxLength + 1)) ?? '', /longer than 512/);
  assert.match(globProblem('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}') ?? '', /alternatives/);
  assert.equal(matchesAny('src/aaaaX.ts', ['src/' + '*a'.repeat(40) + 'X.ts']), false, 'a refused pattern matches nothing');
});

test('git pathspec globs: * and ? cross folders, [...] sets, a matched folder covers below, and no backtracking', () => {
  assert.ok(pathspecGlob('src/*.ts')('src/a/b.ts'));
  assert.ok(pathspecGlob('s?c')('src/x.ts'), 'a match of a leading folder covers what is below');
  assert.ok(!pathspecGlob('s?c')('srcx/x.ts'));
  assert.ok(pathspecGlob('[a-c]at.txt')('bat.txt') && !pathspecGlob('[!a-c]at.txt')('bat.txt') && pathspecGlob('[!a-c]at.txt')('rat.txt'));
  assert.ok(pathspecGlob('a[b')('a[b'), 'an unclosed [ is a literal (no SyntaxError)');
  const hostile = '*a'.repeat(30) + 'X';
  assert.equal(pathspecGlob(hostile)('a'.repeat(3000)), false);
  assert.equal(pathspecGlob('*a'.repeat(100) + 'X')('anything'), true, 'too complex to match safely: treated as covering every path');
});
