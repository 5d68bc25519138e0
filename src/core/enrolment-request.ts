/**
 * The body of `POST /api/programmes/:id/enrolments`: the same schema in the form (so what it
 * accepts the server accepts) and on the server. `checkEnrolmentAgainstFeed` adds the rules
 * that depend on the programme: which roles a team needs, which sessions and themes exist.
 */
import * as z from 'zod/mini';
import { toFeedIssues, type FeedIssue } from './issues.js';
import { EmailSchema, IdSchema, type Feed } from './schema.js';
import { multiLineProblem, oneLineProblem } from './text.js';

/** Refuses the characters `problem` finds, with its message key (shown in the form and by the server). */
const characters = (problem: (value: string) => FeedIssue['key'] | undefined) =>
  z.superRefine<string>((value, ctx) => {
    const key = problem(value);
    if (key) ctx.issues.push({ code: 'custom', input: value, params: { key } });
  });

/** A name, organisation or job title: one line, no invisible characters. */
const requiredText = (max: number) =>
  z.string().check(z.trim(), z.minLength(1), z.maxLength(max), characters(oneLineProblem));
const optionalText = (max: number) =>
  z.optional(z.string().check(z.trim(), z.maxLength(max), characters(oneLineProblem)));
/** Free text over several lines (a remark): line breaks and tabs allowed, invisible controls not. */
const multiLineText = (max: number) =>
  z.optional(z.string().check(z.trim(), z.maxLength(max), characters(multiLineProblem)));

export const TeamMemberSchema = z.object({
  roleId: IdSchema,
  name: requiredText(120),
  organisation: requiredText(160),
  jobTitle: optionalText(120),
  // Empty is missing ("vul dit veld in"), not an invalid address.
  email: z.pipe(z.string().check(z.minLength(1)), EmailSchema),
  phone: z.optional(
    z.string().check(
      z.trim(),
      z.refine((v) => v === '' || /^\+?[0-9 ()-]{6,20}$/.test(v), { params: { key: 'phoneFormat' } }),
    ),
  ),
});

export const EnrolmentRequestSchema = z.object({
  members: z.array(TeamMemberSchema).check(z.minLength(1), z.maxLength(10)),
  /** The one session chosen (`sessionChoice: one`). */
  sessionId: z.optional(IdSchema),
  /** The sessions chosen when the feed lets a team choose several (`sessionChoice: many`). */
  sessionIds: z.optional(z.array(IdSchema).check(z.maxLength(100))),
  groupId: z.optional(IdSchema),
  themeIds: z.optional(z.array(IdSchema).check(z.maxLength(20))),
  remark: multiLineText(2_000),
  /** Consent to the processing of the data, as the form asks for it. */
  consent: z.literal(true),
  /** Honeypot: hidden from people; a bot that fills it in is refused. */
  website: z.optional(z.string().check(z.maxLength(0))),
  /** How long the form was open before it was sent (ms); a bot that fills it in at once is refused. */
  fillMs: z.optional(z.int().check(z.minimum(0))),
});

/** People need longer than this to fill in a team's details; the form waits out the rest. */
export const MIN_FILL_MS = 2_000;

export type TeamMember = z.infer<typeof TeamMemberSchema>;
export type EnrolmentRequest = z.infer<typeof EnrolmentRequestSchema>;

export type EnrolmentCheck = { success: true; data: EnrolmentRequest } | { success: false; issues: FeedIssue[] };

const issue = (path: (string | number)[], key: FeedIssue['key'], args: FeedIssue['args'] = []): FeedIssue => ({
  path,
  key,
  args,
});

/** Validates a request body for one programme; every problem comes back with its field path. */
export function checkEnrolment(feed: Feed, body: unknown): EnrolmentCheck {
  const parsed = EnrolmentRequestSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return { success: false, issues: toFeedIssues(parsed.error.issues) };
  const request = parsed.data;
  const issues: FeedIssue[] = [];
  const roles = feed.enrolment?.team?.roles ?? [];
  const roleIds = new Set(roles.map((r) => r.id));
  request.members.forEach((member, i) => {
    if (roles.length && !roleIds.has(member.roleId))
      issues.push(issue(['members', i, 'roleId'], 'unknownReference', [member.roleId, 'roles']));
  });
  for (const role of roles) {
    if (role.required && !request.members.some((m) => m.roleId === role.id))
      issues.push(issue(['members', role.id], 'roleRequired', [role.label]));
  }
  const emails = new Map<string, number>();
  request.members.forEach((member, i) => {
    const email = member.email.toLowerCase();
    if (emails.has(email)) issues.push(issue(['members', i, 'email'], 'emailTwice'));
    emails.set(email, i);
  });
  const enrolment = feed.enrolment;
  const sessionIds = new Set(feed.sessions.map((s) => s.id));
  if (request.sessionId && !sessionIds.has(request.sessionId))
    issues.push(issue(['sessionId'], 'unknownReference', [request.sessionId, 'sessions']));
  request.sessionIds?.forEach((id, i) => {
    if (!sessionIds.has(id)) issues.push(issue(['sessionIds', i], 'unknownReference', [id, 'sessions']));
  });
  const chosen = new Set([...(request.sessionIds ?? []), ...(request.sessionId ? [request.sessionId] : [])]);
  if (enrolment?.sessionChoice !== 'none' && chosen.size === 0 && enrolment?.capacityPer === 'session')
    issues.push(issue(['sessionId'], 'missing'));
  if (enrolment?.sessionChoice !== 'many' && chosen.size > 1) issues.push(issue(['sessionIds'], 'tooManyItems', [1]));
  if (request.groupId && !feed.groups?.some((g) => g.id === request.groupId))
    issues.push(issue(['groupId'], 'unknownReference', [request.groupId, 'groups']));
  const themeIds = new Set(feed.themes?.map((t) => t.id));
  request.themeIds?.forEach((id, i) => {
    if (!themeIds.has(id)) issues.push(issue(['themeIds', i], 'unknownReference', [id, 'themes']));
  });
  if (request.fillMs !== undefined && request.fillMs < MIN_FILL_MS) issues.push(issue(['fillMs'], 'tooFast'));
  if (enrolment?.themeChoice === 'one' && (request.themeIds?.length ?? 0) > 1)
    issues.push(issue(['themeIds'], 'tooManyItems', [1]));
  return issues.length ? { success: false, issues } : { success: true, data: request };
}
