/**
 * Malformed feeds for the fuzz tests: fast-check picks a valid base feed and breaks it in one
 * to three places anywhere in its tree (so failures are deep, not only at the top), the way
 * a hand-edited file, a faulty export or a hostile author would.
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** JSON keys that pollute prototypes when code copies them carelessly; written as placeholders until serialised. */
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const placeholder = (key: string) => `\u0000proto:${key}`;

/** Names an id can take that are also Object.prototype members: valid ids, hostile lookups. */
export const PROTOTYPE_NAMES = [
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'isPrototypeOf',
] as const;

const BAD_DATES = [
  '2027-02-30T13:00:00+01:00',
  '2027-03-01T13:00:00', // no offset
  '2027-03-01',
  '2027-03-01 13:00',
  '2027-13-01T00:00:00Z',
  '2027-03-01T25:00:00+01:00',
  '2027-03-01T13:00:00+25:00',
  '+275760-09-13T00:00:00Z',
  '0000-00-00T00:00:00Z',
  'maandag 2 maart 13.00 uur',
  'NaN',
  '',
];

/** Strings a careless renderer or validator might choke on: long, combining, right-to-left, invisible. */
const hugeString = fc
  .record({
    unit: fc.constantFrom('x', 'é', '\u0301', '👩‍👩‍👧', '\u202e', '\u200b', ' ', '\u0000', '\ud800'),
    times: fc.constantFrom(201, 5_001, 100_000),
  })
  .map(({ unit, times }) => unit.repeat(times));

/** Nested arrays or objects, far deeper than any field of the feed. */
const deepNesting = fc
  .record({ depth: fc.integer({ min: 20, max: 1_000 }), asArray: fc.boolean() })
  .map(({ depth, asArray }) => {
    let value: Json = 'bodem';
    for (let i = 0; i < depth; i += 1) value = asArray ? [value] : { nested: value };
    return value;
  });

const unknownId = fc.constantFrom('bestaat-niet', 'groep-99', 'JZ99', 'JZ40', 'XX01', 'jz21', 'p-onbekend', '');

type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'arrayForObject'; at: number }
  | { kind: 'badDate'; at: number; value: string }
  | { kind: 'endBeforeStart'; at: number; shiftMinutes: number }
  | { kind: 'unknownReference'; at: number; value: string }
  | { kind: 'prototypeKey'; at: number; key: (typeof PROTO_KEYS)[number]; value: Json }
  | { kind: 'prototypeId'; at: number; name: (typeof PROTOTYPE_NAMES)[number] }
  | { kind: 'duplicate'; at: number };

const at = fc.nat();
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Wrong types, nulls, empty and whitespace-only text, huge strings, deep nesting.
  fc.record({ kind: fc.constant('replace' as const), at, value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> }),
  fc.record({
    kind: fc.constant('replace' as const),
    at,
    value: fc.constantFrom<Json>(null, '', '   ', 0, -1, 1.5, 1e308, true, [], {}, '1'),
  }),
  fc.record({ kind: fc.constant('replace' as const), at, value: hugeString }),
  fc.record({ kind: fc.constant('replace' as const), at, value: deepNesting }),
  fc.record({ kind: fc.constant('delete' as const), at }),
  fc.record({ kind: fc.constant('arrayForObject' as const), at }),
  fc.record({ kind: fc.constant('badDate' as const), at, value: fc.constantFrom(...BAD_DATES) }),
  fc.record({
    kind: fc.constant('endBeforeStart' as const),
    at,
    shiftMinutes: fc.integer({ min: -60 * 24 * 400, max: 0 }),
  }),
  fc.record({ kind: fc.constant('unknownReference' as const), at, value: unknownId }),
  fc.record({
    kind: fc.constant('prototypeKey' as const),
    at,
    key: fc.constantFrom(...PROTO_KEYS),
    value: fc.constantFrom<Json>(
      { polluted: true },
      { prototype: { polluted: true } },
      { toString: 'kapot' },
      'polluted',
      null,
    ),
  }),
  fc.record({ kind: fc.constant('prototypeId' as const), at, name: fc.constantFrom(...PROTOTYPE_NAMES) }),
  fc.record({ kind: fc.constant('duplicate' as const), at }),
);

/** Deeper than any field of a feed: nesting a mutation added is not walked into. */
const MAX_WALK_DEPTH = 10;

/** Every path in `value`, the root included, in document order. */
function paths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (prefix.length >= MAX_WALK_DEPTH) return out;
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  return out;
}

const get = (root: Json, path: Path): Json =>
  path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, root);

/** Sets (or, with `undefined`, removes) the value at a non-empty path. */
function set(root: Json, path: Path, value: Json | undefined): void {
  const parent = get(root, path.slice(0, -1)) as Record<string | number, Json> | Json[];
  const key = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (value === undefined) parent.splice(key, 1);
    else parent[key] = value;
  } else if (value === undefined) delete (parent as Record<string, Json>)[key];
  else (parent as Record<string, Json>)[key] = value;
}

const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length ? list[index % list.length] : undefined;
const lastKey = (path: Path) => path[path.length - 1];
const isObject = (value: Json): value is { [key: string]: Json } =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);

const DATE_KEYS = new Set(['start', 'end', 'opens', 'closes', 'updatedAt']);
const REFERENCE_KEYS = new Set(['groupId', 'themeIds', 'facilitatorIds', 'principleIds', 'regions', 'code']);

function apply(feed: Json, change: Mutation): void {
  const all = paths(feed);
  switch (change.kind) {
    case 'replace': {
      const path = pick(all.slice(1), change.at);
      if (path) set(feed, path, structuredClone(change.value));
      return;
    }
    case 'delete': {
      const path = pick(all.slice(1), change.at);
      if (path) set(feed, path, undefined);
      return;
    }
    case 'arrayForObject': {
      const path = pick(
        all.filter((p) => p.length > 0 && isObject(get(feed, p))),
        change.at,
      );
      if (path) set(feed, path, [get(feed, path)]);
      return;
    }
    case 'badDate': {
      const path = pick(
        all.filter((p) => DATE_KEYS.has(String(lastKey(p)))),
        change.at,
      );
      if (path) set(feed, path, change.value);
      return;
    }
    case 'endBeforeStart': {
      const sessions = all.filter((p) => p.length === 2 && p[0] === 'sessions' && isObject(get(feed, p)));
      const path = pick(sessions, change.at);
      if (!path) return;
      const session = get(feed, path) as { start?: Json; end?: Json };
      const start = Date.parse(String(session.start));
      if (Number.isFinite(start)) session.end = new Date(start + change.shiftMinutes * 60_000).toISOString();
      return;
    }
    case 'unknownReference': {
      const path = pick(
        all.filter((p) => p.some((key) => REFERENCE_KEYS.has(String(key))) && typeof get(feed, p) === 'string'),
        change.at,
      );
      if (path) set(feed, path, change.value);
      return;
    }
    case 'prototypeKey': {
      const path = pick(
        all.filter((p) => isObject(get(feed, p))),
        change.at,
      );
      if (path) (get(feed, path) as Record<string, Json>)[placeholder(change.key)] = structuredClone(change.value);
      return;
    }
    case 'prototypeId': {
      // Renames one id and every reference to it: still a valid feed, with an id like "constructor".
      const idPath = pick(
        all.filter((p) => lastKey(p) === 'id' && typeof get(feed, p) === 'string'),
        change.at,
      );
      if (!idPath) return;
      const old = get(feed, idPath) as string;
      renameEverywhere(feed, old, change.name);
      return;
    }
    case 'duplicate': {
      const path = pick(
        all.filter((p) => typeof lastKey(p) === 'number'),
        change.at,
      );
      if (!path) return;
      const list = get(feed, path.slice(0, -1)) as Json[];
      list.push(JSON.parse(JSON.stringify(get(feed, path))) as Json);
      return;
    }
  }
}

/** Replaces `old` as a value and as a record key, wherever an id can be named. */
function renameEverywhere(node: Json, old: string, name: string): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => (item === old ? (node[i] = name) : renameEverywhere(item, old, name)));
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (value === old) node[key] = name;
      else renameEverywhere(value, old, name);
      if (key === old) {
        node[name] = node[key]!;
        delete node[key];
      }
    }
  }
}

/** The mutated feed as JSON text, with prototype keys written as real `"__proto__"` keys. */
export function mutatedFeedText(base: unknown, changes: readonly Mutation[]): string {
  const feed = structuredClone(base) as Json;
  for (const change of changes) apply(feed, change);
  let text = JSON.stringify(feed);
  for (const key of PROTO_KEYS) text = text.replaceAll(JSON.stringify(placeholder(key)), JSON.stringify(key));
  return text;
}

/** A base feed (by index into `bases`) broken in one to three places, as JSON text. */
export const mutatedFeed = (bases: readonly unknown[]) =>
  fc
    .record({ base: fc.nat({ max: bases.length - 1 }), changes: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
    .map(({ base, changes }) => mutatedFeedText(bases[base], changes));
