/**
 * Network drops on the widget side, against the real reference server, in the cases the
 * widgets' own tests leave out: the connection breaking while the answer arrives (the server
 * stored it, the visitor never heard), then a reload; and the results stream breaking off in
 * the middle of a message. Each drop is simulated for that one request only and restored.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CopEnrolmentForm } from '../../src/enrolment-form/enrolment-form.component.js';
import '../../src/enrolment-form/enrolment-form.js';
import { clearFeedCache } from '../../src/core/feed.js';
import { CopPrinciplePoll } from '../../src/principle-poll/principle-poll.component.js';
import '../../src/principle-poll/principle-poll.js';
import { adminPoll, feedUrl, newParticipant, storedRows, uniqueEmail, voteDirectly } from '../reference-server.js';
import { guardPage, type PageGuard } from './page-guard.js';
import { WAIT } from '../waits.js';

// test/fixtures/server-feeds/poll-faults.json: used by this file only, so resetting it races with nobody.
const POLL = { programme: 'poll-faults', poll: 'poll-test-faults' };

const realFetch = window.fetch;
const RealEventSource = window.EventSource;
const originalTiming = { ...CopPrinciplePoll.timing };

/**
 * A fetch that reaches the server for requests matching `cut`, then loses the answer: all of
 * it (`'answer'`: the connection drops before the status line), or all but its first bytes
 * (`'body'`: the status arrives, the body breaks off).
 */
function cutAnswers(cut: (url: string) => boolean, lost: 'answer' | 'body'): void {
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await realFetch(input, init);
    if (!cut(input instanceof Request ? input.url : String(input))) return response;
    if (lost === 'answer') throw new TypeError('Failed to fetch');
    const bytes = new Uint8Array(await response.arrayBuffer()).slice(0, 5);
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.error(new TypeError('network error'));
      },
    });
    return new Response(broken, { status: response.status, headers: response.headers });
  };
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);

describe('network drops', () => {
  let guard: PageGuard;

  beforeEach(() => {
    guard = guardPage();
    sessionStorage.clear();
    localStorage.clear();
    clearFeedCache();
  });

  afterEach(() => {
    window.fetch = realFetch;
    window.EventSource = RealEventSource;
    Object.assign(CopPrinciplePoll.timing, originalTiming);
    guard.stop();
  });

  describe('<cop-enrolment-form>', () => {
    const form = async (prefill = {}) => {
      const el = await fixture<CopEnrolmentForm>(
        html`<cop-enrolment-form .prefill=${prefill} src=${feedUrl('form-open')}></cop-enrolment-form>`,
      );
      await waitUntil(() => $(el, 'form'), 'the form did not render', WAIT);
      return el;
    };
    const value = (el: CopEnrolmentForm, id: string) => $<HTMLInputElement>(el, `#${id}`)!.value;

    it('keeps everything when the connection breaks while the answer arrives, also after a reload, and enrols once on retry', async function () {
      // Two submits each wait out the form's 2 s minimum fill time.
      this.timeout(30_000);
      const email = uniqueEmail('afgebroken');
      const first = await form({
        gemeente: { name: 'Carla Afgebroken', organisation: 'Gemeente Ede', email },
        onderwijs: { name: 'Coen Afgebroken', organisation: 'SWV Ede', email: uniqueEmail('coen') },
      });
      $<HTMLTextAreaElement>(first, '#remark')!.focus();
      await sendKeys({ type: 'Graag een vegetarische lunch' });
      $<HTMLInputElement>(first, '#consent')!.click();
      await first.updateComplete;

      cutAnswers((url) => url.endsWith('/enrolments'), 'body');
      $<HTMLButtonElement>(first, 'button[type="submit"]')!.click();
      await waitUntil(() => $(first, '.failure'), 'no message after the broken answer', WAIT);
      window.fetch = realFetch;

      // The server did store the team; the visitor heard nothing and is told to try again.
      expect((await storedRows('form-open')).filter((row) => row.email === email)).to.have.length(1);
      expect($(first, '.failure')!.textContent).to.contain(
        'er is geen verbinding met de server. Uw gegevens staan er nog',
      );
      expect(value(first, 'gemeente-name')).to.equal('Carla Afgebroken');
      expect(value(first, 'remark')).to.equal('Graag een vegetarische lunch');
      await expect(first).to.be.accessible();

      // The visitor reloads the page before trying again.
      first.remove();
      clearFeedCache();
      const again = await form();
      expect(value(again, 'gemeente-email')).to.equal(email);
      expect(value(again, 'onderwijs-name')).to.equal('Coen Afgebroken');
      expect(value(again, 'remark')).to.equal('Graag een vegetarische lunch');
      expect($<HTMLInputElement>(again, '#consent')!.checked).to.equal(true);

      $<HTMLButtonElement>(again, 'button[type="submit"]')!.click();
      await waitUntil(() => $(again, '.confirmation'), 'no confirmation on retry', WAIT);
      expect($(again, '.confirmation')!.textContent).to.contain('U bent aangemeld');
      expect(
        (await storedRows('form-open')).filter((row) => row.email === email),
        'the retry enrolled the team twice',
      ).to.have.length(1);
      guard.assertClean();
    });
  });

  describe('<cop-principle-poll>', () => {
    const poll = async () => {
      const el = await fixture<CopPrinciplePoll>(
        html`<cop-principle-poll src=${feedUrl(POLL.programme)}></cop-principle-poll>`,
      );
      await waitUntil(() => $(el, 'form') && $(el, '.results'), 'the poll did not render', WAIT);
      return el;
    };
    const participants = (el: CopPrinciplePoll) => $(el, '.participants')?.textContent?.trim();

    beforeEach(async () => {
      await adminPoll(POLL.poll, 'reset');
      Object.assign(CopPrinciplePoll.timing, { pollMs: 300, backoffMs: 200, maxBackoffMs: 600, announceMs: 60_000 });
    });

    it('stores a vote once when its answer is lost, and does not call the retry a change', async () => {
      const el = await poll();
      $<HTMLInputElement>(el, 'input[name="rating-kind-centraal"][value="4"]')!.click();
      $<HTMLInputElement>(el, 'input[name="rating-thuisnabij"][value="2"]')!.click();
      await el.updateComplete;

      cutAnswers((url) => url.endsWith('/votes'), 'answer');
      $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await waitUntil(() => $(el, '.error'), 'no message after the broken answer', WAIT);
      window.fetch = realFetch;
      expect($(el, '.error')!.textContent).to.contain('er is geen verbinding met de server');
      expect($<HTMLInputElement>(el, 'input[name="rating-kind-centraal"][value="4"]')!.checked).to.equal(true);
      expect($<HTMLInputElement>(el, 'input[name="rating-thuisnabij"][value="2"]')!.checked).to.equal(true);

      const events: CustomEvent[] = [];
      el.addEventListener('cop-vote-submit', (event) => events.push(event));
      $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await waitUntil(() => $(el, '.confirmation'), 'no confirmation on retry', WAIT);
      // The first attempt was stored: the retry replaced it with the same vote, once.
      const results = (await (await realFetch(`/api/polls/${POLL.poll}/results`, { cache: 'no-store' })).json()) as {
        participants: number;
        principles: { id: string; count: number }[];
      };
      expect(results.participants).to.equal(1);
      expect(results.principles.find((p) => p.id === 'kind-centraal')!.count).to.equal(1);
      expect($(el, '.confirmation')!.textContent, 'a first vote is not a change').to.not.contain('gewijzigd');
      expect(events.map((event) => (event.detail as { replaced: boolean }).replaced)).to.deep.equal([false]);
      guard.assertClean();
    });

    it('ignores a results message that breaks off mid-way, falls back to polling, and goes live again', async () => {
      /** The real stream, except that the first message arrives cut off and the connection then drops. */
      class BreakingEventSource extends EventTarget {
        static broken = false;
        readonly #real: EventSource;
        constructor(url: string) {
          super();
          this.#real = new RealEventSource(url);
          this.#real.addEventListener('results', (event) => {
            const data = (event as MessageEvent<string>).data;
            if (BreakingEventSource.broken) return this.dispatchEvent(new MessageEvent('results', { data }));
            BreakingEventSource.broken = true;
            this.dispatchEvent(new MessageEvent('results', { data: data.slice(0, data.length / 2) }));
            this.#real.close();
            return this.dispatchEvent(new Event('error'));
          });
          this.#real.addEventListener('error', () => this.dispatchEvent(new Event('error')));
        }
        close(): void {
          this.#real.close();
        }
      }
      await voteDirectly(POLL.poll, newParticipant(), { 'kind-centraal': 3 });
      window.EventSource = BreakingEventSource as unknown as typeof EventSource;
      // Long enough a wait before reconnecting to see the fallback.
      Object.assign(CopPrinciplePoll.timing, { backoffMs: 1500, maxBackoffMs: 1500 });
      const el = await poll();
      await waitUntil(() => $(el, '.connection--polling'), 'no fallback to polling', WAIT);
      expect(BreakingEventSource.broken).to.equal(true);
      expect($(el, '[part="connection"]')!.textContent).to.contain('De live verbinding is onderbroken.');
      expect(participants(el), 'the results from before stay').to.equal('1 deelnemer');

      await waitUntil(() => $(el, '.connection--live'), 'did not go live again', WAIT);
      await voteDirectly(POLL.poll, newParticipant(), { 'kind-centraal': 5 });
      await waitUntil(() => participants(el) === '2 deelnemers', 'the stream did not bring the new vote', WAIT);
      guard.assertClean();
    });
  });
});
