import { expect } from '@open-wc/testing';
import { FeedError, FeedSchema, parseFeed, type FeedInput } from '../../src/core/feed.js';
import { DEMO_FEEDS, demoFeedUrl, minimalFeed } from '../fixtures.js';

/** Parses `feed` and returns the Dutch and English lines naming each problem. */
function problems(feed: unknown): { nl: string[]; en: string[] } {
  try {
    parseFeed(feed);
  } catch (error) {
    expect(error).to.be.instanceOf(FeedError);
    const feedError = error as FeedError;
    expect(feedError.kind).to.equal('schema');
    return { nl: feedError.describe('nl').slice(1), en: feedError.describe('en').slice(1) };
  }
  throw new Error('expected the feed to be rejected');
}

function withChange(change: (feed: FeedInput) => void): FeedInput {
  const feed = minimalFeed();
  change(feed);
  return feed;
}

describe('feed schema', () => {
  it('accepts the minimal feed and fills in defaults', () => {
    const feed = parseFeed(withChange((f) => (f.enrolment = { waitlist: true, contactEmail: 'a@example.org' })));
    expect(feed.sessions[0]?.location).to.equal(null);
    expect(feed.enrolment?.capacityPer).to.equal('programme');
    expect(feed.enrolment?.sessionChoice).to.equal('none');
  });

  for (const name of DEMO_FEEDS) {
    it(`accepts the demo feed ${name}`, async () => {
      const data: unknown = await (await fetch(demoFeedUrl(name))).json();
      const result = FeedSchema.safeParse(data);
      expect(result.success, JSON.stringify(result.error?.issues.slice(0, 3))).to.equal(true);
    });
  }

  it('names a session whose end is before its start, in Dutch and English', () => {
    const feed = withChange((f) => {
      f.sessions.push({
        id: 's2',
        title: 'Later',
        start: '2020-04-06T13:00:00+02:00',
        end: '2020-04-06T12:00:00+02:00',
      });
    });
    const { nl, en } = problems(feed);
    expect(nl).to.deep.equal(['sessions[1].end ligt vóór of op start: het einde moet na het begin liggen']);
    expect(en).to.deep.equal(['sessions[1].end is at or before start: the end must come after the start']);
  });

  it('names a missing required field', () => {
    const feed = withChange((f) => delete (f.programme as Partial<FeedInput['programme']>).title);
    expect(problems(feed).nl).to.deep.equal(['programme.title ontbreekt']);
    expect(problems(feed).en).to.deep.equal(['programme.title is missing']);
  });

  it('names a field of the wrong type', () => {
    const feed = withChange((f) => ((f.sessions as unknown[])[0] = { ...f.sessions[0], title: 42 }));
    expect(problems(feed).nl).to.deep.equal(['sessions[0].title moet tekst zijn']);
  });

  it('rejects a date without an offset', () => {
    const feed = withChange((f) => (f.sessions[0]!.start = '2020-03-02 13:00'));
    expect(problems(feed).nl[0]).to.equal(
      'sessions[0].start is geen datum en tijd met tijdzone, zoals 2026-03-02T13:00:00+01:00',
    );
  });

  it('rejects an unknown version', () => {
    expect(problems({ ...minimalFeed(), version: 2 }).en).to.deep.equal(['version must be one of: 1']);
  });

  it('rejects duplicate ids, naming the id', () => {
    const feed = withChange((f) => f.sessions.push({ ...f.sessions[0]! }));
    expect(problems(feed).nl).to.deep.equal(['sessions[1].id "s1" komt twee keer voor; ids moeten uniek zijn']);
  });

  it('rejects references that do not resolve', () => {
    const feed = withChange((f) => {
      f.groups = [{ id: 'groep-1', name: 'Intervisiegroep 1' }];
      f.sessions[0]!.groupId = 'groep-2';
      f.sessions[0]!.themeIds = ['monitoring'];
      f.sessions[0]!.facilitatorIds = ['bas'];
      f.principles = [{ id: 'p1', title: 'Gelijkwaardigheid' }];
      f.poll = {
        id: 'poll',
        question: 'Op orde?',
        principleIds: ['p1', 'p9'],
        scale: { min: 1, max: 5, minLabel: 'nee', maxLabel: 'ja' },
      };
    });
    expect(problems(feed).nl).to.deep.equal([
      'sessions[0].groupId verwijst naar "groep-2", maar dat staat niet in groups',
      'sessions[0].themeIds[0] verwijst naar "monitoring", maar dat staat niet in themes',
      'sessions[0].facilitatorIds[0] verwijst naar "bas", maar dat staat niet in facilitators',
      'poll.principleIds[1] verwijst naar "p9", maar dat staat niet in principles',
    ]);
  });

  it('refuses javascript: and data: links but takes https and mailto', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.org',
      'www.example.org',
    ]) {
      const feed = withChange((f) => (f.programme.url = url));
      expect(problems(feed).en, url).to.deep.equal([
        'programme.url must be a link starting with https://, http:// or mailto:',
      ]);
    }
    for (const url of ['https://www.nji.nl/cop', 'mailto:cop@example.org']) {
      expect(() => parseFeed(withChange((f) => (f.programme.url = url))), url).not.to.throw();
    }
  });

  it('takes relative and http(s) endpoints and refuses other schemes', () => {
    const withEndpoint = (endpoint: string) =>
      withChange((f) => (f.enrolment = { waitlist: false, contactEmail: 'a@example.org', endpoint }));
    expect(() => parseFeed(withEndpoint('/api/programmes/cop-test/enrolments'))).not.to.throw();
    expect(() => parseFeed(withEndpoint('https://api.example.org/enrol'))).not.to.throw();
    expect(problems(withEndpoint('javascript:void(0)')).nl).to.deep.equal([
      'enrolment.endpoint moet een http(s)-adres zijn of een pad zoals /api/…',
    ]);
  });

  it('checks region codes, e-mail addresses, enrolment window and poll scale', () => {
    const feed = withChange((f) => {
      f.facilitators = [{ id: 'bas', name: 'Bas', email: 'bas(at)example.org', regions: ['Nijmegen'] }];
      f.enrolment = {
        waitlist: true,
        contactEmail: 'a@example.org',
        opens: '2020-02-01T09:00:00+01:00',
        closes: '2020-01-01T09:00:00+01:00',
      };
      f.principles = [{ id: 'p1', title: 'Lerend systeem' }];
      f.poll = {
        id: 'poll',
        question: 'Op orde?',
        principleIds: ['p1'],
        scale: { min: 5, max: 1, minLabel: 'nee', maxLabel: 'ja' },
      };
    });
    expect(problems(feed).nl).to.have.members([
      'facilitators[0].email is geen geldig e-mailadres',
      'facilitators[0].regions[0] is geen CBS-jeugdregiocode zoals JZ21',
      'enrolment.closes ligt vóór of op opens: aanmelden moet sluiten nadat het opent',
      'poll.scale.max moet groter zijn dan min',
    ]);
  });

  it('reports every problem with its own path, not only the first', () => {
    const feed = withChange((f) => {
      f.programme.contact.email = 'niet-een-adres';
      (f.sessions[0] as { id: string }).id = 'heeft spaties';
    });
    expect(problems(feed).en).to.deep.equal([
      'programme.contact.email is not a valid e-mail address',
      'sessions[0].id is not a valid id: use letters, digits, - and _ (at most 64 characters)',
    ]);
  });

  it('rejects something that is not a feed at all', () => {
    expect(problems(null).nl).to.deep.equal(['feed moet een object zijn']);
    expect(problems([]).en).to.deep.equal(['feed must be an object']);
  });

  it('does not let prototype-pollution keys through', () => {
    const hostile = JSON.parse(
      `{"__proto__": {"polluted": true}, ${JSON.stringify(minimalFeed()).slice(1)}`,
    ) as unknown;
    const feed = parseFeed(hostile);
    expect(Object.prototype.hasOwnProperty.call(feed, '__proto__')).to.equal(false);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});
