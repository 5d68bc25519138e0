import { expect } from '@open-wc/testing';
import type { CSSResult } from 'lit';
import { minifyCss, minifyCssLiterals } from '../../scripts/minify-css.js';
import { enrolmentFormStyles } from '../../src/enrolment-form/enrolment-form.styles.js';
import { principlePollStyles } from '../../src/principle-poll/principle-poll.styles.js';
import { regionMapStyles } from '../../src/region-map/region-map.styles.js';
import { sessionCalendarStyles } from '../../src/session-calendar/session-calendar.styles.js';
import { formStyles } from '../../src/shared/form.styles.js';
import { stateStyles } from '../../src/shared/states.styles.js';
import { themeStyles } from '../../src/shared/theme.styles.js';

/**
 * What the browser makes of a stylesheet: every rule as the browser serialises it. Values with
 * var() stay the tokens as written, and so does an @supports condition, so the spaces after a
 * comma there and after the colon of `(property: value)` are the differences allowed.
 */
function parsed(text: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s*,\s*/g, ',').replace(/\(([\w-]+):\s*/g, '($1:'));
}

describe('build: CSS minification of Lit styles', () => {
  const styles: Record<string, CSSResult> = { themeStyles, stateStyles, formStyles, sessionCalendarStyles, enrolmentFormStyles, regionMapStyles, principlePollStyles };
  for (const [name, result] of Object.entries(styles)) {
    it(`leaves ${name} meaning the same to the browser, and smaller`, () => {
      const minified = minifyCss(result.cssText);
      expect(parsed(minified)).to.deep.equal(parsed(result.cssText));
      expect(minified.length).to.be.below(result.cssText.length * 0.85);
      expect(minified).not.to.contain('/*');
    });
  }

  it('keeps strings, meaningful spaces and ${…} parts of a literal as they are', () => {
    const source = "const a = css`\n  /* note */\n  .x  :hover , .y > .z {\n    content: '  ;  { ';\n    inline-size: calc(1px + 2px) ;\n    color: ${color};\n  }\n`;\nconst b = css`:host { display: ${d} }`;";
    expect(minifyCssLiterals(source)).to.equal("const a = css`.x :hover,.y > .z{content:'  ;  { ';inline-size:calc(1px + 2px);color:${color}}`;\nconst b = css`:host{display:${d}}`;");
  });

  it('leaves a literal with a nested template alone, and minifies the next one', () => {
    const source = 'const a = css`.x { color: ${unsafeCSS(`red`)}; }`;\nconst b = css`.y { margin: 0; }`;';
    expect(minifyCssLiterals(source)).to.equal('const a = css`.x { color: ${unsafeCSS(`red`)}; }`;\nconst b = css`.y{margin:0}`;');
  });
});
