/**
 * The mails the server sends (confirmation, waiting list, moved up, already enrolled,
 * cancelled): their Dutch text, written from what the database holds when the mail goes out,
 * and their delivery over SMTP (SMTP_URL) or as .eml files in a folder (the demo). Each mail is
 * an outbox row (outbox.ts); its id names the .eml file and the Message-ID, so sending a row
 * again after a crash overwrites the same file and lets a mail server see the repeat.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Feed, Session } from '../src/core/schema.js';
import { formatSessionWhen } from '../src/core/datetime.js';
import { buildIcs, icsFileName, locationText } from '../src/core/ics.js';
import { messages } from '../src/core/messages.js';

export type MailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'already-enrolled' | 'cancelled';

export interface OutgoingMail {
  /** The outbox row's id. */
  id: number;
  to: { name: string; address: string };
  replyTo: string;
  subject: string;
  text: string;
  ics?: { fileName: string; content: string };
}

export interface Mailer {
  deliver(mail: OutgoingMail): Promise<void>;
  /**
   * Deletes what this mailer kept of these mails (erasure, retention): the .eml files written
   * without SMTP, by outbox id, and files of earlier versions named by enrolment id. Over SMTP
   * nothing is kept here. Resolves to the number of files removed.
   */
  forget(ids: { mails: readonly number[]; enrolments?: readonly number[] }): Promise<number>;
}

/** `<outbox id>.eml`; earlier versions wrote `<time>-<enrolment id>-<member index>.eml`. */
const MAIL_FILE = /^(\d+)\.eml$/;
const LEGACY_FILE = /-(\d+)-\d+\.eml$/;

export function createMailer(options: { smtpUrl?: string; outDir: string; from?: string; host?: string }): Mailer {
  const transport = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const from = options.from ?? 'cop-widgets <no-reply@example.org>';
  return {
    async deliver(mail) {
      const info = await transport.sendMail({
        from,
        to: mail.to,
        replyTo: mail.replyTo,
        subject: mail.subject,
        text: mail.text,
        messageId: `<outbox-${mail.id}@${options.host ?? 'cop-widgets.invalid'}>`,
        attachments: mail.ics
          ? [
              {
                filename: mail.ics.fileName,
                content: mail.ics.content,
                contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              },
            ]
          : [],
      });
      if (options.smtpUrl) return;
      // Written beside, then renamed: a crash never leaves half a mail under the final name.
      const file = join(options.outDir, `${mail.id}.eml`);
      const message = (info as { message: Buffer }).message;
      await writeFile(`${file}.tmp`, message).catch(async (failure: NodeJS.ErrnoException) => {
        // The folder is made by the first mail (or again, if someone removed it): not checked
        // before every mail, which cost a system call each under load.
        if (failure.code !== 'ENOENT') throw failure;
        await mkdir(options.outDir, { recursive: true });
        await writeFile(`${file}.tmp`, message);
      });
      await rename(`${file}.tmp`, file);
    },

    async forget({ mails, enrolments = [] }) {
      if (options.smtpUrl || (mails.length === 0 && enrolments.length === 0)) return 0;
      const byMail = new Set(mails.map(String));
      const byEnrolment = new Set(enrolments.map(String));
      const files = (await readdir(options.outDir).catch(() => [] as string[])).filter(
        (file) => byMail.has(MAIL_FILE.exec(file)?.[1] ?? '') || byEnrolment.has(LEGACY_FILE.exec(file)?.[1] ?? ''),
      );
      await Promise.all(files.map((file) => rm(join(options.outDir, file), { force: true })));
      return files.length;
    },
  };
}

/** What a mail about an enrolment says, read from the database when it is sent. */
export interface MailFacts {
  kind: MailKind;
  feed: Feed;
  name: string;
  /** The team as it stands (names and organisations). */
  team: { name: string; organisation: string }[];
  /** Chosen sessions (empty: all of the programme's). */
  sessionIds: string[];
  /** Per capacity slot: the session (per-session places) or none, with its status now. */
  placements: { session?: string; status: 'confirmed' | 'waitlisted'; position?: number }[];
  /** The personal cancellation page, when the mail carries one. */
  cancelUrl?: string;
}

const sessionLine = (s: Session, unknown: string) =>
  `- ${formatSessionWhen(s.start, s.end, 'nl')}: ${s.title} — ${locationText(s) || unknown}`;

/** The mail's subject and text in Dutch, with the sessions as .ics when the team has a place. */
export function composeMail(facts: MailFacts): Pick<OutgoingMail, 'subject' | 'text' | 'ics' | 'replyTo'> {
  const { feed, kind } = facts;
  const t = messages('nl');
  const title = feed.programme.title;
  const contact = feed.enrolment?.contactEmail ?? feed.programme.contact.email;
  const chosen = feed.sessions.filter(
    (s) => s.status !== 'cancelled' && (facts.sessionIds.length === 0 || facts.sessionIds.includes(s.id)),
  );
  const confirmedSessions = chosen.filter((s) =>
    facts.placements.some((p) => p.status === 'confirmed' && (!p.session || p.session === s.id)),
  );
  const waiting = facts.placements.filter((p) => p.status === 'waitlisted');
  const sessionTitle = (id?: string) => feed.sessions.find((s) => s.id === id)?.title;
  const waitingText = waiting
    .map((p) => (p.session ? `${sessionTitle(p.session)}: plaats ${p.position}` : `plaats ${p.position}`))
    .join('; ');
  const team = ['', 'Uw team:', ...facts.team.map((m) => `- ${m.name} (${m.organisation})`)];
  const sessions = ['', 'Bijeenkomsten:', ...chosen.map((s) => sessionLine(s, t.session.locationUnknown))];
  const cancel = facts.cancelUrl
    ? ['', `Kunt u niet (meer)? Meld u af via uw persoonlijke link: ${facts.cancelUrl}`]
    : [];
  const questions = ['', `Vragen: ${feed.programme.contact.name}, ${contact}`];
  const details = [...team, ...sessions, ...cancel, ...questions];
  const { subject, lines } = mailText(kind, {
    title,
    waitingText,
    partlyWaiting: waiting.length > 0,
    confirmedSessions,
    details,
    questions,
  });
  const withPlace = (kind === 'confirmed' || kind === 'promoted') && confirmedSessions.length > 0;
  return {
    subject,
    text: `Beste ${facts.name},\n\n${lines.join('\n')}\n`,
    replyTo: contact,
    ...(withPlace
      ? {
          ics: {
            fileName: icsFileName(feed.programme.id),
            content: buildIcs(feed, confirmedSessions, { name: title, locationUnknown: t.session.locationUnknown }),
          },
        }
      : {}),
  };
}

interface MailParts {
  title: string;
  /** Where the team waits, e.g. "plaats 2" or "Bijeenkomst 1: plaats 2; …". */
  waitingText: string;
  /** Whether the team waits for some of its places (a place for the rest). */
  partlyWaiting: boolean;
  confirmedSessions: Session[];
  /** Team, sessions, cancellation link and contact: the lines below the opening. */
  details: string[];
  questions: string[];
}

/** Each kind of mail's subject and lines. */
function mailText(kind: MailKind, parts: MailParts): { subject: string; lines: string[] } {
  const { title, waitingText, partlyWaiting, confirmedSessions, details, questions } = parts;
  const texts: Record<MailKind, { subject: string; lines: string[] }> = {
    confirmed: {
      subject: partlyWaiting ? `Aanmelding ontvangen: ${title}` : `Aanmelding bevestigd: ${title}`,
      lines: [
        partlyWaiting
          ? `U bent aangemeld voor ${title}. Voor een deel van de bijeenkomsten staat u op de wachtlijst (${waitingText}).`
          : `U bent aangemeld voor ${title}. In de bijlage staan de bijeenkomsten voor uw agenda.`,
        ...details,
      ],
    },
    waitlisted: {
      subject: `Wachtlijst (${waitingText}): ${title}`,
      lines: [
        `U staat op de wachtlijst voor ${title} (${waitingText}). Komt er een plaats vrij, dan krijgt u daarover meteen bericht.`,
        ...details,
      ],
    },
    promoted: {
      subject: `Er is een plaats vrijgekomen: ${title}`,
      lines: [
        partlyWaiting
          ? `Goed nieuws: er is een plaats vrijgekomen. U bent nu aangemeld voor ${confirmedSessions.map((s) => s.title).join(', ')}; voor de rest staat u nog op de wachtlijst (${waitingText}). In de bijlage staan de bijeenkomsten waarvoor u bent aangemeld.`
          : `Goed nieuws: er is een plaats vrijgekomen. U staat niet langer op de wachtlijst, maar bent aangemeld voor ${title}. In de bijlage staan de bijeenkomsten voor uw agenda.`,
        ...details,
      ],
    },
    'already-enrolled': {
      subject: `U was al aangemeld: ${title}`,
      lines: [
        `Iemand heeft u opnieuw aangemeld voor ${title}. U was al aangemeld, dus er is niets veranderd.`,
        'Was u dat niet zelf? Dan hoeft u niets te doen.',
        ...questions,
      ],
    },
    cancelled: {
      subject: `Afmelding ontvangen: ${title}`,
      lines: [
        `U bent afgemeld voor ${title}. Uw plaats gaat naar wie op de wachtlijst staat.`,
        'Wilt u toch komen? Meld u dan opnieuw aan.',
        ...questions,
      ],
    },
  };
  return texts[kind];
}
