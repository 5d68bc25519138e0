/** The prepared e-mail for a feed without an endpoint: everything the form would have sent, readable. */
import type { EnrolmentRequest } from '../core/enrolment-request.js';
import type { Feed } from '../core/schema.js';
import { rolesOf } from './draft.js';
import type { EnrolmentMessages } from './enrolment-form.messages.js';

export function mailtoHref(feed: Feed, request: EnrolmentRequest, t: EnrolmentMessages): string {
  const roles = rolesOf(feed);
  const chosen = request.sessionIds ?? (request.sessionId ? [request.sessionId] : []);
  const lines = [
    `${t.label(feed.programme.title)}`,
    '',
    ...request.members.flatMap((m) => [
      `${roles.find((r) => r.id === m.roleId)?.label || t.name}:`,
      `  ${t.name}: ${m.name}`,
      `  ${t.organisation}: ${m.organisation}`,
      ...(m.jobTitle ? [`  ${t.jobTitle}: ${m.jobTitle}`] : []),
      `  ${t.email}: ${m.email}`,
      ...(m.phone ? [`  ${t.phone}: ${m.phone}`] : []),
    ]),
    ...(chosen.length
      ? [
          '',
          `${chosen.length > 1 ? t.sessions : t.session}: ${chosen.map((id) => feed.sessions.find((s) => s.id === id)?.title ?? '').join(', ')}`,
        ]
      : []),
    ...(request.themeIds?.length
      ? ['', `${t.themes}: ${request.themeIds.map((id) => feed.themes?.find((th) => th.id === id)?.title).join(', ')}`]
      : []),
    ...(request.remark ? ['', `${t.remark}: ${request.remark}`] : []),
  ];
  const to = feed.enrolment?.contactEmail ?? feed.programme.contact.email;
  return `mailto:${to}?subject=${encodeURIComponent(t.label(feed.programme.title))}&body=${encodeURIComponent(lines.join('\n'))}`;
}
