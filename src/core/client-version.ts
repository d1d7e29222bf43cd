// Which Claude Code a version string names, as far as this plugin cares: whether it loads hooks modules.

/** The first Claude Code release that loads a plugin's hooks module. */
export const FIRST_MODULE_CLIENT = '2.1.287';

/** The numeric release of a version string ("2.1.330", "2.1.330-beta.1"), or undefined. */
function release(version: string): number[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Compare two releases: negative when `a` is older, 0 when the same; NaN when either is no release. */
export function compareVersions(a: string, b: string): number {
  const [ra, rb] = [release(a), release(b)];
  if (!ra || !rb) return NaN;
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return 0;
}

/** Whether this Claude Code version loads a plugin's hooks module. */
export const loadsModules = (version: string): boolean => compareVersions(version, FIRST_MODULE_CLIENT) >= 0;
