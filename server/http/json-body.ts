/**
 * Reading a request body as JSON, defensively: the media type, strict UTF-8, a nesting limit
 * checked on the text before anything parses or walks it, and a scan for characters and keys
 * no field may hold.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { FeedIssue } from '../../src/core/issues.js';
import { FORBIDDEN_CHARACTERS } from '../../src/core/text.js';
import { error, ERRORS, invalid } from './errors.js';

/** No request of ours nests deeper than 4 levels; 32 leaves room and keeps every walk short. */
export const MAX_JSON_DEPTH = 32;

/** Refuses a body over `maxSize` bytes before it is read (chunked bodies too) with a 413. */
export const limitBody = (maxSize: number) =>
  bodyLimit({ maxSize, onError: (c) => error(c, 413, 'too-large', ERRORS.tooLarge) });

/**
 * Whether JSON text nests arrays and objects deeper than `max`, in one pass over the text
 * (brackets inside strings do not count). Runs before JSON.parse, so a body of 16,000 `[`
 * costs microseconds, not a parse and a walk.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > max) return true;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return false;
}

/** A step of the walk below: the path is rebuilt from these links only for the one value reported. */
interface Step {
  value: unknown;
  key: string | number | undefined;
  parent: Step | undefined;
}

const pathOf = (step: Step): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let at: Step | undefined = step; at?.parent; at = at.parent) path.push(at.key!);
  return path.reverse();
};

/**
 * The first string (value or key) in `value` with a forbidden character, or the first
 * `__proto__` key (JSON.parse makes it an own property; schemas would drop it silently, and
 * code that copies objects could let it replace a prototype). Iterative and linear: each value
 * is visited once and holds a link to its parent, not a copy of its path.
 */
export function forbiddenIn(value: unknown): FeedIssue | undefined {
  const pending: Step[] = [{ value, key: undefined, parent: undefined }];
  for (let step = pending.pop(); step; step = pending.pop()) {
    const item = step.value;
    if (typeof item === 'string') {
      if (FORBIDDEN_CHARACTERS.test(item)) return { path: pathOf(step), key: 'invisibleCharacters', args: [] };
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i -= 1) pending.push({ value: item[i], key: i, parent: step });
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item).reverse()) {
        if (FORBIDDEN_CHARACTERS.test(key)) return { path: pathOf(step), key: 'invisibleCharacters', args: [] };
        if (key === '__proto__') return { path: [...pathOf(step), key], key: 'fieldName', args: [] };
        pending.push({ value: child, key, parent: step });
      }
    }
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request body as JSON, or the error response to send instead: 415 for another media
 * type, 400 for bytes that are not UTF-8, text nested too deep or not JSON, 422 naming the
 * field that holds a forbidden character or key.
 */
export async function jsonBody(c: Context): Promise<{ body: unknown } | { response: Response }> {
  const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') return { response: error(c, 415, 'not-json', ERRORS.notJson) };
  let text: string;
  try {
    text = strictUtf8.decode(await c.req.arrayBuffer());
  } catch {
    return { response: error(c, 400, 'bad-encoding', ERRORS.badEncoding) };
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    return { response: error(c, 400, 'too-deep', ERRORS.tooDeep(MAX_JSON_DEPTH)) };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { response: error(c, 400, 'bad-json', ERRORS.badJson) };
  }
  const found = forbiddenIn(body);
  return found ? { response: invalid(c, [found]) } : { body };
}
