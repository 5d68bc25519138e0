import type * as z from 'zod/mini';
import { messages, type Lang, type SharedMessages } from './messages.js';

type IssueMessages = SharedMessages['issue'];
type IssueKey = keyof IssueMessages;

/**
 * One problem in a feed or request body, kept language-neutral so the same issue can be shown
 * in Dutch or English: a path (`['sessions', 3, 'end']`), a message key and its arguments.
 */
export interface FeedIssue {
  path: (string | number)[];
  key: IssueKey;
  args: (string | number)[];
}

/**
 * One field error as the reference server sends it (422 `{ issues: IssueJson[] }`): the path as
 * segments and the message key with its arguments, so a widget words it in its own language
 * exactly as its own checks; and the path and message written out in Dutch and English for
 * other clients (`text`: `members[0].email is geen geldig e-mailadres`).
 */
export interface IssueJson extends FeedIssue {
  message: Record<Lang, string>;
  text: Record<Lang, string>;
}

/** A field error from the server's JSON, checked, or undefined; an unknown key reads as `invalid`. */
export function issueFromJson(value: unknown): FeedIssue | undefined {
  const { path, key, args } = (value ?? {}) as Partial<Record<keyof FeedIssue, unknown>>;
  const segment = (part: unknown) => typeof part === 'string' || typeof part === 'number';
  if (!Array.isArray(path) || !path.every(segment)) return undefined;
  return {
    path,
    key: typeof key === 'string' && Object.hasOwn(messages('nl').issue, key) ? (key as IssueKey) : 'invalid',
    args: Array.isArray(args) && args.every(segment) ? args : [],
  };
}

/** `['sessions', 3, 'end']` → `sessions[3].end`; the root is `feed`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'feed';
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
}

/** What is wrong with the field, without its path: "ligt vóór of op start: …" */
export function issueText(issue: FeedIssue, lang: Lang): string {
  const message = messages(lang).issue[issue.key] as string | ((...args: (string | number)[]) => string);
  return typeof message === 'function' ? message(...issue.args) : message;
}

/** "sessions[3].end ligt vóór of op start: …" */
export function describeIssue(issue: FeedIssue, lang: Lang): string {
  return `${formatPath(issue.path)} ${issueText(issue, lang)}`;
}

const pathOf = (issue: z.core.$ZodIssue) => issue.path.map((p) => (typeof p === 'number' ? p : String(p)));

/** Turns zod's issues (parsed with `reportInput: true`) into our language-neutral ones. */
export function toFeedIssues(issues: readonly z.core.$ZodIssue[]): FeedIssue[] {
  return issues.flatMap((issue): FeedIssue[] => {
    // A union reports each branch it tried; the first branch's problems are the useful ones.
    if (issue.code === 'invalid_union' && issue.errors.length > 0) return toFeedIssues(issue.errors[0] ?? []);
    return [{ path: pathOf(issue), ...keyAndArgs(issue) }];
  });
}

function keyAndArgs(issue: z.core.$ZodIssue): Pick<FeedIssue, 'key' | 'args'> {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { key: 'missing', args: [] };
      if (issue.expected === 'int') return { key: 'notInteger', args: [] };
      return { key: 'type', args: [issue.expected] };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return { key: 'tooShort', args: [min] };
      if (issue.origin === 'array') return { key: 'tooFewItems', args: [min] };
      return { key: 'tooSmall', args: [min] };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'tooLong', args: [max] };
      if (issue.origin === 'array') return { key: 'tooManyItems', args: [max] };
      return { key: 'tooBig', args: [max] };
    }
    case 'invalid_format':
      if (issue.format === 'datetime') return { key: 'dateTime', args: [] };
      if (issue.format === 'email') return { key: 'email', args: [] };
      return { key: 'invalid', args: [] };
    case 'invalid_value':
      return { key: 'oneOf', args: [issue.values.map((v) => String(v)).join(', ')] };
    case 'custom': {
      const { key, id, list } = (issue.params ?? {}) as { key?: IssueKey; id?: string; list?: string };
      if (key === 'duplicateId') return { key, args: [id ?? ''] };
      if (key === 'unknownReference') return { key, args: [id ?? '', list ?? ''] };
      if (key) return { key, args: [] };
      return { key: 'invalid', args: [] };
    }
    default:
      return { key: 'invalid', args: [] };
  }
}
