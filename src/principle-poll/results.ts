/**
 * Poll results as the reference server sends them (`GET …/results` and each SSE `results`
 * event; see server/polls.ts), and what the widget does with them.
 */

import type { PollResults } from '../core/vote-request.js';

export type { PollResults, PrincipleResult, ResultsOrder } from '../core/vote-request.js';

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Checks what came over the wire before it reaches the page: a broken answer is ignored, never shown. */
export function toResults(data: unknown, pollId: string): PollResults | undefined {
  const r = data as Partial<PollResults> | null;
  if (
    !r ||
    r.pollId !== pollId ||
    typeof r.closed !== 'boolean' ||
    !isCount(r.participants) ||
    !Array.isArray(r.principles)
  )
    return undefined;
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
  if (!ok || (r.hidden !== undefined && typeof r.hidden !== 'boolean')) return undefined;
  // A server from before presenter controls sends no `hidden`: its results are never hidden.
  return { ...(r as PollResults), hidden: r.hidden ?? false };
}

/** What changed enough to tell a screen-reader user about: people, means, the marked ones. */
export const fingerprint = (r: PollResults) =>
  `${r.participants}|${r.closed}|${r.hidden}|${r.principles.map((p) => `${p.mean}:${p.lowest ? 1 : 0}`).join(',')}`;
