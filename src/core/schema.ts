/**
 * Feed version 1: the single source of truth for every data shape in cop-widgets.
 * Widgets validate what they load with these schemas, the reference server validates its
 * feed files and request bodies with them, and all types come from `z.infer`.
 *
 * Built on `zod/mini` rather than classic zod: the same checks at about a third of the
 * bundle weight (8.5 KB against 27 KB min+gzip for a feed-sized schema), which is what
 * keeps each widget inside its 25 KB budget.
 */
import * as z from 'zod/mini';
import { JEUGDREGIO_CODE_PATTERN } from './regions.js';

/** Error keys of our own rules; `src/feed/issues.ts` turns them into Dutch or English text. */
export type RuleKey =
  | 'endBeforeStart'
  | 'duplicateId'
  | 'unknownReference'
  | 'urlScheme'
  | 'webUrl'
  | 'endpointScheme'
  | 'closesBeforeOpens'
  | 'scaleRange'
  | 'regionCode'
  | 'language'
  | 'idFormat'
  | 'phoneFormat';

const rule = (key: RuleKey, extra: Record<string, unknown> = {}) => ({ params: { key, ...extra } });

const MAX_TEXT = 200;
const MAX_LONG_TEXT = 5_000;

const text = (max = MAX_TEXT) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const optionalText = (max = MAX_TEXT) => z.optional(z.string().check(z.trim(), z.maxLength(max)));

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);

/** Ids are short, URL- and attribute-safe slugs, e.g. `groep-2`. */
export const IdSchema = z.string().check(z.refine(isId, rule('idFormat')));

/** ISO 8601 date and time with an explicit offset, e.g. `2020-03-02T13:00:00+01:00`. */
export const DateTimeSchema = z.iso.datetime({ offset: true });

/** A link shown to visitors: absolute http(s) or mailto only (never javascript: or data:). */
export const LinkSchema = z.string().check(
  z.maxLength(2_000),
  z.refine((value) => /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(value), rule('urlScheme')),
);

/**
 * An API endpoint: absolute http(s), or a path relative to the feed's own URL
 * (`/api/…`, `./…`), so a feed served by the reference server needs no host name. A path
 * may hold no backslash: browsers read `/\host/…` as `//host/…`, another server.
 */
export const EndpointSchema = z.string().check(
  z.maxLength(2_000),
  z.refine((value) => /^(https?:\/\/[^\s]+|\.{0,2}\/[^\s/\\][^\s\\]*)$/i.test(value), rule('endpointScheme')),
);

export const EmailSchema = z.email();

export const RegionCodeSchema = z.string().check(z.refine((v) => JEUGDREGIO_CODE_PATTERN.test(v), rule('regionCode')));

export const ContactSchema = z.object({
  name: text(),
  email: EmailSchema,
});

export const ProgrammeSchema = z.object({
  id: IdSchema,
  title: text(),
  organiser: text(),
  description: optionalText(MAX_LONG_TEXT),
  url: z.optional(LinkSchema),
  /** The organiser's privacy statement, linked from the enrolment form's consent. */
  privacyUrl: z.optional(LinkSchema),
  contact: ContactSchema,
  /** Sessions are always shown in this zone; version 1 knows only the Netherlands. */
  timeZone: z.literal('Europe/Amsterdam'),
  status: z.optional(z.enum(['active', 'cancelled'])),
});

export const GroupSchema = z.object({ id: IdSchema, name: text(), description: optionalText(MAX_LONG_TEXT) });

export const ThemeSchema = z.object({ id: IdSchema, title: text(), description: optionalText(MAX_LONG_TEXT) });

export const LocationSchema = z.object({
  name: text(),
  address: optionalText(),
  online: z.optional(z.boolean()),
  url: z.optional(LinkSchema),
});

export const SessionSchema = z.object({
  id: IdSchema,
  title: text(),
  start: DateTimeSchema,
  end: DateTimeSchema,
  groupId: z.optional(IdSchema),
  themeIds: z.optional(z.array(IdSchema).check(z.maxLength(50))),
  facilitatorIds: z.optional(z.array(IdSchema).check(z.maxLength(50))),
  /** `null` means the location is not known yet ("Locatie volgt"). */
  location: z.optional(z.nullable(LocationSchema)),
  status: z.optional(z.enum(['scheduled', 'cancelled'])),
  description: optionalText(MAX_LONG_TEXT),
});

export const FacilitatorSchema = z.object({
  id: IdSchema,
  name: text(),
  role: optionalText(),
  organisation: optionalText(),
  email: z.optional(EmailSchema),
  phone: z.optional(z.string().check(z.refine((v) => /^\+?[0-9 ()-]{6,20}$/.test(v), rule('phoneFormat')))),
  regions: z._default(z.array(RegionCodeSchema).check(z.maxLength(42)), []),
});

export const RegionSchema = z.object({ code: RegionCodeSchema, label: optionalText() });

export const PrincipleSchema = z.object({ id: IdSchema, title: text(), description: optionalText(MAX_LONG_TEXT) });

export const TeamRoleSchema = z.object({ id: IdSchema, label: text(), required: z.boolean() });

const choice = z.enum(['none', 'one', 'many']);

export const EnrolmentSettingsSchema = z.object({
  opens: z.optional(DateTimeSchema),
  closes: z.optional(DateTimeSchema),
  /** Places in all; counted per programme unless `capacityPer` says per session. */
  capacity: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100_000))),
  capacityPer: z._default(z.enum(['programme', 'session']), 'programme'),
  waitlist: z.boolean(),
  endpoint: z.optional(EndpointSchema),
  contactEmail: EmailSchema,
  team: z.optional(z.object({ roles: z.array(TeamRoleSchema).check(z.minLength(1), z.maxLength(10)) })),
  sessionChoice: z._default(choice, 'none'),
  themeChoice: z._default(choice, 'none'),
});

export const ScaleSchema = z.object({
  min: z.number().check(z.int(), z.minimum(0), z.maximum(10)),
  max: z.number().check(z.int(), z.minimum(1), z.maximum(10)),
  minLabel: text(),
  maxLabel: text(),
});

export const PollSettingsSchema = z.object({
  id: IdSchema,
  question: text(500),
  principleIds: z.array(IdSchema).check(z.minLength(1), z.maxLength(50)),
  scale: ScaleSchema,
  endpoint: z.optional(EndpointSchema),
  /** How many of the lowest-scoring principles to mark as "aandachtspunt". */
  highlightLowest: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(50))),
  /** `always`: results are visible before voting; `after-vote` (default): only after. */
  showResults: z._default(z.enum(['after-vote', 'always']), 'after-vote'),
  closes: z.optional(DateTimeSchema),
  /**
   * The voting page as phones in the room reach it, shown as a QR code and a short link by the
   * projector view: absolute http(s), since a phone cannot resolve a path against the projector's page.
   */
  joinUrl: z.optional(
    z.string().check(
      z.maxLength(500),
      z.refine((value) => /^https?:\/\/[^\s]+$/i.test(value), rule('webUrl')),
    ),
  ),
});

const AvailabilityCounts = {
  state: z.enum(['not-yet-open', 'open', 'waitlist', 'full', 'closed', 'cancelled']),
  /** `null` when there is no capacity limit. */
  placesLeft: z.nullable(z.number().check(z.int(), z.minimum(0))),
  waitlistLength: z.number().check(z.int(), z.minimum(0)),
};

/** Added by the reference server when it serves a feed; never written by hand. */
export const AvailabilitySchema = z.object({
  ...AvailabilityCounts,
  updatedAt: DateTimeSchema,
  sessions: z.optional(z.record(IdSchema, z.object(AvailabilityCounts))),
  /** Server-Sent Events with these counts on every change (relative to the feed's URL). */
  stream: z.optional(EndpointSchema),
});

const FeedShape = z.object({
  version: z.literal(1),
  /**
   * The language the feed's text is written in (BCP 47: `nl`, `en`, `fy`); Dutch by default.
   * A widget that speaks another language marks the feed's text with it (WCAG 3.1.2).
   */
  language: z._default(
    z.string().check(z.refine((v) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v), rule('language'))),
    'nl',
  ),
  programme: ProgrammeSchema,
  groups: z.optional(z.array(GroupSchema).check(z.maxLength(100))),
  themes: z.optional(z.array(ThemeSchema).check(z.maxLength(100))),
  sessions: z.array(SessionSchema).check(z.maxLength(10_000)),
  facilitators: z.optional(z.array(FacilitatorSchema).check(z.maxLength(100))),
  regions: z.optional(z.array(RegionSchema).check(z.maxLength(42))),
  principles: z.optional(z.array(PrincipleSchema).check(z.maxLength(50))),
  enrolment: z.optional(EnrolmentSettingsSchema),
  poll: z.optional(PollSettingsSchema),
  availability: z.optional(AvailabilitySchema),
});

type FeedShapeType = z.infer<typeof FeedShape>;
type Ctx = Parameters<Parameters<typeof z.superRefine<FeedShapeType>>[0]>[1];

/*
 * These rules also run on a feed whose ids broke their own format rule (zod runs refinements
 * after non-fatal issues), so they skip malformed ids: those are reported already, and a
 * message must never repeat a 100,000-character "id" back to the visitor.
 */

/** Reports every id that occurs twice in a list, at the later occurrence. */
function checkUnique(ctx: Ctx, list: readonly { id: string }[] | undefined, path: string) {
  const seen = new Set<string>();
  list?.forEach((item, index) => {
    if (isId(item.id) && seen.has(item.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [path, index, 'id'],
        input: item.id,
        ...rule('duplicateId', { id: item.id }),
      });
    }
    seen.add(item.id);
  });
}

/** Reports a reference that names an id missing from `known`. */
function checkReference(ctx: Ctx, known: ReadonlySet<string>, id: string, path: (string | number)[], list: string) {
  if (isId(id) && !known.has(id))
    ctx.addIssue({ code: 'custom', path, input: id, ...rule('unknownReference', { id, list }) });
}

const ids = (list: readonly { id: string }[] | undefined) => new Set(list?.map((item) => item.id));

/** Rules that span fields: order of times, unique ids, and references that must resolve. */
function crossFieldRules(feed: FeedShapeType, ctx: Ctx) {
  checkUnique(ctx, feed.groups, 'groups');
  checkUnique(ctx, feed.themes, 'themes');
  checkUnique(ctx, feed.sessions, 'sessions');
  checkUnique(ctx, feed.facilitators, 'facilitators');
  checkUnique(ctx, feed.principles, 'principles');
  checkUnique(
    ctx,
    feed.regions?.map((region) => ({ id: region.code })),
    'regions',
  );

  const groups = ids(feed.groups);
  const themes = ids(feed.themes);
  const facilitators = ids(feed.facilitators);
  const principles = ids(feed.principles);

  feed.sessions.forEach((session, index) => {
    if (Date.parse(session.end) <= Date.parse(session.start)) {
      ctx.addIssue({ code: 'custom', path: ['sessions', index, 'end'], input: session.end, ...rule('endBeforeStart') });
    }
    if (session.groupId !== undefined)
      checkReference(ctx, groups, session.groupId, ['sessions', index, 'groupId'], 'groups');
    session.themeIds?.forEach((id, i) => checkReference(ctx, themes, id, ['sessions', index, 'themeIds', i], 'themes'));
    session.facilitatorIds?.forEach((id, i) =>
      checkReference(ctx, facilitators, id, ['sessions', index, 'facilitatorIds', i], 'facilitators'),
    );
  });

  const { enrolment, poll } = feed;
  if (enrolment?.opens && enrolment.closes && Date.parse(enrolment.closes) <= Date.parse(enrolment.opens)) {
    ctx.addIssue({
      code: 'custom',
      path: ['enrolment', 'closes'],
      input: enrolment.closes,
      ...rule('closesBeforeOpens'),
    });
  }
  if (poll) {
    poll.principleIds.forEach((id, i) =>
      checkReference(ctx, principles, id, ['poll', 'principleIds', i], 'principles'),
    );
    if (poll.scale.max <= poll.scale.min) {
      ctx.addIssue({ code: 'custom', path: ['poll', 'scale', 'max'], input: poll.scale.max, ...rule('scaleRange') });
    }
  }
}

export const FeedSchema = FeedShape.check(z.superRefine(crossFieldRules));

export type Feed = z.infer<typeof FeedSchema>;
/** A feed as written by hand or sent over the wire: fields with defaults may be left out. */
export type FeedInput = z.input<typeof FeedSchema>;
export type Programme = Feed['programme'];
export type Group = NonNullable<Feed['groups']>[number];
export type Theme = NonNullable<Feed['themes']>[number];
export type Session = Feed['sessions'][number];
export type SessionLocation = NonNullable<Session['location']>;
export type Facilitator = NonNullable<Feed['facilitators']>[number];
export type Region = NonNullable<Feed['regions']>[number];
export type Principle = NonNullable<Feed['principles']>[number];
export type EnrolmentSettings = NonNullable<Feed['enrolment']>;
export type TeamRole = NonNullable<EnrolmentSettings['team']>['roles'][number];
export type PollSettings = NonNullable<Feed['poll']>;
export type Availability = NonNullable<Feed['availability']>;
