/**
 * Confirmation e-mails, one to each team member, with the sessions as an .ics attachment.
 * Sent over SMTP when SMTP_URL is set; otherwise written as .eml files to a folder, so the demo
 * shows them. Sending happens after the enrolment is stored: a failed mail never loses it.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { EnrolmentRequest } from '../src/feed/enrolment-request.js';
import type { Feed } from '../src/feed/schema.js';
import { formatSessionWhen } from '../src/shared/datetime.js';
import { buildIcs, icsFileName, locationText } from '../src/shared/ics.js';
import { messages } from '../src/shared/i18n/index.js';

export interface Mailer {
  sendConfirmation(feed: Feed, request: EnrolmentRequest, outcome: { status: 'confirmed' | 'waitlisted'; position?: number; id: number }): Promise<void>;
  /**
   * Deletes what this mailer kept of these enrolments' mails (erasure, retention): the .eml
   * files written without SMTP. Over SMTP nothing is kept here: sent mail is in the recipients'
   * mailboxes. Resolves to the number of files removed.
   */
  forget(enrolmentIds: readonly number[]): Promise<number>;
}

/** `<time>-<enrolment id>-<member index>.eml`, as written below. */
const EML_NAME = /-(\d+)-\d+\.eml$/;

export function createMailer(options: { smtpUrl?: string; outDir: string; from?: string }): Mailer {
  const transport = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const from = options.from ?? 'cop-widgets <no-reply@example.org>';

  return {
    async sendConfirmation(feed, request, outcome) {
      const t = messages('nl');
      const sessions = feed.sessions.filter((s) => s.status !== 'cancelled' && (!request.sessionId || s.id === request.sessionId));
      const waitlisted = outcome.status === 'waitlisted';
      const subject = waitlisted
        ? `Wachtlijst (plaats ${outcome.position}): ${feed.programme.title}`
        : `Aanmelding bevestigd: ${feed.programme.title}`;
      const lines = [
        waitlisted
          ? `U staat op de wachtlijst voor ${feed.programme.title}, op plaats ${outcome.position}. Komt er een plaats vrij, dan hoort u dat van ${feed.programme.contact.name}.`
          : `U bent aangemeld voor ${feed.programme.title}. In de bijlage staan de bijeenkomsten voor uw agenda.`,
        '',
        'Uw team:',
        ...request.members.map((m) => `- ${m.name} (${m.organisation})`),
        '',
        'Bijeenkomsten:',
        ...sessions.map((s) => `- ${formatSessionWhen(s.start, s.end, 'nl')}: ${s.title} — ${locationText(s) || t.session.locationUnknown}`),
        '',
        `Vragen of afmelden: ${feed.programme.contact.name}, ${feed.enrolment?.contactEmail ?? feed.programme.contact.email}`,
      ];
      const ics = buildIcs(feed, sessions, { name: feed.programme.title, locationUnknown: t.session.locationUnknown });
      for (const member of request.members) {
        const info = await transport.sendMail({
          from,
          to: { name: member.name, address: member.email },
          replyTo: feed.enrolment?.contactEmail ?? feed.programme.contact.email,
          subject,
          text: `Beste ${member.name},\n\n${lines.join('\n')}\n`,
          attachments: waitlisted ? [] : [{ filename: icsFileName(feed.programme.id), content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }],
        });
        if (!options.smtpUrl) {
          await mkdir(options.outDir, { recursive: true });
          const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${outcome.id}-${request.members.indexOf(member)}.eml`;
          await writeFile(join(options.outDir, name), (info as { message: Buffer }).message);
        }
      }
    },

    async forget(enrolmentIds) {
      if (options.smtpUrl || enrolmentIds.length === 0) return 0;
      const ids = new Set(enrolmentIds.map(String));
      const files = (await readdir(options.outDir).catch(() => [] as string[])).filter((file) => ids.has(EML_NAME.exec(file)?.[1] ?? ''));
      await Promise.all(files.map((file) => rm(join(options.outDir, file), { force: true })));
      return files.length;
    },
  };
}
