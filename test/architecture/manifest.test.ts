/**
 * The custom-elements manifest, from which Storybook's docs and docs/tokens.md are made: every
 * attribute of every widget described, and its type written out (`'list' | 'month'`), never as
 * a type's name that means nothing outside the source.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

interface Attribute {
  name: string;
  description?: string;
  type?: { text: string };
}

describe('the custom-elements manifest', () => {
  it('describes every attribute of every widget and spells out its type', () => {
    execFileSync('npx', ['cem', 'analyze', '--config', 'cem.config.mjs'], { stdio: 'ignore' });
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
      modules: { declarations?: { tagName?: string; attributes?: Attribute[] }[] }[];
    };
    const elements = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .filter((declaration) => declaration.tagName?.startsWith('cop-'));
    assert.deepEqual(elements.map((element) => element.tagName).sort(), [
      'cop-enrolment-form',
      'cop-principle-poll',
      'cop-region-map',
      'cop-session-calendar',
    ]);
    for (const element of elements) {
      for (const attribute of element.attributes ?? []) {
        const where = `${element.tagName} ${attribute.name}`;
        assert.ok((attribute.description ?? '').length > 10, `${where} has a description`);
        assert.ok(attribute.type?.text, `${where} has a type`);
        assert.doesNotMatch(
          attribute.type!.text,
          /^[A-Z]\w*$/,
          `${where}: "${attribute.type!.text}" is a type's name, not its values`,
        );
      }
    }
    const calendar = elements.find((element) => element.tagName === 'cop-session-calendar')!;
    assert.equal(calendar.attributes!.find((attribute) => attribute.name === 'view')!.type!.text, "'list' | 'month'");
  });
});
