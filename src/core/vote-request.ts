/**
 * The body of `POST /api/polls/:id/votes`, shared by the poll widget and the server.
 * A participant rates some or all of the poll's principles; a principle left out is skipped.
 */
import * as z from 'zod/mini';
import { toFeedIssues, type FeedIssue } from './issues.js';
import { IdSchema, type PollSettings } from './schema.js';

export const VoteRequestSchema = z.object({
  /** A random id the widget keeps in localStorage: one vote per participant, replaced on revote. */
  participant: z.string().check(z.refine((v) => /^[A-Za-z0-9_-]{16,64}$/.test(v), { params: { key: 'idFormat' } })),
  ratings: z.record(IdSchema, z.nullable(z.number().check(z.int()))),
});

export type VoteRequest = z.infer<typeof VoteRequestSchema>;

export type VoteCheck =
  | { success: true; data: VoteRequest; ratings: [principleId: string, rating: number][] }
  | { success: false; issues: FeedIssue[] };

/** Validates a vote for one poll: known principles, ratings on the poll's scale, at least one rating. */
export function checkVote(poll: PollSettings, body: unknown): VoteCheck {
  const parsed = VoteRequestSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return { success: false, issues: toFeedIssues(parsed.error.issues) };
  const issues: FeedIssue[] = [];
  const known = new Set(poll.principleIds);
  const ratings: [string, number][] = [];
  for (const [id, rating] of Object.entries(parsed.data.ratings)) {
    if (!known.has(id))
      issues.push({ path: ['ratings', id], key: 'unknownReference', args: [id, 'poll.principleIds'] });
    else if (rating !== null && rating < poll.scale.min)
      issues.push({ path: ['ratings', id], key: 'tooSmall', args: [poll.scale.min] });
    else if (rating !== null && rating > poll.scale.max)
      issues.push({ path: ['ratings', id], key: 'tooBig', args: [poll.scale.max] });
    else if (rating !== null) ratings.push([id, rating]);
  }
  if (!issues.length && ratings.length === 0) issues.push({ path: ['ratings'], key: 'tooFewItems', args: [1] });
  return issues.length ? { success: false, issues } : { success: true, data: parsed.data, ratings };
}

/** Poll results as the server sends them (`GET …/results` and each stream event). */
export interface PrincipleResult {
  id: string;
  count: number;
  /** Rounded to two decimals; null without ratings. */
  mean: number | null;
  /** How many gave each score, from scale.min to scale.max. */
  distribution: number[];
  /** Among the lowest `highlightLowest` means: an "aandachtspunt". Ties share the mark. */
  lowest: boolean;
}

export interface PollResults {
  pollId: string;
  closed: boolean;
  /**
   * The organiser hides the results until they reveal them: then `principles` is empty for
   * everyone but the organiser, and only the number of participants shows.
   */
  hidden: boolean;
  participants: number;
  principles: PrincipleResult[];
}

export type ResultsOrder = 'feed' | 'mean';

/** Feed order, or lowest mean first (the aandachtspunten on top; principles without ratings last). */
export function orderedResults(results: PollResults, order: ResultsOrder): PrincipleResult[] {
  if (order === 'feed') return results.principles;
  return [...results.principles].sort((a, b) => (a.mean ?? Infinity) - (b.mean ?? Infinity));
}
