/** The bench's poll, shared by the page (bench/page.ts) and the server that answers it (bench/browser.ts). */
import type { PollResults } from '../src/core/vote-request.js';

export const BENCH_POLL_ID = 'bench-poll';
export const PRINCIPLES = ['gelijkwaardig', 'samen', 'lerend', 'dichtbij', 'integraal', 'preventief', 'betrouwbaar'];

/** The poll's results after `participants` votes: every principle rated, means moving with each vote. */
export function pollResults(participants: number): PollResults {
  const principles = PRINCIPLES.map((id, i) => {
    const weights = [1, 2, 3, 4, 5].map((score) => ((score * (i + 3)) % 7) + 1);
    const total = weights.reduce((a, b) => a + b, 0);
    const distribution = weights.map((w) => Math.floor((participants * w) / total));
    distribution[(participants + i) % 5]! += participants - distribution.reduce((a, b) => a + b, 0);
    const mean = participants ? distribution.reduce((sum, n, s) => sum + n * (s + 1), 0) / participants : null;
    return {
      id,
      count: participants,
      mean: mean === null ? null : Math.round(mean * 100) / 100,
      distribution,
      lowest: false,
    };
  });
  const lowest = [...principles].sort((a, b) => (a.mean ?? 9) - (b.mean ?? 9)).slice(0, 3);
  for (const p of lowest) p.lowest = true;
  return { pollId: BENCH_POLL_ID, closed: false, hidden: false, participants, principles };
}
