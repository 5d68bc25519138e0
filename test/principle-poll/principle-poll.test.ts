import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { clearFeedCache, type FeedInput } from '../../src/core/feed.js';
import '../../src/principle-poll/principle-poll.js';
import { CopPrinciplePoll } from '../../src/principle-poll/principle-poll.component.js';
import type { PollResults } from '../../src/principle-poll/results.js';
import { minimalFeed } from '../fixtures.js';
import { adminPoll, feedUrl, newParticipant, voteDirectly } from '../reference-server.js';
import { WAIT } from '../waits.js';
import { phoneViewport } from '../viewport.js';

// Fixture feeds in test/fixtures/server-feeds: each poll is reset before the test that uses it.
const OPEN = { programme: 'poll-open', poll: 'poll-test-open' }; // after-vote, lowest 2, five principles
const ALWAYS = { programme: 'poll-always', poll: 'poll-test-always' }; // results always, lowest 2, seven principles
const CLOSING = { programme: 'poll-closing', poll: 'poll-test-closing' }; // after-vote, lowest 1

const $ = <T extends Element = HTMLElement>(el: CopPrinciplePoll, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CopPrinciplePoll, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
const text = (el: CopPrinciplePoll) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const radio = (el: CopPrinciplePoll, principle: string, value: number | 'skip') =>
  $<HTMLInputElement>(el, `input[name="rating-${principle}"][value="${value}"]`)!;
const checked = (el: CopPrinciplePoll) =>
  Object.fromEntries(
    $$<HTMLInputElement>(el, 'input:checked').map((input) => [input.name.replace('rating-', ''), input.value]),
  );
const submitButton = (el: CopPrinciplePoll) => $<HTMLButtonElement>(el, 'button[type="submit"]')!;

/** One principle's row in the screen-reader table (scale 1–5, lowest N set): what a screen reader user hears. */
function row(
  el: CopPrinciplePoll,
  principle: string,
): { mean: string; count: number; distribution: number[]; lowest: string } {
  const [mean, count, ...rest] = [...$(el, `tbody tr[data-principle="${principle}"]`)!.querySelectorAll('td')].map(
    (td) => td.textContent!.trim(),
  );
  return { mean: mean!, count: Number(count), distribution: rest.slice(0, 5).map(Number), lowest: rest[5]! };
}

const participantsShown = (el: CopPrinciplePoll) => $(el, '.participants')?.textContent?.trim();

async function poll(programmeId: string, attrs: Record<string, string> = {}): Promise<CopPrinciplePoll> {
  const el = await fixture<CopPrinciplePoll>(
    html`<cop-principle-poll src=${feedUrl(programmeId)}></cop-principle-poll>`,
  );
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  await waitUntil(() => $(el, 'form, .results, .notice, .state--error'), 'the poll did not render', WAIT);
  return el;
}

async function choose(el: CopPrinciplePoll, ratings: Record<string, number | 'skip'>): Promise<void> {
  for (const [principle, value] of Object.entries(ratings)) radio(el, principle, value).click();
  await el.updateComplete;
}

async function serverResults(pollId: string): Promise<PollResults> {
  return (await fetch(`/api/polls/${pollId}/results`, { cache: 'no-store' })).json() as Promise<PollResults>;
}

const originalTiming = { ...CopPrinciplePoll.timing };
const RealEventSource = window.EventSource;
const realFetch = window.fetch;

/**
 * EventSource with a switch: `down` makes new connections fail at once, `drop()` breaks the
 * open ones, as a proxy or a restarting server would. Everything else is the real stream.
 */
class SwitchableEventSource extends EventTarget {
  static down = false;
  static open = new Set<SwitchableEventSource>();
  static drop(): void {
    for (const source of SwitchableEventSource.open) source.#fail();
  }
  #real: EventSource | undefined;
  constructor(url: string) {
    super();
    if (SwitchableEventSource.down) {
      setTimeout(() => this.dispatchEvent(new Event('error')), 10);
      return;
    }
    SwitchableEventSource.open.add(this);
    this.#real = new RealEventSource(url);
    this.#real.addEventListener('results', (e) =>
      this.dispatchEvent(new MessageEvent('results', { data: (e as MessageEvent).data })),
    );
    this.#real.addEventListener('error', () => this.dispatchEvent(new Event('error')));
  }
  close(): void {
    this.#real?.close();
    SwitchableEventSource.open.delete(this);
  }
  #fail(): void {
    this.close();
    this.dispatchEvent(new Event('error'));
  }
}

beforeEach(() => {
  localStorage.clear();
  clearFeedCache();
  // Fast reconnects and polling; announcements stay throttled for the test's whole length.
  Object.assign(CopPrinciplePoll.timing, { pollMs: 300, backoffMs: 200, maxBackoffMs: 600, announceMs: 60_000 });
});

afterEach(() => {
  Object.assign(CopPrinciplePoll.timing, originalTiming);
  window.EventSource = RealEventSource;
  window.fetch = realFetch;
  SwitchableEventSource.down = false;
});

describe('cop-principle-poll against the reference server', () => {
  it('stores a vote, shows it in the results and tells the page; results wait until after voting', async () => {
    await adminPoll(OPEN.poll, 'reset');
    const el = await poll(OPEN.programme);
    expect($$(el, 'legend').map((l) => l.textContent!.trim())).to.deep.equal([
      'Het kind staat centraal, niet het systeem',
      'Thuisnabij onderwijs en ondersteuning',
      'Eén kind, één gezin, één plan',
      'Vroeg signaleren en preventief handelen',
      'Gelijkwaardige samenwerking tussen onderwijs en gemeenten',
    ]);
    expect(text(el)).to.contain('Geef per principe een score van 1 (nog lang niet) tot 5 (helemaal op orde).');
    expect($(el, '.results'), 'after-vote: no results before voting').to.equal(null);
    await expect(el).to.be.accessible();

    await choose(el, { 'kind-centraal': 4, thuisnabij: 2, 'een-plan': 'skip' });
    expect(text(el)).to.contain('2 van 5 principes hebben een score');
    const submitted = oneEvent(el, 'cop-vote-submit');
    submitButton(el).click();
    const { detail } = await submitted;
    expect(detail).to.deep.equal({
      programmeId: 'poll-open',
      pollId: 'poll-test-open',
      ratings: 2,
      skipped: 3,
      replaced: false,
    });
    await el.updateComplete;
    expect(text(el)).to.contain('Uw stem is opgeslagen');
    expect(text(el)).to.contain('U gaf 2 scores en sloeg 3 principes over.');
    expect(el.shadowRoot!.activeElement?.id, 'focus moves to the confirmation').to.equal('done-title');

    await waitUntil(() => $(el, 'tbody tr'), 'no results after voting', WAIT);
    expect(participantsShown(el), 'fresh results, with this vote').to.equal('1 deelnemer');
    expect(row(el, 'kind-centraal')).to.include({ mean: '4,0', count: 1 });
    expect(row(el, 'kind-centraal').distribution).to.deep.equal([0, 0, 0, 1, 0]);
    expect(row(el, 'een-plan')).to.include({ mean: 'nog geen scores', count: 0 });
    const stored = await serverResults(OPEN.poll);
    expect(stored.participants).to.equal(1);
    expect(stored.principles.map((p) => p.count)).to.deep.equal([1, 1, 0, 0, 0]);
    await waitUntil(() => $(el, '.connection--live'), 'not live', WAIT);
    await expect(el).to.be.accessible();
  });

  it('refuses a vote without any score in the browser, and skipped principles count for nothing', async () => {
    await adminPoll(OPEN.poll, 'reset');
    const el = await poll(OPEN.programme);
    await choose(el, { 'kind-centraal': 'skip', thuisnabij: 'skip' });
    submitButton(el).click();
    await el.updateComplete;
    expect($(el, '.error')!.textContent).to.equal('Geef bij minstens één principe een score.');
    expect(el.shadowRoot!.activeElement, 'focus goes back to the first group').to.equal(
      radio(el, 'kind-centraal', 'skip'),
    );
    expect((await serverResults(OPEN.poll)).participants, 'nothing was sent').to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows the previous vote after a reload, and a revote replaces it', async () => {
    await adminPoll(OPEN.poll, 'reset');
    const first = await poll(OPEN.programme);
    await choose(first, { 'kind-centraal': 4, thuisnabij: 1 });
    submitButton(first).click();
    await waitUntil(() => $(first, '.confirmation'), 'no confirmation', WAIT);
    first.remove();

    clearFeedCache();
    const el = await poll(OPEN.programme);
    expect(text(el)).to.contain('U hebt al gestemd.');
    expect(checked(el)).to.deep.equal({
      'kind-centraal': '4',
      thuisnabij: '1',
      'een-plan': 'skip',
      'vroeg-signaleren': 'skip',
      gelijkwaardig: 'skip',
    });
    expect($(el, '.results'), 'they voted, so results show').to.not.equal(null);
    expect(submitButton(el).textContent!.trim()).to.equal('Gewijzigde stem versturen');

    await choose(el, { 'kind-centraal': 2, thuisnabij: 'skip', gelijkwaardig: 5 });
    const submitted = oneEvent(el, 'cop-vote-submit');
    submitButton(el).click();
    expect((await submitted).detail).to.include({ replaced: true, ratings: 2, skipped: 3 });
    await el.updateComplete;
    expect(text(el)).to.contain('Uw stem is gewijzigd');
    const stored = await serverResults(OPEN.poll);
    expect(stored.participants, 'still one participant').to.equal(1);
    expect(stored.principles.map((p) => [p.count, p.mean])).to.deep.equal([
      [1, 2],
      [0, null],
      [0, null],
      [0, null],
      [1, 5],
    ]);

    $<HTMLButtonElement>(el, '.confirmation button')!.click();
    await el.updateComplete;
    expect(checked(el)['kind-centraal'], '"Stem wijzigen" shows the vote again').to.equal('2');
    expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'kind-centraal', 2));
  });

  it('receives another participant’s vote live, and announces a summary at most every so often', async () => {
    await adminPoll(ALWAYS.poll, 'reset');
    const el = await poll(ALWAYS.programme);
    await waitUntil(() => $(el, '.connection--live'), 'not live', WAIT);
    expect(participantsShown(el)).to.equal('0 deelnemers');
    expect($(el, 'form'), 'voting and results side by side').to.not.equal(null);

    await voteDirectly(ALWAYS.poll, newParticipant(), { 'lerend-systeem': 2, gelijkwaardigheid: 4 });
    await waitUntil(() => participantsShown(el) === '1 deelnemer', 'the other vote did not arrive', WAIT);
    expect(row(el, 'lerend-systeem')).to.include({ mean: '2,0', count: 1 });
    await waitUntil(
      () => $(el, '.results [role="status"].visually-hidden')!.textContent!.includes('1 deelnemer'),
      'no announcement',
      WAIT,
    );

    await voteDirectly(ALWAYS.poll, newParticipant(), { 'lerend-systeem': 4 });
    await waitUntil(() => participantsShown(el) === '2 deelnemers', 'the second vote did not arrive', WAIT);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      $(el, '.results [role="status"].visually-hidden')!.textContent,
      'throttled: not a sentence per vote',
    ).to.equal('Resultaten bijgewerkt: 1 deelnemer.');
  });

  it('marks the lowest N as "aandachtspunt" in text, ties included, and sorts by mean on request', async () => {
    await adminPoll(ALWAYS.poll, 'reset');
    // Means 2, 3, 3, 4, 5, 4, 5: the lowest two are 2 and 3, and 3 is shared, so three are marked.
    await voteDirectly(ALWAYS.poll, newParticipant(), {
      'gezamenlijke-ambitie': 2,
      'maatschappelijk-resultaat': 3,
      'lerend-systeem': 3,
      gelijkwaardigheid: 4,
      'verwachtingen-en-belangen': 5,
      'passend-leiderschap': 4,
      netwerksamenwerking: 5,
    });
    const el = await poll(ALWAYS.programme);
    await waitUntil(() => $(el, 'tbody tr'), 'no results', WAIT);
    const marked = $$(el, '.chart .row')
      .filter((r) => r.querySelector('.badge')?.textContent === 'Aandachtspunt')
      .map((r) => r.dataset.principle);
    expect(marked).to.deep.equal(['gezamenlijke-ambitie', 'maatschappelijk-resultaat', 'lerend-systeem']);
    expect(row(el, 'lerend-systeem').lowest).to.equal('ja');
    expect(row(el, 'gelijkwaardigheid').lowest).to.equal('nee');
    expect($(el, '.legend')!.textContent, 'a tie says why there are more than asked').to.equal(
      'Aandachtspunt: de 2 laagste gemiddelden. Door gelijke scores zijn het er 3.',
    );

    const toggle = $<HTMLButtonElement>(el, '[role="switch"]')!;
    expect(toggle.getAttribute('aria-checked')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-checked')).to.equal('true');
    expect(el.getAttribute('sort')).to.equal('mean');
    const phone = await phoneViewport(320, 640);
    await el.updateComplete;
    expect(document.documentElement.scrollWidth, `voting and results fit ${phone} px`).to.be.at.most(phone);
    await setViewport({ width: 800, height: 600 });
    expect($$(el, 'tbody tr').map((r) => r.dataset.principle)).to.deep.equal([
      'gezamenlijke-ambitie',
      'maatschappelijk-resultaat',
      'lerend-systeem',
      'gelijkwaardigheid',
      'passend-leiderschap',
      'verwachtingen-en-belangen',
      'netwerksamenwerking',
    ]);
    await expect(el).to.be.accessible();
  });

  it('falls back to polling when the stream drops, says so, and goes live again', async () => {
    window.EventSource = SwitchableEventSource as unknown as typeof EventSource;
    await adminPoll(ALWAYS.poll, 'reset');
    const el = await poll(ALWAYS.programme);
    await waitUntil(() => $(el, '.connection--live'), 'not live', WAIT);

    SwitchableEventSource.down = true;
    SwitchableEventSource.drop();
    await waitUntil(() => $(el, '.connection--polling'), 'no fallback', WAIT);
    expect($(el, '[part="connection"]')!.textContent).to.contain(
      'De live verbinding is onderbroken. De resultaten worden elke seconde opgehaald.',
    );
    await voteDirectly(ALWAYS.poll, newParticipant(), { netwerksamenwerking: 3 });
    await waitUntil(() => participantsShown(el) === '1 deelnemer', 'polling did not bring the vote', WAIT);
    expect($(el, '.connection--polling'), 'still polling while the stream is down').to.not.equal(null);
    await expect(el).to.be.accessible();

    SwitchableEventSource.down = false;
    await waitUntil(() => $(el, '.connection--live'), 'did not go live again', WAIT);
    await voteDirectly(ALWAYS.poll, newParticipant(), { netwerksamenwerking: 5 });
    await waitUntil(() => participantsShown(el) === '2 deelnemers', 'the live stream did not bring the vote', WAIT);
  });

  it('says when the server cannot be reached at all, keeps the last results, and recovers', async () => {
    window.EventSource = SwitchableEventSource as unknown as typeof EventSource;
    await adminPoll(ALWAYS.poll, 'reset');
    const el = await poll(ALWAYS.programme);
    await waitUntil(() => $(el, '.connection--live'), 'not live', WAIT);
    SwitchableEventSource.down = true;
    window.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    SwitchableEventSource.drop();
    await waitUntil(() => $(el, '.connection--offline'), 'no offline message', WAIT);
    expect($(el, '[part="connection"]')!.textContent).to.match(
      /^Geen verbinding met de server\. De resultaten zijn van \d\d\.\d\d uur; we blijven het proberen\.$/,
    );
    expect($(el, 'tbody tr'), 'the last results stay').to.not.equal(null);
    await expect(el).to.be.accessible();

    window.fetch = realFetch;
    SwitchableEventSource.down = false;
    await waitUntil(() => $(el, '.connection--live'), 'did not recover', WAIT);
  });

  it('keeps the choices when sending fails, and stores the vote once on "try again"', async () => {
    await adminPoll(OPEN.poll, 'reset');
    const el = await poll(OPEN.programme);
    await choose(el, { 'kind-centraal': 3, 'vroeg-signaleren': 5 });
    window.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    submitButton(el).click();
    await waitUntil(() => $(el, '.error'), 'no failure message', WAIT);
    expect($(el, '.error')!.textContent).to.contain('er is geen verbinding met de server');
    expect(checked(el)).to.deep.equal({ 'kind-centraal': '3', 'vroeg-signaleren': '5' });
    expect(submitButton(el).textContent!.trim()).to.equal('Opnieuw proberen');
    await expect(el).to.be.accessible();

    window.fetch = async () => new Response('Bad gateway', { status: 502 });
    submitButton(el).click();
    await waitUntil(
      () => $(el, '.error')?.textContent?.includes('storing bij de server'),
      'no server error message',
      WAIT,
    );
    await expect(el).to.be.accessible();

    window.fetch = realFetch;
    const events: unknown[] = [];
    el.addEventListener('cop-vote-submit', (e) => events.push(e.detail));
    submitButton(el).click();
    submitButton(el).click();
    await el.updateComplete;
    expect(submitButton(el).getAttribute('aria-disabled'), 'busy while sending').to.equal('true');
    await waitUntil(() => $(el, '.confirmation'), 'no confirmation', WAIT);
    expect(events).to.have.length(1);
    expect((await serverResults(OPEN.poll)).participants).to.equal(1);
  });

  it('shows only the final results of a closed poll, and says so when it closes during voting', async () => {
    await adminPoll(CLOSING.poll, 'reset');
    const voting = await poll(CLOSING.programme);
    await choose(voting, { 'kind-centraal': 2 });
    await adminPoll(CLOSING.poll, 'close');
    submitButton(voting).click();
    await waitUntil(() => $(voting, '[role="alert"]'), 'no message on submit to a closed poll', WAIT);
    expect($(voting, '[role="alert"]')!.textContent).to.equal(
      'De peiling is inmiddels gesloten; uw stem is niet meer opgeslagen.',
    );
    expect($(voting, 'form')).to.equal(null);

    await adminPoll(CLOSING.poll, 'reset');
    await voteDirectly(CLOSING.poll, newParticipant(), { 'kind-centraal': 4, thuisnabij: 1 });
    await adminPoll(CLOSING.poll, 'close');
    clearFeedCache();
    const el = await poll(CLOSING.programme);
    expect(text(el)).to.contain('De peiling is gesloten. Dit zijn de eindresultaten.');
    expect(text(el)).to.contain('Eindresultaten');
    expect($(el, 'form'), 'no voting controls').to.equal(null);
    expect($(el, '[part="connection"]'), 'nothing live about final results').to.equal(null);
    await waitUntil(() => $(el, 'tbody tr'), 'no final results', WAIT);
    expect(row(el, 'thuisnabij')).to.include({ mean: '1,0', lowest: 'ja' });
    await expect(el).to.be.accessible();
    await adminPoll(CLOSING.poll, 'reset');
  });

  it('is closed after the feed’s closing time', async () => {
    const el = await fixture<CopPrinciplePoll>(
      html`<cop-principle-poll src=${feedUrl(OPEN.programme)} .now=${Date.parse('2099-06-02T12:00:00+02:00')}></cop-principle-poll>`,
    );
    await waitUntil(() => $(el, '.notice'), 'no closed notice', WAIT);
    expect(text(el)).to.contain('De peiling is gesloten.');
    expect($(el, 'form')).to.equal(null);
  });

  it('projects the results for the room: no voting controls, large type, live, and final once closed', async () => {
    await adminPoll(CLOSING.poll, 'reset');
    const el = await fixture<CopPrinciplePoll>(
      html`<cop-principle-poll mode="results" src=${feedUrl(CLOSING.programme)}></cop-principle-poll>`,
    );
    await waitUntil(() => $(el, '.connection--live'), 'not live', WAIT);
    expect($(el, 'form, input'), 'no voting controls').to.equal(null);
    await voteDirectly(CLOSING.poll, newParticipant(), { 'een-plan': 3 });
    await waitUntil(() => participantsShown(el) === '1 stem', 'the vote did not arrive live', WAIT);
    await expect(el).to.be.accessible();

    await adminPoll(CLOSING.poll, 'close');
    await waitUntil(() => text(el).includes('Eindresultaten'), 'did not turn to final results', WAIT);
    expect($(el, '.notice')!.getAttribute('role'), 'closing while open is announced').to.equal('alert');
    expect($(el, '[part="connection"]')).to.equal(null);
    await expect(el).to.be.accessible();
    await adminPoll(CLOSING.poll, 'reset');
  });

  it('names its regions apart when a page shows the voting poll and its projector view together', async () => {
    const wrapper = await fixture<HTMLElement>(html`<main>
      <cop-principle-poll src=${feedUrl(ALWAYS.programme)}></cop-principle-poll>
      <cop-principle-poll mode="results" src=${feedUrl(ALWAYS.programme)}></cop-principle-poll>
    </main>`);
    const [voting, projector] = [...wrapper.querySelectorAll<CopPrinciplePoll>('cop-principle-poll')] as [
      CopPrinciplePoll,
      CopPrinciplePoll,
    ];
    await waitUntil(() => $(voting, '.results') && $(projector, '.results'), 'both show results', WAIT);
    const question = $(voting, '#poll-title')!.textContent!.trim();
    expect($(projector, '.poll')!.getAttribute('aria-label')).to.equal(`Resultaten op het scherm: ${question}`);
    expect($(voting, '.results')!.getAttribute('aria-labelledby'), 'results under the vote are a region').to.equal(
      'results-title',
    );
    expect(
      $(projector, '.results')!.hasAttribute('aria-labelledby'),
      'in the projector view the results are the whole region',
    ).to.equal(false);
    await expect(wrapper).to.be.accessible();
  });

  it('moves through a radio group with the keyboard: Tab in, arrows choose, Tab to the next group', async () => {
    await adminPoll(OPEN.poll, 'reset');
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><button type="button">before</button><cop-principle-poll src=${feedUrl(OPEN.programme)}></cop-principle-poll></div>`,
    );
    const el = wrapper.querySelector('cop-principle-poll')!;
    await waitUntil(() => $(el, 'form'), 'no form', WAIT);
    wrapper.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'kind-centraal', 1));
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(checked(el)).to.deep.equal({ 'kind-centraal': '3' });
    expect(text(el)).to.contain('1 van 5 principes hebben een score');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'thuisnabij', 1));
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(checked(el)).to.deep.equal({ 'kind-centraal': '3', thuisnabij: '1' });
    expect(
      radio(el, 'kind-centraal', 1).labels![0]!.textContent!.replace(/\s+/g, ' ').trim(),
      'the end label is in the name',
    ).to.equal('1 (nog lang niet)');
  });

  it('says that voting and results are unavailable without an endpoint, in English too', async () => {
    const feed: FeedInput = {
      ...minimalFeed(),
      principles: [{ id: 'a', title: 'Gelijkwaardigheid' }],
      poll: {
        id: 'no-endpoint',
        question: 'Hoe staan we ervoor?',
        principleIds: ['a'],
        scale: { min: 1, max: 5, minLabel: 'slecht', maxLabel: 'goed' },
      },
    };
    const el = await fixture<CopPrinciplePoll>(html`<cop-principle-poll .feed=${feed}></cop-principle-poll>`);
    expect(text(el)).to.contain('Stemmen en resultaten zijn niet beschikbaar');
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
    el.lang = 'en';
    await el.updateComplete;
    expect(text(el)).to.contain('Voting and results are not available');
  });

  it('shows a readable error for a feed that cannot be loaded', async () => {
    const el = await fixture<CopPrinciplePoll>(
      html`<cop-principle-poll src="/api/programmes/does-not-exist/feed"></cop-principle-poll>`,
    );
    await waitUntil(() => $(el, '.state--error'), 'no error', WAIT);
    await expect(el).to.be.accessible();
  });
});

describe('cop-principle-poll and the language of the feed', () => {
  it('marks the Dutch question, principles and result rows with lang="nl" in an English poll', async () => {
    const el = await poll(ALWAYS.programme, { lang: 'en' });
    await waitUntil(() => $(el, '.results tbody th'), 'no results table', WAIT);
    expect($(el, '#poll-title')!.getAttribute('lang')).to.equal('nl');
    expect(
      $$(el, 'legend').every((legend) => legend.getAttribute('lang') === 'nl'),
      'every principle',
    ).to.equal(true);
    expect(
      $$(el, '.results tbody th').every((th) => th.getAttribute('lang') === 'nl'),
      'every result row',
    ).to.equal(true);
    expect($(el, '.results .participants')!.closest('[lang]'), 'the poll’s own words stay English').to.equal(null);
    await expect(el).to.be.accessible();
  });
});
