/**
 * The calendar files, read by two parsers that are not ours: Python's vobject (strict: it refused
 * a lone CR) and icalendar, from Debian's packages (python3-vobject, python3-icalendar). Both the
 * widget's download and the file attached to a confirmation mail.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseFeed, type FeedInput } from '../../src/core/feed.js';
import { buildIcs } from '../../src/core/ics.js';
import { composeMail } from '../../server/mail.js';

const PYTHON = '/usr/bin/python3';

/** What vobject and icalendar read in a file: per event its UID, summary, start and end in UTC, SEQUENCE. */
const READ = `
import json, sys, datetime, vobject, icalendar
text = open(sys.argv[1], encoding='utf-8').read()
def utc(value):
    return value.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
strict = [{'uid': e.uid.value, 'summary': e.summary.value, 'description': e.description.value,
           'start': utc(e.dtstart.value), 'end': utc(e.dtend.value), 'sequence': int(e.sequence.value)}
          for e in vobject.readOne(text).vevent_list]
other = [{'uid': str(e.get('uid')), 'summary': str(e.get('summary')), 'description': str(e.get('description')),
          'start': utc(e.decoded('dtstart')), 'end': utc(e.decoded('dtend')), 'sequence': int(e.get('sequence'))}
         for e in icalendar.Calendar.from_ical(text).walk('VEVENT')]
print(json.dumps({'vobject': strict, 'icalendar': other}))
`;

function readWithPython(
  ics: string,
  dir: string,
): Promise<{ vobject: Record<string, unknown>[]; icalendar: Record<string, unknown>[] }> {
  return (async () => {
    const file = join(dir, 'sessions.ics');
    await writeFile(file, ics);
    try {
      return JSON.parse(execFileSync(PYTHON, ['-c', READ, file], { encoding: 'utf8' }));
    } catch (failure) {
      const message = String((failure as { stderr?: string }).stderr ?? failure);
      if (/No module named/.test(message))
        throw new Error(
          `Debian's python3-vobject and python3-icalendar are needed (apt-get install python3-vobject python3-icalendar): ${message}`,
        );
      throw new Error(`a second parser refused the file: ${message}\n${ics}`);
    }
  })();
}

const FEED: FeedInput = {
  version: 1,
  programme: {
    id: 'cop-monitoring',
    title: 'CoP Monitoring',
    organiser: 'NJi',
    contact: { name: 'Lieke "Salomé"\u0007', email: 'cop@nji.example' },
    timeZone: 'Europe/Amsterdam',
  },
  sessions: [
    {
      id: 'bijeenkomst-1',
      title: 'Monitoring;\u0000 cijfers,\u0007 duiden\\leren 📊',
      description: 'Regel 1\rRegel 2\r\nRegel 3\u001b[31m',
      start: '2027-03-01T13:00:00+01:00',
      end: '2027-03-01T17:00:00+01:00',
      location: { name: 'Utrecht, NJi\u0085', address: 'Catharijnesingel 47' },
    },
    {
      id: 'nacht',
      title: 'Over de klok heen',
      start: '2027-10-31T01:30:00+01:00',
      end: '2027-10-31T02:30:00+01:00',
      location: null,
    },
  ],
};

describe('calendar files read by parsers that are not ours', () => {
  it('vobject and icalendar read every event with its times, text and SEQUENCE, control characters and all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cop-ics-'));
    try {
      const feed = parseFeed(FEED);
      const ics = buildIcs(feed, feed.sessions, {
        name: 'CoP Monitoring',
        locationUnknown: 'Locatie volgt',
        now: new Date('2026-12-01T10:00:00Z'),
      });
      const read = await readWithPython(ics, dir);
      for (const parser of ['vobject', 'icalendar'] as const) {
        const [first, night] = read[parser] as {
          uid: string;
          summary: string;
          description: string;
          start: string;
          end: string;
          sequence: number;
        }[];
        assert.equal(first!.uid, 'bijeenkomst-1.cop-monitoring.2027@nji.example', parser);
        assert.equal(first!.summary, 'Monitoring; cijfers, duiden\\leren 📊', parser);
        assert.match(first!.description, /^Regel 1\nRegel 2\nRegel 3\[31m\n/, parser);
        assert.deepEqual([first!.start, first!.end], ['2027-03-01T12:00:00Z', '2027-03-01T16:00:00Z'], parser);
        assert.deepEqual(
          [night!.start, night!.end],
          ['2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z'],
          `${parser}: an hour across the autumn change`,
        );
        assert.ok(first!.sequence > 0, parser);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the file attached to a confirmation mail', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cop-ics-'));
    try {
      const feed = parseFeed(FEED);
      const mail = composeMail({
        kind: 'confirmed',
        feed,
        name: 'Anna',
        team: [{ name: 'Anna', organisation: 'Gemeente Ede' }],
        sessionIds: [],
        placements: [{ status: 'confirmed' }],
      });
      assert.ok(mail.ics, 'a confirmation carries the sessions');
      const read = await readWithPython(mail.ics.content, dir);
      assert.deepEqual(
        read.vobject.map((event) => event.uid),
        ['bijeenkomst-1.cop-monitoring.2027@nji.example', 'nacht.cop-monitoring.2027@nji.example'],
      );
      assert.deepEqual(
        read.icalendar.map((event) => event.start),
        ['2027-03-01T12:00:00Z', '2027-10-31T00:30:00Z'],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
