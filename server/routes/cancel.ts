/**
 * The personal cancellation page a confirmation mail links to (`/afmelden/<token>`). Opening
 * it changes nothing (mail scanners open links to check them): it shows the enrolment and a
 * button; only the form's POST cancels. It works without JavaScript and without the partner's
 * page, in Dutch or English (`?lang=en`). The token is in the address, so the page sends no
 * referrer, is never cached or indexed, and loads nothing from anywhere.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import type { Feed } from '../../src/core/schema.js';
import { formatSessionWhen } from '../../src/core/datetime.js';
import type { AppDeps } from '../app.js';
import { capacities, removeMembers, tokenHash } from '../enrolments.js';
import type { AppEnv } from '../http/env.js';
import { rateLimited } from '../http/guards.js';
import { limitBody } from '../http/json-body.js';

type Lang = 'nl' | 'en';

const TEXT = {
  nl: {
    title: 'Afmelden',
    intro: (programme: string) => `U bent aangemeld voor ${programme}.`,
    person: 'Aangemeld als',
    team: 'Uw team',
    sessions: 'Bijeenkomsten',
    confirmed: 'aangemeld',
    waiting: (position?: number) => `op de wachtlijst${position ? `, plaats ${position}` : ''}`,
    choose: 'Wie meldt u af?',
    onlyMe: (name: string) => `Alleen mijzelf (${name})`,
    wholeTeam: 'Het hele team',
    button: 'Afmelden',
    note: 'Uw plaats gaat naar wie op de wachtlijst staat. U krijgt een bevestiging per e-mail.',
    doneTitle: 'U bent afgemeld',
    doneMember: (programme: string) => `U bent afgemeld voor ${programme}. U krijgt een bevestiging per e-mail.`,
    doneTeam: (programme: string) =>
      `Uw team is afgemeld voor ${programme}. Ieder teamlid krijgt een bevestiging per e-mail.`,
    again: 'Toch komen? Meld u dan opnieuw aan.',
    goneTitle: 'Deze link werkt niet (meer)',
    gone: 'Misschien bent u al afgemeld, of is er een nieuwere link naar u gemaild. Gebruik de link uit uw laatste e-mail, of neem contact op met de organisator.',
    questions: 'Vragen?',
    other: 'English',
  },
  en: {
    title: 'Cancel your enrolment',
    intro: (programme: string) => `You are enrolled for ${programme}.`,
    person: 'Enrolled as',
    team: 'Your team',
    sessions: 'Sessions',
    confirmed: 'enrolled',
    waiting: (position?: number) => `on the waiting list${position ? `, place ${position}` : ''}`,
    choose: 'Who is cancelling?',
    onlyMe: (name: string) => `Only me (${name})`,
    wholeTeam: 'The whole team',
    button: 'Cancel enrolment',
    note: 'Your place goes to whoever is on the waiting list. You will get a confirmation by e-mail.',
    doneTitle: 'Your enrolment is cancelled',
    doneMember: (programme: string) =>
      `Your enrolment for ${programme} is cancelled. You will get a confirmation by e-mail.`,
    doneTeam: (programme: string) =>
      `Your team's enrolment for ${programme} is cancelled. Every member will get a confirmation by e-mail.`,
    again: 'Coming after all? Then enrol again.',
    goneTitle: 'This link does not work (any more)',
    gone: 'Perhaps you have cancelled already, or a newer link was mailed to you. Use the link in your latest e-mail, or contact the organiser.',
    questions: 'Questions?',
    other: 'Nederlands',
  },
};

/** The page's only style, allowed by its hash: no inline style or script is allowed otherwise. */
const STYLE = `body{font:1rem/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0}main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.6rem;line-height:1.25}dt{font-weight:600;margin-top:.75rem}dd{margin:0}ul{padding-left:1.25rem}
fieldset{border:1px solid #767676;border-radius:.25rem;margin:1.25rem 0;padding:.75rem 1rem}legend{font-weight:600;padding:0 .25rem}
label{display:flex;gap:.5rem;align-items:center;min-height:44px}input{width:1.25rem;height:1.25rem;margin:0}
button{font:inherit;font-weight:600;min-height:44px;padding:.5rem 1.25rem;border:2px solid #01689b;border-radius:.25rem;background:#01689b;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;box-shadow:0 0 0 6px #ffdd00}a{color:#01689b}.lang{text-align:right;margin:0}
@media (prefers-color-scheme:dark){body{background:#1b1b1b;color:#f2f2f2}a{color:#8fcdf0}button{background:#8fcdf0;border-color:#8fcdf0;color:#1b1b1b}
:focus-visible{outline-color:#fff;box-shadow:0 0 0 6px #1b1b1b}fieldset{border-color:#9a9a9a}}`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

interface Enrolled {
  member: number;
  name: string;
  enrolment: number;
  programme: string;
  session_ids: string[];
  team: { id: number; name: string; organisation: string }[];
  placements: { session: string | null; status: 'confirmed' | 'waitlisted'; position: number | null }[];
}

const langOf = (c: Context) => (c.req.query('lang') === 'en' ? 'en' : 'nl') satisfies Lang;

function page(c: Context<AppEnv>, lang: Lang, title: string, body: ReturnType<typeof html>, status: 200 | 404 = 200) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  );
  const other = lang === 'nl' ? 'en' : 'nl';
  return c.html(
    html`<!doctype html>
      <html lang="${lang}">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>${title}</title>
          <style>${raw(STYLE)}</style>
        </head>
        <body>
          <main>
            <p class="lang"><a href="?lang=${other}" lang="${other}" hreflang="${other}">${TEXT[lang].other}</a></p>
            ${body}
          </main>
        </body>
      </html>`,
    status,
  );
}

function contact(feed: Feed | undefined, lang: Lang) {
  if (!feed) return '';
  const email = feed.enrolment?.contactEmail ?? feed.programme.contact.email;
  return html`<p>${TEXT[lang].questions} ${feed.programme.contact.name}, <a href="mailto:${email}">${email}</a></p>`;
}

function details(feed: Feed, enrolled: Enrolled, lang: Lang) {
  const t = TEXT[lang];
  const chosen = feed.sessions.filter((s) => enrolled.session_ids.length === 0 || enrolled.session_ids.includes(s.id));
  const statusOf = (sessionId: string) => {
    const placement =
      enrolled.placements.find((p) => p.session === sessionId) ?? enrolled.placements.find((p) => p.session === null);
    if (!placement) return '';
    return placement.status === 'confirmed' ? t.confirmed : t.waiting(placement.position ?? undefined);
  };
  return html`<dl>
    <dt>${t.person}</dt>
    <dd>${enrolled.name}</dd>
    ${
      enrolled.team.length > 1
        ? html`<dt>${t.team}</dt>
          <dd>
            <ul>
              ${enrolled.team.map((m) => html`<li>${m.name} (${m.organisation})</li>`)}
            </ul>
          </dd>`
        : ''
    }
    <dt>${t.sessions}</dt>
    <dd>
      <ul>
        ${chosen.map((s) => html`<li><span lang="nl">${s.title}</span>: ${formatSessionWhen(s.start, s.end, lang)} (${statusOf(s.id)})</li>`)}
      </ul>
    </dd>
  </dl>`;
}

export function cancelRoutes(deps: AppDeps) {
  const { db, feeds, now, limiters, outbox, log } = deps;
  const app = new Hono<AppEnv>();

  const find = async (token: string): Promise<Enrolled | undefined> => {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const [row] = await db.query<Enrolled>(
      `SELECT m.id AS member, m.name, m.enrolment_id AS enrolment, m.programme_id AS programme, e.session_ids,
              (SELECT jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'organisation', t.organisation) ORDER BY t.id)
                 FROM enrolment_members t WHERE t.enrolment_id = m.enrolment_id) AS team,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('session', p.session_id, 'status', p.status, 'position', p.position)), '[]')
                 FROM placement_positions p WHERE p.enrolment_id = m.enrolment_id) AS placements
         FROM enrolment_members m JOIN enrolments e ON e.id = m.enrolment_id WHERE m.cancel_token_hash = $1`,
      [tokenHash(token)],
    );
    return row && { ...row, member: Number(row.member), enrolment: Number(row.enrolment) };
  };

  const gone = (c: Context<AppEnv>, lang: Lang) =>
    page(c, lang, TEXT[lang].goneTitle, html`<h1>${TEXT[lang].goneTitle}</h1><p>${TEXT[lang].gone}</p>`, 404);

  app.get('/:token', async (c) => {
    const lang = langOf(c);
    const t = TEXT[lang];
    const enrolled = await find(c.req.param('token'));
    const feed = enrolled && feeds.get(enrolled.programme);
    if (!enrolled || !feed) return gone(c, lang);
    const title = feed.programme.title;
    return page(
      c,
      lang,
      `${t.title}: ${title}`,
      html`<h1>${t.title}: <span lang="nl">${title}</span></h1>
        <p>${t.intro(title)}</p>
        ${details(feed, enrolled, lang)}
        <form method="post" action="?lang=${lang}">
          ${
            enrolled.team.length > 1
              ? html`<fieldset>
                <legend>${t.choose}</legend>
                <label><input type="radio" name="scope" value="member" checked /> ${t.onlyMe(enrolled.name)}</label>
                <label><input type="radio" name="scope" value="team" /> ${t.wholeTeam}</label>
              </fieldset>`
              : html`<input type="hidden" name="scope" value="member" />`
          }
          <p>${t.note}</p>
          <button type="submit">${t.button}</button>
        </form>
        ${contact(feed, lang)}`,
    );
  });

  app.post('/:token', rateLimited(limiters.enrolments, now), limitBody(4 * 1024), async (c) => {
    const lang = langOf(c);
    const t = TEXT[lang];
    const enrolled = await find(c.req.param('token'));
    const feed = enrolled && feeds.get(enrolled.programme);
    if (!enrolled || !feed) return gone(c, lang);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const wholeTeam = form.scope === 'team';
    const members = wholeTeam ? enrolled.team.map((m) => Number(m.id)) : [enrolled.member];
    const done = await db.transaction((tx) => removeMembers(tx, feed.programme.id, capacities(feed), members, true));
    outbox?.wake();
    log?.(
      `cancellation: enrolment ${enrolled.enrolment} of ${feed.programme.id}: ${done.removed} member(s) by link, ${done.promoted.length} team(s) moved up`,
    );
    const title = feed.programme.title;
    return page(
      c,
      lang,
      t.doneTitle,
      html`<h1>${t.doneTitle}</h1>
        <p role="status">${wholeTeam ? t.doneTeam(title) : t.doneMember(title)}</p>
        <p>${t.again}</p>
        ${contact(feed, lang)}`,
    );
  });

  return app;
}
