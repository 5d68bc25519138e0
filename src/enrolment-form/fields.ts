/**
 * Where the form says what is wrong, and how. Its own check (the schema the server uses too) and
 * the server's answer (422) both come as `FeedIssue`s: a path, a message key, its arguments. Both
 * take this one route: the path names a field (`gemeente-email`), the key becomes a sentence in
 * the visitor's language next to it and in the summary.
 */
import { issueText, type FeedIssue } from '../core/issues.js';
import type { Lang } from '../core/messages.js';
import { MEMBER_FIELDS, type MemberField } from './draft.js';
import type { EnrolmentMessages } from './enrolment-form.messages.js';

/**
 * An issue about `members[i]` names the member's role instead (`['members', 'gemeente', 'email']`),
 * from the roles of the request it was found in: it then stays on its field however the team changes.
 */
export function byRole(issue: FeedIssue, roleIds: readonly string[]): FeedIssue {
  const [head, index, ...rest] = issue.path;
  if (head !== 'members' || typeof index !== 'number') return issue;
  return { ...issue, path: ['members', roleIds[index] ?? roleIds[0] ?? '', ...rest] };
}

/** The id of the field an issue is about; undefined when the visitor cannot change it (e.g. fill time). */
export function fieldOf([head, role, field]: readonly (string | number)[]): string | undefined {
  if (head === 'members' && typeof role === 'string') return `${role}-${String(field ?? 'name')}`;
  if (head === 'sessionId' || head === 'sessionIds') return 'session';
  if (head === 'themeIds') return 'themes';
  if (head === 'consent' || head === 'remark') return head;
  return undefined;
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** A field's label, as the start of its message: "E-mailadres", "Opmerking". */
function label(fieldId: string, t: EnrolmentMessages): string {
  const field = fieldId.split('-').at(-1) as MemberField;
  if (MEMBER_FIELDS.includes(field)) return t[field];
  const labels: Record<string, string> = { session: t.session, themes: t.themes, remark: t.remark, consent: t.consent };
  return labels[fieldId] ?? '';
}

/** What is wrong, without the field's name: "vul dit veld in", "is geen geldig e-mailadres". */
function problem(issue: FeedIssue, fieldId: string, t: EnrolmentMessages, lang: Lang): string | undefined {
  if (issue.key === 'roleRequired') return undefined;
  if (issue.key === 'missing' || (issue.key === 'tooShort' && Number(issue.args[0]) <= 1)) {
    return fieldId === 'session' ? t.sessionRequired : t.fieldRequired;
  }
  return issueText(issue, lang);
}

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

/** A field's errors: next to the field (its label is there too) and in the summary (which names role and field). */
export interface FieldError {
  /** "Vul dit veld in.", "E-mailadres is geen geldig e-mailadres." */
  field: string;
  /** "Gemeente, e-mailadres: vul dit veld in.", "Opmerking: mag hoogstens 2000 tekens hebben." */
  summary: string;
}

function describe(
  issue: FeedIssue,
  fieldId: string,
  t: EnrolmentMessages,
  lang: Lang,
  roleLabel: (roleId: string) => string | undefined,
): FieldError {
  if (issue.key === 'roleRequired') {
    const text = t.roleRequired(String(issue.args[0]));
    return { field: text, summary: text };
  }
  if (fieldId === 'consent') return { field: t.consentRequired, summary: t.consentRequired };
  const what = problem(issue, fieldId, t, lang)!;
  const missing = what === t.fieldRequired || what === t.sessionRequired;
  const name = label(fieldId, t);
  const field = missing ? what : sentence(`${name} ${what}`);
  const role = fieldId.includes('-') ? roleLabel(fieldId.slice(0, fieldId.lastIndexOf('-'))) : undefined;
  const where = role ? `${role}, ${lowerFirst(name)}` : name;
  return { field, summary: sentence(`${where}: ${lowerFirst(what)}`) };
}

/**
 * One error per field the visitor can change, the first issue found for it first, in the order of
 * `issues`. `roleLabel` names a team role ("Gemeente"); a form for one person has none.
 */
export function fieldErrors(
  issues: readonly FeedIssue[],
  t: EnrolmentMessages,
  lang: Lang,
  roleLabel: (roleId: string) => string | undefined = () => undefined,
): Map<string, FieldError> {
  const errors = new Map<string, FieldError>();
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (field && !errors.has(field)) errors.set(field, describe(issue, field, t, lang, roleLabel));
  }
  return errors;
}
