import { FeedError } from './errors.js';
import { toFeedIssues } from './issues.js';
import { FeedSchema, type Feed } from './schema.js';

/** Validates parsed JSON against feed version 1; throws a `FeedError` of kind `schema`. */
export function parseFeed(data: unknown, url?: string): Feed {
  const result = FeedSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  throw new FeedError('schema', { url, issues: toFeedIssues(result.error.issues) });
}
