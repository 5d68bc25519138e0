import { expect } from '@open-wc/testing';

/** A new stories file gets its screenshots too: each has a test/visual/<name>.visual.test.ts. */
describe('the visual tests', () => {
  it('cover every stories file', async () => {
    const { files } = (await (await fetch('/__stories__/index.json')).json()) as { files: string[] };
    expect(files.length).to.be.above(0);
    for (const file of files) {
      const test = `/test/visual/${file.replace(/\.stories\.ts$/, '.visual.test.ts')}`;
      expect((await fetch(test)).status, `${test} for stories/${file}`).to.equal(200);
    }
  });
});
