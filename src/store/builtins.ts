// Node built-ins that only rare paths need, loaded on first use: every hook start-up pays for each
// module it imports (node:child_process and node:os cost more than the hook's own work).
type Builtins = {
  child_process: typeof import('node:child_process');
  os: typeof import('node:os');
  crypto: typeof import('node:crypto');
};

export function builtin<K extends keyof Builtins>(name: K): Builtins[K] | undefined {
  const get = (process as unknown as { getBuiltinModule?: (n: string) => unknown }).getBuiltinModule;
  return get ? (get(`node:${name}`) as Builtins[K]) : undefined;
}
