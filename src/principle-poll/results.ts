/**
 * Poll results as the reference server sends them (`GET …/results` and each SSE `results`
 * event; see server/polls.ts), and what the widget does with them.
 */

import type { PollResults, PrincipleResult } from '../feed/vote-request.js';

export type { PollResults, PrincipleResult } from '../feed/vote-request.js';

export type ResultsOrder = 'feed' | 'mean';

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Checks what came over the wire before it reaches the page: a broken answer is ignored, never shown. */
export function toResults(data: unknown, pollId: string): PollResults | undefined {
  const r = data as Partial<PollResults> | null;
  if (!r || r.pollId !== pollId || typeof r.closed !== 'boolean' || !isCount(r.participants) || !Array.isArray(r.principles)) return undefined;
  const ok = r.principles.every(
    (p) =>
      p &&
      typeof p.id === 'string' &&
      isCount(p.count) &&
      (p.mean === null || Number.isFinite(p.mean)) &&
      Array.isArray(p.distribution) &&
      p.distribution.every(isCount) &&
      typeof p.lowest === 'boolean',
  );
  return ok ? (r as PollResults) : undefined;
}

/** Feed order, or lowest mean first (the aandachtspunten on top; principles without ratings last). */
export function ordered(results: PollResults, order: ResultsOrder): PrincipleResult[] {
  if (order === 'feed') return results.principles;
  return [...results.principles].sort((a, b) => (a.mean ?? Infinity) - (b.mean ?? Infinity));
}

/** What changed enough to tell a screen-reader user about: people, means, the marked ones. */
export const fingerprint = (r: PollResults) => `${r.participants}|${r.principles.map((p) => `${p.mean}:${p.lowest ? 1 : 0}`).join(',')}`;
