import { expect } from '@open-wc/testing';
import { issueFromJson, issueText } from '../../src/core/issues.js';

describe('issueFromJson: a field error from the server, as the widgets word their own', () => {
  it('takes the path as segments, the message key and its arguments', () => {
    const issue = issueFromJson({
      path: ['members', 0, 'email'],
      key: 'alreadyEnrolled',
      args: [],
      message: { nl: 'is al aangemeld voor dit programma', en: 'is already enrolled in this programme' },
    });
    expect(issue).to.deep.equal({ path: ['members', 0, 'email'], key: 'alreadyEnrolled', args: [] });
    expect(issueText(issue!, 'en')).to.equal('is already enrolled in this programme');
    const role = issueFromJson({ path: ['members', 'onderwijs'], key: 'roleRequired', args: ['Onderwijs'] });
    expect(issueText(role!, 'nl')).to.equal('mist een teamlid voor de rol "Onderwijs", die verplicht is');
  });

  it('reads a key it does not know (a newer server) as "is invalid", and drops arguments that are not text or numbers', () => {
    const issue = issueFromJson({ path: ['remark'], key: 'somethingNew', args: [{ nested: true }] });
    expect(issue).to.deep.equal({ path: ['remark'], key: 'invalid', args: [] });
    expect(issueFromJson({ path: ['remark'], key: 'constructor' })?.key, 'no prototype keys').to.equal('invalid');
    expect(issueText(issue!, 'nl')).to.equal('is ongeldig');
  });

  it('refuses what has no path as segments: the old string form, nothing, or not an object', () => {
    expect(issueFromJson({ path: 'members[0].email', key: 'email' })).to.equal(undefined);
    expect(issueFromJson({ path: [{}], key: 'email' })).to.equal(undefined);
    expect(issueFromJson(null)).to.equal(undefined);
    expect(issueFromJson('members[0].email')).to.equal(undefined);
  });
});
