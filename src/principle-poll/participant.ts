/**
 * One vote per participant: a random token kept in localStorage, one per poll. It is not a
 * name and not an address: the server only learns that the same browser voted again, and
 * replaces that vote. Clearing storage makes a new participant (as in Mentimeter), but an
 * office behind one IP address is never blocked.
 */
const PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** Where storage is off (some private modes): one token for this page view. */
const memory = new Map<string, string>();

const key = (pollId: string) => `cop-principle-poll:${pollId}:participant`;

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

function read(pollId: string): string | undefined {
  try {
    return localStorage.getItem(key(pollId)) ?? undefined;
  } catch {
    return memory.get(pollId);
  }
}

/** This browser's token for the poll; `known` when it was there before, so a vote may exist. */
export function participant(pollId: string): { token: string; known: boolean } {
  const stored = read(pollId);
  if (stored && PATTERN.test(stored)) return { token: stored, known: true };
  const token = randomToken();
  memory.set(pollId, token);
  try {
    localStorage.setItem(key(pollId), token);
  } catch {
    // Storage full or off: the in-memory token still works until the page is left.
  }
  return { token, known: false };
}
