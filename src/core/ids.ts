// Names from outside (session ids, message ids, targets) become path components only when they
// match these shapes: no separators, no dots at the start, bounded length.
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const MESSAGE_ID = /^[0-9a-z]{8,40}-[0-9a-f]{4,32}$/;

export function isSessionId(v: unknown): v is string {
  return typeof v === 'string' && SESSION_ID.test(v);
}

export function isMessageId(v: unknown): v is string {
  return typeof v === 'string' && MESSAGE_ID.test(v);
}

export function shortId(sessionId: string): string {
  return sessionId.slice(0, 8);
}
