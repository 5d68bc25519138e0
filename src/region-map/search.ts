/**
 * How the search box compares what a visitor types with the names of regions and municipalities:
 * forgiving of case, accents, apostrophes, hyphens and spaces, with standard APIs only
 * (String.normalize, Unicode property escapes, Intl.Collator) rather than a fuzzy-search package.
 */

/**
 * A name as search compares it: lower case, without accents or apostrophes, every run of other
 * characters a single space. "'s-Hertogenbosch" → "s hertogenbosch", "Súdwest-Fryslân" →
 * "sudwest fryslan", "Bergen (NH.)" → "bergen nh".
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['‘’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Without its spaces, so "den bosch", "denbosch" and "den-bosch" are one. */
const compact = (key: string) => key.replaceAll(' ', '');

/** Words a visitor may type before a name that are not part of it: "gemeente Ede", "jeugdregio Twente". */
const PREFIX = /^(?:gemeente|municipality|jeugdregio|youth care region)\s+/;

/** What was typed, ready to compare: its search key without a leading "gemeente" or "jeugdregio". */
export const queryKey = (query: string) => searchKey(query).replace(PREFIX, '');

/**
 * How well `query` (a query key) matches a thing known by `keys` (search keys of its names):
 * 0 the whole name, 1 its start, 2 the start of one of its words, 3 anywhere; undefined: not at all.
 */
export function matchRank(query: string, keys: readonly string[]): number | undefined {
  if (!query) return undefined;
  const bare = compact(query);
  let best: number | undefined;
  for (const key of keys) {
    const rank =
      key === query || compact(key) === bare
        ? 0
        : key.startsWith(query)
          ? 1
          : key.includes(` ${query}`)
            ? 2
            : compact(key).includes(bare)
              ? 3
              : undefined;
    if (rank !== undefined && (best === undefined || rank < best)) best = rank;
  }
  return best;
}

/** Whether two names are the same to a visitor ("FoodValley" and "Food Valley"). */
export const sameName = (a: string, b: string) => compact(searchKey(a)) === compact(searchKey(b));
