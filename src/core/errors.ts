import { messages, type Lang } from './messages.js';
import { describeIssue, type FeedIssue } from './issues.js';

export type FeedErrorKind = 'network' | 'timeout' | 'aborted' | 'http' | 'json' | 'schema';

interface FeedErrorDetails {
  url?: string;
  status?: number;
  timeoutMs?: number;
  issues?: FeedIssue[];
  cause?: unknown;
}

/**
 * Every way loading a feed can fail, as one typed error. `describe(lang)` gives the visitor a
 * readable sentence naming what is wrong and where; `message` is the English text for consoles.
 */
export class FeedError extends Error {
  override readonly name = 'FeedError';
  readonly kind: FeedErrorKind;
  readonly url: string;
  readonly status?: number;
  readonly timeoutMs?: number;
  readonly issues: readonly FeedIssue[];

  constructor(kind: FeedErrorKind, details: FeedErrorDetails = {}) {
    super('', { cause: details.cause });
    this.kind = kind;
    this.url = details.url ?? '';
    this.status = details.status;
    this.timeoutMs = details.timeoutMs;
    this.issues = details.issues ?? [];
    this.message = this.describe('en').join('\n');
  }

  /** The headline, then one line per problem in the feed (schema errors only). */
  describe(lang: Lang): string[] {
    const text = messages(lang).feedError;
    switch (this.kind) {
      case 'network':
        return [text.network(this.url)];
      case 'timeout':
        return [text.timeout(this.url, Math.round((this.timeoutMs ?? 0) / 1000))];
      case 'aborted':
        return [text.aborted];
      case 'http':
        return [text.http(this.url, this.status ?? 0)];
      case 'json':
        return [text.json(this.url)];
      case 'schema':
        return [text.schema(this.issues.length), ...this.issues.map((issue) => describeIssue(issue, lang))];
    }
  }
}
