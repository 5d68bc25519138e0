import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clearFeedCache, type FeedInput } from '../../src/core/feed.js';
import '../../src/enrolment-form/enrolment-form.js';
import type { CopEnrolmentForm } from '../../src/enrolment-form/enrolment-form.component.js';
import '../../src/session-calendar/session-calendar.js';
import type { CopSessionCalendar } from '../../src/session-calendar/session-calendar.component.js';
import { minimalFeed } from '../fixtures.js';
import { enrolDirectly, feedUrl, storedRows, uniqueEmail } from '../reference-server.js';
import { WAIT } from '../waits.js';

const $ = <T extends Element = HTMLElement>(el: CopEnrolmentForm, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const text = (el: CopEnrolmentForm) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function ready(el: CopEnrolmentForm): Promise<CopEnrolmentForm> {
  await waitUntil(
    () => el.shadowRoot!.querySelector('form, .notice, .confirmation, [role="alert"]'),
    'the form did not render',
    WAIT,
  );
  return el;
}

async function form(programmeId: string, attrs = ''): Promise<CopEnrolmentForm> {
  const el = await fixture<CopEnrolmentForm>(
    html`<cop-enrolment-form src=${feedUrl(programmeId)}></cop-enrolment-form>`,
  );
  for (const [name, value] of attrs
    .split(' ')
    .filter(Boolean)
    .map((a) => a.split('=')))
    el.setAttribute(name!, value ?? '');
  return ready(el);
}

/** Types into a field as a visitor does: focus, keys, leave. */
async function type(el: CopEnrolmentForm, id: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, `#${id}`)!;
  input.focus();
  input.select();
  await sendKeys({ type: value });
  input.blur();
  await el.updateComplete;
}

async function fillMember(el: CopEnrolmentForm, roleId: string, name: string, email: string): Promise<void> {
  await type(el, `${roleId}-name`, name);
  await type(el, `${roleId}-organisation`, `Organisatie van ${name}`);
  await type(el, `${roleId}-email`, email);
}

async function consent(el: CopEnrolmentForm): Promise<void> {
  $<HTMLInputElement>(el, '#consent')!.click();
  await el.updateComplete;
}

const submitButton = (el: CopEnrolmentForm) => $<HTMLButtonElement>(el, 'button[type="submit"]')!;

async function submitAndWait(el: CopEnrolmentForm, until: string): Promise<void> {
  submitButton(el).click();
  await waitUntil(() => el.shadowRoot!.querySelector(until), `no ${until} after submit`, WAIT);
}

beforeEach(function () {
  // A test here may type a whole team key by key, wait out the form's 2 s minimum fill time,
  // go to the server and back and run axe: seconds when idle, many times that on a busy machine.
  this.currentTest!.timeout(60_000);
  sessionStorage.clear();
  clearFeedCache();
});

describe('cop-enrolment-form against the reference server', () => {
  it('enrols a duo, leaves the optional role out, stores both and confirms it to the visitor and the page', async () => {
    const el = await form('form-open');
    expect(text(el)).to.contain('Aanmelden voor CoP Open');
    expect(
      [...el.shadowRoot!.querySelectorAll('legend')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim()),
    ).to.include.members([
      'Gemeente (verplicht)',
      'Onderwijs (samenwerkingsverband) (verplicht)',
      'Jeugd(gezondheids)zorg (optioneel)',
    ]);
    const gemeente = uniqueEmail('anna');
    const onderwijs = uniqueEmail('bram');
    await fillMember(el, 'gemeente', 'Anna de Vries', gemeente);
    await fillMember(el, 'onderwijs', 'Bram Jansen', onderwijs);
    $<HTMLInputElement>(el, '#theme-next-step')!.click();
    await consent(el);

    const submitted = oneEvent(el, 'cop-enrolment-submit');
    submitButton(el).click();
    const { detail } = await submitted;
    expect(detail).to.deep.equal({ programmeId: 'form-open', status: 'confirmed' });
    await el.updateComplete;
    expect(text(el)).to.contain('U bent aangemeld');
    expect(el.shadowRoot!.activeElement?.id, 'focus moves to the confirmation').to.equal('done-title');

    const rows = (await storedRows('form-open')).filter((row) => [gemeente, onderwijs].includes(row.email!));
    expect(rows.map((row) => [row.role, row.name, row.status, row.themes])).to.have.deep.members([
      ['gemeente', 'Anna de Vries', 'confirmed', 'next-step'],
      ['onderwijs', 'Bram Jansen', 'confirmed', 'next-step'],
    ]);
    expect(sessionStorage.length, 'the draft is gone once the server confirmed').to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows field errors, a summary that links to them, and focuses the summary when a required role is missing', async () => {
    const el = await form('form-open');
    await fillMember(el, 'gemeente', 'Anna de Vries', uniqueEmail('anna'));
    submitButton(el).click();
    await waitUntil(() => $(el, '#summary'), 'no error summary', WAIT);
    await el.updateComplete;
    const summary = $(el, '#summary')!;
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    expect(summary.textContent).to.match(/Er zijn 4 fouten in het formulier/);
    // Each entry says which role and which field, as a screen reader lists them on their own.
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal([
      'Onderwijs (samenwerkingsverband), naam: vul dit veld in.',
      'Onderwijs (samenwerkingsverband), organisatie: vul dit veld in.',
      'Onderwijs (samenwerkingsverband), e-mailadres: vul dit veld in.',
      'Geef toestemming om u aan te melden.',
    ]);
    const onderwijsName = $<HTMLInputElement>(el, '#onderwijs-name')!;
    expect(onderwijsName.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, `#${onderwijsName.getAttribute('aria-describedby')}`)!.textContent).to.equal('Vul dit veld in.');
    expect($(el, '#gemeente-name')!.getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '#zorg-name')!.getAttribute('aria-invalid'), 'the optional role is not required').to.equal('false');

    summary.querySelector<HTMLAnchorElement>('a[href="#onderwijs-name"]')!.click();
    expect(el.shadowRoot!.activeElement).to.equal(onderwijsName);
    await expect(el).to.be.accessible();
  });

  it('validates as the visitor goes, after they leave a field', async () => {
    const el = await form('form-open');
    await type(el, 'gemeente-email', 'anna@');
    expect($(el, '#gemeente-email-error')!.textContent).to.equal('E-mailadres is geen geldig e-mailadres.');
    expect($(el, '#onderwijs-email-error'), 'untouched fields stay quiet').to.equal(null);
    await type(el, 'gemeente-email', uniqueEmail('anna'));
    expect($(el, '#gemeente-email-error')).to.equal(null);
  });

  it('explains line breaks and invisible characters pasted into a one-line field before sending, and keeps the text', async () => {
    const el = await form('form-open');
    /** As a paste does: the whole value at once. */
    const paste = async (id: string, value: string) => {
      const input = $<HTMLInputElement>(el, `#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new Event('blur'));
      await el.updateComplete;
    };
    const gemeente = uniqueEmail('onzichtbaar');
    await fillMember(el, 'gemeente', 'Anna de Vries', gemeente);
    await fillMember(el, 'onderwijs', 'Bram Jansen', uniqueEmail('bram'));
    await consent(el);
    await paste('gemeente-name', 'Anna\u2028Bcc: iemand@example.org');
    await paste('onderwijs-organisation', 'SWV\u200b De Vallei');
    const posts: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.method === 'POST') posts.push(String(input));
      return realFetch(input, init);
    };
    try {
      submitButton(el).click();
      await waitUntil(() => $(el, '#summary'), 'no error summary', WAIT);
      await el.updateComplete;
    } finally {
      window.fetch = realFetch;
    }
    expect(posts, 'the form explains it before sending').to.deep.equal([]);
    expect($(el, '#gemeente-name-error')!.textContent).to.equal(
      'Naam mag geen regeleinde bevatten: zet alles op één regel.',
    );
    expect($(el, '#onderwijs-organisation-error')!.textContent).to.match(/^Organisatie bevat onzichtbare tekens/);
    expect($(el, '#summary')!.textContent).to.contain('mag geen regeleinde bevatten');
    expect($<HTMLInputElement>(el, '#gemeente-name')!.value, 'nothing typed is lost').to.equal(
      'Anna\u2028Bcc: iemand@example.org',
    );
    expect(
      (await storedRows('form-open')).some((row) => Object.values(row).includes(gemeente)),
      'nothing was sent',
    ).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('confirms a team with an address that is already enrolled like any other, so the page never tells whether someone is enrolled', async () => {
    const taken = uniqueEmail('taken');
    expect(
      (
        await enrolDirectly('form-open', [
          { roleId: 'gemeente', email: taken },
          { roleId: 'onderwijs', email: uniqueEmail('x') },
        ])
      ).status,
    ).to.equal(201);
    const el = await form('form-open');
    const bram = uniqueEmail('bram');
    await fillMember(el, 'gemeente', 'Anna de Vries', taken);
    await fillMember(el, 'onderwijs', 'Bram Jansen', bram);
    await consent(el);
    await submitAndWait(el, '.confirmation');
    expect(text(el)).to.contain('U bent aangemeld');
    const rows = await storedRows('form-open');
    expect(rows.filter((row) => row.email === taken).length, 'stored once').to.equal(1);
    expect(rows.some((row) => row.email === bram)).to.equal(true);
  });

  it('words an error only the server finds as it words its own: next to the field, in the visitor’s language', async () => {
    // The server checks everything again. Here a proxy on the way (simulated) puts an invisible
    // direction character into the name after the form checked it: the real server refuses it
    // (422) with the field's path and the rule's key, and the form says it like its own errors.
    const expected = {
      nl: 'Naam bevat onzichtbare tekens (stuur- of richtingstekens); typ de tekst opnieuw in plaats van hem te plakken.',
      en: 'Name contains invisible characters (control or direction characters); type the text again instead of pasting it.',
    };
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.method !== 'POST' || typeof init.body !== 'string') return realFetch(input, init);
      const body = JSON.parse(init.body) as { members: { name: string }[] };
      body.members[0]!.name = 'Anna \u202ede Vries';
      return realFetch(input, { ...init, body: JSON.stringify(body) });
    };
    try {
      for (const lang of ['nl', 'en'] as const) {
        sessionStorage.clear(); // a fresh form each time, not the draft of the one before
        const el = await ready(
          await fixture<CopEnrolmentForm>(
            html`<cop-enrolment-form lang=${lang} src=${feedUrl('form-open')}></cop-enrolment-form>`,
          ),
        );
        await fillMember(el, 'gemeente', 'Anna de Vries', uniqueEmail('bidi'));
        await fillMember(el, 'onderwijs', 'Bram Jansen', uniqueEmail('bram'));
        await consent(el);
        await submitAndWait(el, '#summary');
        const name = $<HTMLInputElement>(el, '#gemeente-name')!;
        expect($(el, '#gemeente-name-error')!.textContent, lang).to.equal(expected[lang]);
        const summary = {
          nl: 'Gemeente, naam: bevat onzichtbare tekens',
          en: 'Gemeente, name: contains invisible characters',
        };
        expect($(el, '#summary')!.textContent, 'and in the summary, with role and field').to.contain(summary[lang]);
        expect(name.getAttribute('aria-invalid')).to.equal('true');
        expect(name.value, 'nothing typed is lost').to.equal('Anna de Vries');
        await type(el, 'gemeente-name', 'Anna de Vries');
        expect(
          $(el, '#gemeente-name-error'),
          'the server’s word on a field lapses once the visitor changes it',
        ).to.equal(null);
      }
    } finally {
      window.fetch = realFetch;
    }
  });

  it('enrols on the waiting list and says which place', async () => {
    // form-small has 2 places: another team takes them first.
    await enrolDirectly('form-small', [
      { roleId: 'gemeente', email: uniqueEmail('a') },
      { roleId: 'onderwijs', email: uniqueEmail('b') },
    ]);
    const el = await form('form-small');
    expect(text(el)).to.contain('Alle plaatsen zijn bezet. U kunt zich aanmelden voor de wachtlijst.');
    expect(submitButton(el).textContent!.trim()).to.equal('Aanmelden voor de wachtlijst');
    await fillMember(el, 'gemeente', 'Anna de Vries', uniqueEmail('anna'));
    await fillMember(el, 'onderwijs', 'Bram Jansen', uniqueEmail('bram'));
    await consent(el);
    const submitted = oneEvent(el, 'cop-enrolment-submit');
    submitButton(el).click();
    const { detail } = await submitted;
    expect(detail.status).to.equal('waitlisted');
    await el.updateComplete;
    expect(text(el)).to.contain(`U komt op de wachtlijst, plaats ${detail.position}`);
    expect(detail.position).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('says when enrolment closed and when it opens, with the organiser’s address', async () => {
    const closed = await form('form-closed');
    expect(text(closed)).to.contain('Aanmelden is gesloten.');
    expect(closed.shadowRoot!.querySelector('a[href="mailto:cop@example.org"]')).to.not.equal(null);
    expect(closed.shadowRoot!.querySelector('form')).to.equal(null);
    await expect(closed).to.be.accessible();

    const later = await form('form-later');
    expect(text(later)).to.match(/Aanmelden kan vanaf \d+ \w+ 2099\./);
    expect(later.shadowRoot!.querySelector('a[href="mailto:cop@example.org"]')).to.not.equal(null);
    await expect(later).to.be.accessible();
  });

  it('enrols once however often the visitor clicks', async () => {
    const el = await form('form-open');
    const email = uniqueEmail('dubbel');
    await fillMember(el, 'gemeente', 'Dubbel Klik', email);
    await fillMember(el, 'onderwijs', 'Dubbel Klak', uniqueEmail('klak'));
    await consent(el);
    const events: unknown[] = [];
    el.addEventListener('cop-enrolment-submit', (e) => events.push(e.detail));
    submitButton(el).click();
    submitButton(el).click();
    await el.updateComplete;
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(text(el)).to.contain('Bezig met aanmelden…');
    submitButton(el).click();
    await waitUntil(() => $(el, '.confirmation'), 'no confirmation', WAIT);
    expect(events).to.have.length(1);
    expect((await storedRows('form-open')).filter((row) => row.email === email)).to.have.length(1);
  });

  it('says which site the server refuses and whom to ask, keeps everything typed and offers the e-mail', async () => {
    const el = await form('form-open');
    await fillMember(el, 'gemeente', 'Geweigerd Gerda', uniqueEmail('geweigerd'));
    await fillMember(el, 'onderwijs', 'Geweigerd Gijs', uniqueEmail('gijs'));
    await consent(el);
    const realFetch = window.fetch;
    const realError = console.error;
    const logged: string[] = [];
    console.error = (...args: unknown[]) => logged.push(args.join(' '));
    // The server's answer to a page on a site outside its ALLOWED_ORIGINS (server/http/cors.ts).
    window.fetch = async (input, init) =>
      init?.method === 'POST'
        ? new Response(JSON.stringify({ error: 'origin-not-allowed', message: { nl: '…', en: '…' } }), {
            status: 403,
            headers: { 'Content-Type': 'application/json' },
          })
        : realFetch(input, init);
    try {
      await submitAndWait(el, '.failure');
    } finally {
      window.fetch = realFetch;
      console.error = realError;
    }
    expect($(el, '.failure')!.textContent!.replace(/\s+/g, ' ')).to.contain(
      `Deze site (${location.origin}) mag nog niet aanmelden bij ${location.host}: vraag de beheerder van het aanmeldsysteem om deze site toe te voegen (ALLOWED_ORIGINS).`,
    );
    expect(logged.join('\n')).to.contain(`add ${location.origin} to ALLOWED_ORIGINS`);
    const mail = $<HTMLAnchorElement>(el, '#failure-mail')!;
    expect(mail.protocol).to.equal('mailto:');
    expect(decodeURIComponent(mail.href)).to.contain('Geweigerd Gerda');
    expect($<HTMLInputElement>(el, '#gemeente-name')!.value).to.equal('Geweigerd Gerda');
    expect($(el, '.failure')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
  });

  it('keeps the form when the server cannot be reached, then enrols once on "try again"', async () => {
    const el = await form('form-open');
    const email = uniqueEmail('offline');
    await fillMember(el, 'gemeente', 'Offline Olga', email);
    await fillMember(el, 'onderwijs', 'Offline Otto', uniqueEmail('otto'));
    await consent(el);
    const realFetch = window.fetch;
    // The first attempt reaches the server but its answer is lost on the way back.
    window.fetch = async (...args) => {
      await realFetch(...args);
      throw new TypeError('Failed to fetch');
    };
    try {
      await submitAndWait(el, '.failure');
    } finally {
      window.fetch = realFetch;
    }
    expect($(el, '.failure')!.textContent).to.contain('er is geen verbinding met de server. Uw gegevens staan er nog');
    expect($<HTMLInputElement>(el, '#gemeente-name')!.value).to.equal('Offline Olga');
    expect(submitButton(el).textContent!.trim()).to.equal('Opnieuw proberen');
    await expect(el).to.be.accessible();

    await submitAndWait(el, '.confirmation');
    expect(text(el)).to.contain('U bent aangemeld');
    expect(
      (await storedRows('form-open')).filter((row) => row.email === email),
      'the retry returned the first answer',
    ).to.have.length(1);
  });

  for (const { why, offline, thrown, says } of [
    {
      why: 'the device is offline',
      offline: true,
      thrown: new TypeError('Failed to fetch'),
      says: 'uw apparaat is offline',
    },
    // What AbortSignal.timeout() throws when the form's 20 s are up.
    {
      why: 'the server does not answer in time',
      offline: false,
      thrown: new DOMException('signal timed out', 'TimeoutError'),
      says: 'De server antwoordde niet op tijd',
    },
  ])
    it(`says why nothing was sent when ${why}, and keeps what was typed`, async () => {
      const el = await form('form-open');
      await fillMember(el, 'gemeente', 'Stille Sanne', uniqueEmail('silent'));
      await fillMember(el, 'onderwijs', 'Stille Sem', uniqueEmail('sem'));
      await consent(el);
      const realFetch = window.fetch;
      window.fetch = () => Promise.reject(thrown);
      if (offline) Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      try {
        await submitAndWait(el, '.failure');
      } finally {
        window.fetch = realFetch;
        delete (navigator as { onLine?: boolean }).onLine; // the own property; the real getter is back
      }
      expect($(el, '.failure')!.textContent).to.contain(says).and.to.contain('Uw gegevens staan er nog');
      expect($(el, '.failure')!.getAttribute('role')).to.equal('alert');
      expect($<HTMLInputElement>(el, '#gemeente-name')!.value).to.equal('Stille Sanne');
      expect(submitButton(el).textContent!.trim()).to.equal('Opnieuw proberen');
      await expect(el).to.be.accessible();
    });

  it('says so when the server fails (5xx) and keeps what was typed', async () => {
    const el = await form('form-open');
    await fillMember(el, 'gemeente', 'Anna de Vries', uniqueEmail('anna'));
    await fillMember(el, 'onderwijs', 'Bram Jansen', uniqueEmail('bram'));
    await consent(el);
    const realFetch = window.fetch;
    window.fetch = async () =>
      new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    try {
      await submitAndWait(el, '.failure');
    } finally {
      window.fetch = realFetch;
    }
    expect($(el, '.failure')!.textContent).to.contain('storing bij de server');
    expect($<HTMLInputElement>(el, '#onderwijs-name')!.value).to.equal('Bram Jansen');
    expect($<HTMLInputElement>(el, '#consent')!.checked).to.equal(true);
  });

  it('restores the draft after a reload, and says so', async () => {
    const first = await form('form-open');
    await type(first, 'gemeente-name', 'Anna de Vries');
    await type(first, 'gemeente-organisation', 'Gemeente Ede');
    $<HTMLInputElement>(first, '#theme-wetgeving')!.click();
    first.remove();
    clearFeedCache();

    const again = await form('form-open');
    expect($<HTMLInputElement>(again, '#gemeente-name')!.value).to.equal('Anna de Vries');
    expect($<HTMLInputElement>(again, '#gemeente-organisation')!.value).to.equal('Gemeente Ede');
    expect($<HTMLInputElement>(again, '#theme-wetgeving')!.checked).to.equal(true);
    expect(text(again)).to.contain('Uw eerder ingevulde gegevens zijn teruggezet.');
  });

  it('takes prefill, a fixed session and English', async () => {
    const el = await fixture<CopEnrolmentForm>(
      html`<cop-enrolment-form lang="en" session="b2" .prefill=${{ gemeente: { organisation: 'Gemeente Ede' } }} src=${feedUrl('form-open')}></cop-enrolment-form>`,
    );
    await ready(el);
    expect($<HTMLInputElement>(el, '#gemeente-organisation')!.value).to.equal('Gemeente Ede');
    expect(text(el)).to.contain('Enrol for CoP Open');
    expect($(el, '#session'), 'no session choice when the page fixes one').to.equal(null);
    const email = uniqueEmail('sessie');
    await fillMember(el, 'gemeente', 'Anna de Vries', email);
    await fillMember(el, 'onderwijs', 'Bram Jansen', uniqueEmail('bram'));
    await consent(el);
    const { detail } = await (async () => {
      const submitted = oneEvent(el, 'cop-enrolment-submit');
      submitButton(el).click();
      return submitted;
    })();
    expect(detail.sessionId).to.equal('b2');
    expect((await storedRows('form-open')).find((row) => row.email === email)?.sessions).to.equal('b2');
  });
});

describe('cop-enrolment-form without a server', () => {
  const staticFeed = (): FeedInput => ({
    ...minimalFeed(),
    sessions: [
      {
        id: 's1',
        title: 'Bijeenkomst 1',
        start: '2099-03-02T13:00:00+01:00',
        end: '2099-03-02T17:00:00+01:00',
        location: null,
      },
    ],
    enrolment: {
      waitlist: false,
      contactEmail: 'aanmelden@example.org',
      team: { roles: [{ id: 'gemeente', label: 'Gemeente', required: true }] },
    },
  });

  it('prepares an e-mail to the organiser with everything filled in, and says so', async () => {
    const el = await fixture<CopEnrolmentForm>(html`<cop-enrolment-form .feed=${staticFeed()}></cop-enrolment-form>`);
    await ready(el);
    expect(text(el)).to.contain('Dit formulier stuurt uw aanmelding per e-mail.');
    expect(submitButton(el).textContent!.trim()).to.equal('Aanmelding mailen');
    await fillMember(el, 'gemeente', 'Anna de Vries', 'anna@example.org');
    await consent(el);
    // The form opens the visitor's mail program through a link; catch it before it leaves the page.
    let opened = '';
    const catchMail = (event: MouseEvent) => {
      const link = event.composedPath()[0];
      if (link instanceof HTMLAnchorElement && link.href.startsWith('mailto:')) {
        opened = link.href;
        event.preventDefault();
      }
    };
    document.addEventListener('click', catchMail, true);
    try {
      const submitted = oneEvent(el, 'cop-enrolment-submit');
      submitButton(el).click();
      expect((await submitted).detail).to.deep.equal({ programmeId: 'cop-test', status: 'mailto' });
      await waitUntil(() => opened, 'no e-mail opened', WAIT);
    } finally {
      document.removeEventListener('click', catchMail, true);
    }
    const url = new URL(opened);
    expect(url.pathname).to.equal('aanmelden@example.org');
    expect(url.searchParams.get('subject')).to.equal('Aanmelden voor CoP Test');
    expect(url.searchParams.get('body')).to.contain('Naam: Anna de Vries').and.contain('E-mailadres: anna@example.org');
    expect(text(el)).to.contain('Uw aanmelding staat klaar in uw e-mailprogramma');
    await expect(el).to.be.accessible();
  });

  it('adds the team to the event only when the page opts in', async () => {
    const el = await fixture<CopEnrolmentForm>(
      html`<cop-enrolment-form include-personal-data .feed=${staticFeed()}></cop-enrolment-form>`,
    );
    await ready(el);
    await fillMember(el, 'gemeente', 'Anna de Vries', 'anna@example.org');
    await consent(el);
    const stop = (event: MouseEvent) => event.composedPath()[0] instanceof HTMLAnchorElement && event.preventDefault();
    document.addEventListener('click', stop, true);
    try {
      const submitted = oneEvent(el, 'cop-enrolment-submit');
      submitButton(el).click();
      expect((await submitted).detail.members).to.deep.equal([
        {
          roleId: 'gemeente',
          name: 'Anna de Vries',
          organisation: 'Organisatie van Anna de Vries',
          email: 'anna@example.org',
        },
      ]);
    } finally {
      document.removeEventListener('click', stop, true);
    }
  });

  it('looks the same on a page whose stylesheet styles inputs, buttons and labels and hides checkboxes', async () => {
    const probe = (el: CopEnrolmentForm) =>
      ['#gemeente-name', '#consent', 'label[for="consent"]', 'button[type="submit"]', 'legend'].map((selector) => {
        const style = getComputedStyle($(el, selector)!);
        return [
          selector,
          style.display,
          style.visibility,
          style.fontSize,
          style.textTransform,
          style.color,
          style.backgroundColor,
          style.borderTopWidth,
          style.inlineSize,
        ];
      });
    const plain = await fixture<CopEnrolmentForm>(
      html`<div style="inline-size: 480px"><cop-enrolment-form .feed=${staticFeed()}></cop-enrolment-form></div>`,
    );
    const before = probe(await ready(plain.querySelector('cop-enrolment-form')!));

    const hostile = document.createElement('style');
    hostile.textContent = `
      input, button, label, legend, fieldset { all: unset; font-size: 40px !important; color: red !important; background: yellow !important; }
      input[type="checkbox"] { display: none !important; }
      label { visibility: hidden !important; }
      * { text-transform: uppercase !important; letter-spacing: 3px !important; }
      body { text-transform: uppercase; font-weight: 900; font-style: italic; word-spacing: 1em; visibility: visible; }`;
    document.head.append(hostile);
    try {
      const host = await fixture<HTMLElement>(
        html`<div style="inline-size: 480px"><cop-enrolment-form .feed=${staticFeed()}></cop-enrolment-form></div>`,
      );
      const el = await ready(host.querySelector('cop-enrolment-form')!);
      expect(probe(el)).to.deep.equal(before);
      expect(getComputedStyle($(el, '#consent')!).display).to.not.equal('none');
      expect(getComputedStyle($(el, 'label[for="consent"]')!).fontWeight).to.equal('400');
    } finally {
      hostile.remove();
    }
  });

  it('works at 320 px without horizontal scrolling', async () => {
    const host = await fixture<HTMLElement>(
      html`<div style="inline-size: 320px"><cop-enrolment-form .feed=${staticFeed()}></cop-enrolment-form></div>`,
    );
    const el = await ready(host.querySelector('cop-enrolment-form')!);
    expect(el.scrollWidth).to.be.at.most(320);
    expect($(el, 'form')!.scrollWidth).to.be.at.most(320);
  });

  it('explains a cancelled programme with the contact address', async () => {
    const feed = { ...staticFeed(), programme: { ...staticFeed().programme, status: 'cancelled' } } as FeedInput;
    const el = await ready(
      await fixture<CopEnrolmentForm>(html`<cop-enrolment-form .feed=${feed}></cop-enrolment-form>`),
    );
    expect(text(el)).to.contain('Dit programma gaat niet door.');
    expect(el.shadowRoot!.querySelector('a[href="mailto:aanmelden@example.org"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('takes the session the calendar hands over, and focus with it', async () => {
    const feed: FeedInput = {
      ...staticFeed(),
      sessions: [
        ...staticFeed().sessions,
        {
          id: 's2',
          title: 'Bijeenkomst 2',
          start: '2099-04-06T13:00:00+02:00',
          end: '2099-04-06T17:00:00+02:00',
          location: null,
        },
      ],
      enrolment: { ...staticFeed().enrolment!, sessionChoice: 'one' },
    };
    const page = await fixture<HTMLElement>(html`<div>
      <cop-session-calendar .feed=${feed}></cop-session-calendar>
      <cop-enrolment-form .feed=${feed}></cop-enrolment-form>
    </div>`);
    const calendar = page.querySelector<CopSessionCalendar>('cop-session-calendar')!;
    const el = await ready(page.querySelector<CopEnrolmentForm>('cop-enrolment-form')!);
    await calendar.updateComplete;
    const enrolButtons = [...calendar.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].filter((b) =>
      b.textContent!.includes('Aanmelden'),
    );
    enrolButtons[1]!.click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#session-s2')!.checked).to.equal(true);
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement?.id).to.equal('gemeente-name');
    await sendKeys({ type: 'Anna' });
    expect($<HTMLInputElement>(el, '#gemeente-name')!.value).to.equal('Anna');
  });
});

describe('places that update live', () => {
  // form-live: a programme of these tests only, so no other file's enrolment changes the counts.
  /** The enrolment status line: the form's `.status`, the calendar's `.enrolment`. */
  const statusOf = (el: HTMLElement) => el.shadowRoot!.querySelector('.status, .enrolment')?.textContent ?? '';
  const placesLeft = (text: string) => Number(/Nog (\d+) plaats/.exec(text)?.[1] ?? Number.NaN);

  it('shows an enrolment made elsewhere on an open page, live, without loading the feed again', async () => {
    const page = await fixture<HTMLElement>(
      html`<div><cop-session-calendar src=${feedUrl('form-live')}></cop-session-calendar></div>`,
    );
    const calendar = page.querySelector<CopSessionCalendar>('cop-session-calendar')!;
    await waitUntil(() => /Nog \d+ plaats/.test(statusOf(calendar)), 'the calendar showed no places', WAIT);
    const before = placesLeft(statusOf(calendar));
    // Let the live stream connect before the enrolment happens (if it connects later, its first
    // message brings the same count).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const feedLoads = () =>
      performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/api/programmes/form-live/feed'))
        .length;
    const loadsBefore = feedLoads();
    expect(
      (
        await enrolDirectly('form-live', [
          { roleId: 'gemeente', email: uniqueEmail('live') },
          { roleId: 'onderwijs', email: uniqueEmail('live') },
        ])
      ).status,
    ).to.equal(201);
    await waitUntil(() => placesLeft(statusOf(calendar)) === before - 2, 'the calendar did not follow', WAIT);
    // Live: the stream brought it, the widget did not load the feed again (how fast is a benchmark's question).
    expect(feedLoads(), 'feed loads').to.equal(loadsBefore);
    await expect(calendar).to.be.accessible();
  });

  it('updates the calendar and the form on the same page at once after the visitor enrols, whatever the feed cache says', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <cop-session-calendar src=${feedUrl('form-live')}></cop-session-calendar>
      <cop-enrolment-form src=${feedUrl('form-live')}></cop-enrolment-form>
    </div>`);
    const calendar = page.querySelector<CopSessionCalendar>('cop-session-calendar')!;
    const el = await ready(page.querySelector<CopEnrolmentForm>('cop-enrolment-form')!);
    await waitUntil(() => /Nog \d+ plaats/.test(statusOf(calendar)), 'the calendar showed no places', WAIT);
    const before = placesLeft(statusOf(calendar));
    await fillMember(el, 'gemeente', 'Anna de Vries', uniqueEmail('anna'));
    await fillMember(el, 'onderwijs', 'Bram Jansen', uniqueEmail('bram'));
    await consent(el);
    const submitted = oneEvent(el, 'cop-enrolment-submit');
    submitButton(el).click();
    await submitted;
    // No waiting for the stream: the form's own answer carries the places.
    await calendar.updateComplete;
    await el.updateComplete;
    expect(placesLeft(statusOf(calendar)), 'the calendar').to.equal(before - 2);
    expect(placesLeft(statusOf(el)), 'the form').to.equal(before - 2);
  });
});

describe('several sessions per team', () => {
  it('lets a team choose several sessions and says per session whether it has a place or waits', async () => {
    // form-many: one place per session. Another team takes b1 first.
    await enrolDirectly('form-many', [{ roleId: 'gemeente', email: uniqueEmail('eerst') }], { sessionIds: ['b1'] });
    const el = await form('form-many');
    const legend = [...el.shadowRoot!.querySelectorAll('legend')].map((l) => l.textContent!.trim());
    expect(legend).to.include('Kies een of meer bijeenkomsten');
    await fillMember(el, 'gemeente', 'Anna de Vries', uniqueEmail('anna'));
    for (const id of ['b1', 'b3']) {
      $<HTMLInputElement>(el, `#session-${id}`)!.click();
      await el.updateComplete;
    }
    expect($<HTMLInputElement>(el, '#session-b1')!.type).to.equal('checkbox');
    await consent(el);
    const submitted = oneEvent(el, 'cop-enrolment-submit');
    submitButton(el).click();
    const { detail } = await submitted;
    expect(detail.sessionIds).to.deep.equal(['b1', 'b3']);
    await el.updateComplete;
    const placed = [...el.shadowRoot!.querySelectorAll('.placed li')].map((li) => li.textContent!.trim());
    expect(placed).to.deep.equal(['Schurende wetgeving: op de wachtlijst, plaats 1', 'Intervisie: aangemeld']);
    await expect(el).to.be.accessible();
  });
});

describe('the Idempotency-Key', () => {
  it('stays the same for a retry of the same form and changes once the visitor changes it after a refusal', async () => {
    const keys: string[] = [];
    const realFetch = window.fetch;
    let refuse = true;
    window.fetch = (input, init) => {
      if (init?.method !== 'POST') return realFetch(input, init);
      keys.push(new Headers(init.headers).get('Idempotency-Key')!);
      if (refuse) return Promise.reject(new TypeError('Failed to fetch'));
      return realFetch(input, init);
    };
    try {
      const el = await form('form-open');
      await fillMember(el, 'gemeente', 'Anna de Vries', uniqueEmail('anna'));
      await fillMember(el, 'onderwijs', 'Bram Jansen', uniqueEmail('bram'));
      await consent(el);
      await submitAndWait(el, '.failure');
      await submitAndWait(el, '.failure');
      expect(keys[1], 'a retry of the same form').to.equal(keys[0]);
      await type(el, 'gemeente-name', 'Anna de Vries-Jansen');
      refuse = false;
      await submitAndWait(el, '.confirmation');
      expect(keys[2], 'the changed form is a new request').to.not.equal(keys[0]);
      expect(text(el)).to.contain('U bent aangemeld');
    } finally {
      window.fetch = realFetch;
    }
  });
});

describe('cop-enrolment-form and the language of the feed', () => {
  it('marks the programme title and the role labels from a Dutch feed with lang="nl" in an English form', async () => {
    const el = await ready(
      await fixture<CopEnrolmentForm>(
        html`<cop-enrolment-form lang="en" src=${feedUrl('form-open')}></cop-enrolment-form>`,
      ),
    );
    const title = $(el, '#form-title')!;
    expect(title.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Enrol for CoP Open');
    expect(title.querySelector('[lang="nl"]')!.textContent).to.equal('CoP Open');
    expect([...el.shadowRoot!.querySelectorAll('legend [lang="nl"]')].map((span) => span.textContent)).to.include(
      'Gemeente',
    );
    await expect(el).to.be.accessible();
  });
});
