// A small glob matcher for the `ignore` setting (`**`, `*`, `?`, `{a,b}`), on '/'-separated paths.
// Hooks run on every edit: this avoids loading a glob library at start-up.
const cache = new Map<string, RegExp>();

function toRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += '(?:' + glob.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')';
        i = end;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

// A glob of the form "**" + "/name" with no other wildcard: a plain suffix test, no regular expression to build.
const SUFFIX_ONLY = /^\*\*\/[^*?{}[\]]+$/;

export function matchesAny(path: string, globs: readonly string[]): boolean {
  for (const g of globs) {
    if (SUFFIX_ONLY.test(g)) {
      const lit = g.slice(3);
      if (path === lit || path.endsWith('/' + lit)) return true;
      continue;
    }
    let re = cache.get(g);
    if (!re) cache.set(g, (re = toRegExp(g)));
    if (re.test(path)) return true;
  }
  return false;
}
