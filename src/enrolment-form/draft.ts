/**
 * What a visitor has typed, kept in sessionStorage until the server confirms: a network
 * failure, a 5xx or an accidental reload never costs them their input. The draft also carries
 * the Idempotency-Key, so a retry after a lost answer can never enrol the team twice.
 */
import type { EnrolmentRequest } from '../core/enrolment-request.js';
import type { Feed, TeamRole } from '../core/schema.js';

export interface MemberDraft {
  name: string;
  organisation: string;
  jobTitle: string;
  email: string;
  phone: string;
}

export interface Draft {
  members: Record<string, MemberDraft>;
  /** The session chosen (`sessionChoice: one`). */
  sessionId: string;
  /** The sessions chosen (`sessionChoice: many`). */
  sessionIds: string[];
  themeIds: string[];
  remark: string;
  consent: boolean;
  /** Honeypot: stays empty for people. */
  website: string;
  idempotencyKey: string;
}

export type MemberField = keyof MemberDraft;
export const MEMBER_FIELDS: readonly MemberField[] = ['name', 'organisation', 'jobTitle', 'email', 'phone'];

/** Without team roles in the feed, one person enrols. */
export const SOLO_ROLE: TeamRole = { id: 'deelnemer', label: '', required: true };

export const rolesOf = (feed: Feed): TeamRole[] => feed.enrolment?.team?.roles ?? [SOLO_ROLE];

const emptyMember = (): MemberDraft => ({ name: '', organisation: '', jobTitle: '', email: '', phone: '' });

/** A new Idempotency-Key: 128 random bits. */
export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function emptyDraft(feed: Feed, prefill: Partial<Record<string, Partial<MemberDraft>>> = {}): Draft {
  return {
    members: Object.fromEntries(rolesOf(feed).map((role) => [role.id, { ...emptyMember(), ...prefill[role.id] }])),
    sessionId: '',
    sessionIds: [],
    themeIds: [],
    remark: '',
    consent: false,
    website: '',
    idempotencyKey: randomKey(),
  };
}

const storageKey = (feed: Feed) => `cop-enrolment-draft:${feed.programme.id}`;

/** sessionStorage can be absent or full (private mode, quotas): a draft is a kindness, never a failure. */
export function loadDraft(feed: Feed): Draft | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey(feed));
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Draft;
    const base = emptyDraft(feed);
    return {
      ...base,
      ...draft,
      members: Object.fromEntries(
        Object.keys(base.members).map((id) => [id, { ...base.members[id]!, ...draft.members?.[id] }]),
      ),
    };
  } catch {
    return undefined;
  }
}

export function saveDraft(feed: Feed, draft: Draft): void {
  try {
    sessionStorage.setItem(storageKey(feed), JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the form still works, it only cannot survive a reload.
  }
}

export function clearDraft(feed: Feed): void {
  try {
    sessionStorage.removeItem(storageKey(feed));
  } catch {
    // As above.
  }
}

const filled = (member: MemberDraft) => MEMBER_FIELDS.some((field) => member[field].trim() !== '');

/** The roles that take part: every required one, and an optional one once anything is filled in. */
export const includedRoles = (feed: Feed, draft: Draft) =>
  rolesOf(feed).filter((role) => role.required || filled(draft.members[role.id]!));

/** The request body the server expects, from what the visitor typed. */
export function toRequest(feed: Feed, draft: Draft): EnrolmentRequest {
  return {
    members: includedRoles(feed, draft).map((role) => {
      const m = draft.members[role.id]!;
      return {
        roleId: role.id,
        name: m.name,
        organisation: m.organisation,
        email: m.email.trim(),
        ...(m.jobTitle ? { jobTitle: m.jobTitle } : {}),
        ...(m.phone ? { phone: m.phone } : {}),
      };
    }),
    ...(feed.enrolment?.sessionChoice === 'many'
      ? draft.sessionIds.length
        ? { sessionIds: draft.sessionIds }
        : {}
      : draft.sessionId
        ? { sessionId: draft.sessionId }
        : {}),
    ...(draft.themeIds.length ? { themeIds: draft.themeIds } : {}),
    ...(draft.remark.trim() ? { remark: draft.remark } : {}),
    consent: draft.consent as true,
    ...(draft.website ? { website: draft.website } : {}),
  };
}
