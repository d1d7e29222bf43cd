// Source files the tests edit: small, with one function per concern, so that a test can name the
// function an edit lands in.

/** Three functions, each on its own lines: `add`, `mul`, `sub`. */
export const THREE_FUNCTIONS = `export function add(a: number, b: number): number {
  return a + b;
}

export function mul(a: number, b: number): number {
  return a * b;
}

export function sub(a: number, b: number): number {
  return a - b;
}
`;
