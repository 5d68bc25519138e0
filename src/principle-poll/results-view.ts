/**
 * A poll's results as the widget shows them: per principle the mean, the number of ratings and
 * the distribution as columns above the mean bar, on one axis (a mean of 3,0 stands under the
 * column of the 3s); the lowest marked "Aandachtspunt" in text; the same numbers as a table for
 * screen readers, and a polite summary when they change. Under the voting form it is a list;
 * in the projector view (`mode="results"`) a grid that fits the screen.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { LOCALES, type Lang, type SharedMessages } from '../core/messages.js';
import type { PollSettings } from '../core/schema.js';
import { cssProperties } from '../shared/css-properties.js';
import { frameProperties } from './frame-properties.js';
import type { PollMessages } from './principle-poll.messages.js';
import { orderedResults, type PollResults, type PrincipleResult, type ResultsOrder } from '../core/vote-request.js';

export interface ResultsView {
  poll: PollSettings;
  results: PollResults | undefined;
  /** A closed poll's final results: no live indicator; a retry when they could not be fetched. */
  final: boolean;
  failed: boolean;
  /** The projector's grid instead of the list under the voting form. */
  projector: boolean;
  /** A region of its own, named by its heading (under the voting controls), or part of the projector's. */
  region: boolean;
  titles: ReadonlyMap<string, string>;
  /** `lang` for the principles' titles when the widget speaks another language than the feed. */
  feedLang: string | typeof nothing;
  order: ResultsOrder;
  headingLevel: number;
  /** What screen readers are told about the latest change. */
  announcement: string;
  /** The "live" indicator, or what the widget does while the stream is down. */
  connection: TemplateResult | typeof nothing;
  /** Download buttons (PNG, SVG, CSV), where the widget offers them. */
  exports: TemplateResult | typeof nothing;
  t: SharedMessages & { poll: PollMessages };
  lang: Lang;
  onToggleOrder: () => void;
  onRetry: () => void;
}

/** One formatter per language: made once, not on every live update. */
const formats = new Map<Lang, Intl.NumberFormat>();
const meanFormat = (lang: Lang) => {
  let format = formats.get(lang);
  if (!format)
    formats.set(
      lang,
      (format = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 })),
    );
  return format;
};

/** Columns in the projector's grid: boxes stay wide enough for a two-line title, and all fit. */
export const projectorColumns = (count: number) => (count <= 3 ? 1 : count <= 8 ? 2 : count <= 12 ? 3 : 4);

export function renderResults(view: ResultsView): TemplateResult {
  const { poll, results, final, titles, t: texts, lang } = view;
  const t = texts.poll;
  const region = view.region ? 'results-title' : nothing;
  const heading = html`<div class="subtitle" role="heading" aria-level=${view.headingLevel + 1} id="results-title">${final ? t.finalResults : t.results}</div>`;
  if (!results) {
    return html`<section class="results" part="results" aria-labelledby=${region}>
      ${heading}
      ${
        final
          ? view.failed
            ? html`<div class="notice" role="alert">
              <p>${t.resultsError}</p>
              <button class="cop-button" type="button" @click=${view.onRetry}>${t.retry}</button>
            </div>`
            : html`<p role="status">${texts.states.loading}</p>`
          : view.connection
      }
    </section>`;
  }
  const meta = html`<div class="meta">
    <p class="participants">${view.projector ? t.votes(results.participants) : t.participants(results.participants)}</p>
    ${view.connection}
  </div>`;
  if (results.hidden) {
    return html`<section class="results results--hidden" part="results" aria-labelledby=${region}>
      ${heading} ${meta}
      <p class="notice notice--hidden">${t.hidden}</p>
    </section>`;
  }
  const rows = orderedResults(results, view.order);
  const values = Array.from({ length: poll.scale.max - poll.scale.min + 1 }, (_, i) => poll.scale.min + i);
  const asked = poll.highlightLowest ?? 0;
  const marked = results.principles.filter((p) => p.lowest).length;
  const empty = results.participants === 0;
  const columns = projectorColumns(rows.length);
  return html`<section class="results ${empty ? 'results--empty' : ''}" part="results" aria-labelledby=${region}>
    ${heading} ${meta}
    <div class="tools" ?hidden=${empty}>
      <button type="button" role="switch" class="switch" aria-checked=${view.order === 'mean' ? 'true' : 'false'} @click=${view.onToggleOrder}>
        <span class="switch__track" aria-hidden="true"><span class="switch__thumb"></span></span>
        <span>${t.sortByMean}</span>
      </button>
      ${asked && marked ? html`<p class="legend">${t.lowestHelp(asked, marked)}</p>` : nothing}
    </div>
    <!-- The chart is for the eye; screen readers get the same numbers as the table below. -->
    <ol
      class="chart"
      aria-hidden="true"
      ${cssProperties({ '--_columns': columns, '--_rows': Math.ceil(rows.length / columns), '--_values': values.length })}
    >
      ${rows.map((p) => renderRow(p, poll, titles, values, t, lang, view.feedLang))}
    </ol>
    <!-- Hidden by its wrapper: a table ignores the 1 px size and would widen the page. -->
    <div class="visually-hidden">
      <table>
        <caption>
          ${t.tableCaption(poll.question, poll.scale.min, poll.scale.max)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.principle}</th>
            <th scope="col">${t.mean}</th>
            <th scope="col">${t.count}</th>
            ${values.map((v) => html`<th scope="col">${t.score(v)}</th>`)}
            ${asked ? html`<th scope="col">${t.lowest}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (p) => html`<tr data-principle=${p.id}>
              <th scope="row" lang=${view.feedLang}>${titles.get(p.id) ?? p.id}</th>
              <td>${p.mean === null ? t.noScores : meanFormat(lang).format(p.mean)}</td>
              <td>${p.count}</td>
              ${p.distribution.map((n) => html`<td>${n}</td>`)}
              ${asked ? html`<td>${p.lowest ? t.yes : t.no}</td>` : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${view.exports}
    <p class="visually-hidden" role="status">${view.announcement}</p>
  </section>`;
}

function renderRow(
  p: PrincipleResult,
  poll: PollSettings,
  titles: ReadonlyMap<string, string>,
  values: number[],
  t: PollMessages,
  lang: Lang,
  feedLang: string | typeof nothing,
) {
  const peak = Math.max(1, ...p.distribution);
  // Without ratings there is nothing to draw: a sentence, not an empty bar and bare ticks.
  const figures =
    p.mean === null
      ? html`<p class="row__none">${t.noScoresYet}</p>`
      : html`<div class="row__figures">
          <span class="mean">${meanFormat(lang).format(p.mean)}</span>
          <span class="count">${t.scores(p.count)}</span>
        </div>
        <div class="axis">
          ${p.distribution.map(
            (n, i) => html`<span class="column">
              <span class="column__bar" ${frameProperties({ '--_share': n / peak })}></span>
              <span class="column__label">${values[i]}</span>
            </span>`,
          )}
          <span class="meter"><span class="meter__fill" ${frameProperties({ '--_share': (p.mean - poll.scale.min) / (poll.scale.max - poll.scale.min) })}></span></span>
        </div>`;
  return html`<li class="row ${p.lowest ? 'row--lowest' : ''}" part="result" data-principle=${p.id}>
    <div class="row__head">
      <span class="row__title" lang=${feedLang}>${titles.get(p.id) ?? p.id}</span>
      ${p.lowest ? html`<span class="badge" part="lowest">${t.lowest}</span>` : nothing}
    </div>
    ${figures}
  </li>`;
}
