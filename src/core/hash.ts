// A fast, stable, non-cryptographic 96-bit hash for store file names (file keys, alert keys).
// Hooks run on every edit: loading node:crypto alone costs more than the whole hash work here.
// Names are not secrets and an attacker who can write the store can do worse than collide a name.
export function stableHash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ s.length;
  let h3 = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
    h3 = Math.imul(h3 + c, 0x85ebca6b) ^ (h3 >>> 13);
  }
  const fin = (h: number) => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0).toString(16).padStart(8, '0');
  };
  return fin(h1) + fin(h2 ^ h1) + fin(h3 ^ h2);
}

/** A random hex string from Math.random: unique enough for temp names and ids, not for secrets. */
export function randomHex(chars: number): string {
  let out = '';
  while (out.length < chars) out += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, chars);
}
