import { html, nothing, svg, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Feed } from '../feed/schema.js';
import { CopElement } from '../shared/cop-element.js';
import { mapMessages } from '../shared/i18n/map.js';
import { coverageOf, normalise, type Coverage, type CoveringFacilitator } from './coverage.js';
import type { MapLayout, RegionGeometry } from './geometry.js';
import { loadBundledGeometry, type GeometryLoader } from './load.js';
import { loadRegionMapData, type RegionMapData } from './map-data.js';
import { regionMapStyles } from './region-map.styles.js';

export type RegionMapView = 'map' | 'list';

/** Drawn at this width until the first measurement; the viewBox scales it meanwhile. */
const INITIAL_WIDTH = 400;
const MAX_RESULTS = 8;

/** `tel:` links want the digits only: "+31 30 000 00 00" → "+31300000000". */
const telHref = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;

/**
 * Which facilitator covers which CBS youth-care region ("jeugdregio"), on a map of the
 * Netherlands with a search box, a panel with the contact details and a list of facilitators
 * and their regions that works without the picture. The region geometry (CBS, PDOK) and the
 * drawing code (d3-geo) are separate files, loaded only when a map is on the page.
 *
 * @summary Facilitators per youth-care region, on a map and in a list.
 * @tag cop-region-map
 *
 * @fires {CustomEvent<{ programmeId: string; regionCode: string; facilitatorId?: string }>} cop-region-select - A visitor chose a region (click, tap, Enter, search or list). `facilitatorId` is absent for a region nobody covers.
 *
 * @csspart base - The widget's outer box.
 * @csspart toolbar - Search box and view switch.
 * @csspart search - The search box with its results.
 * @csspart notice - The message about region codes that do not exist.
 * @csspart map - The map with its credit line.
 * @csspart credit - "Bron: CBS, PDOK".
 * @csspart panel - The chosen region with its facilitator's contact details.
 * @csspart facilitator - One facilitator's details in the panel.
 * @csspart list - The facilitators and their regions (the legend in the map view).
 *
 * @cssprop [--cop-region-map-color-1=#0072b2] - Regions of the first facilitator (Okabe–Ito blue; dark scheme: #5aaee6); a ninth facilitator reuses this colour, with its own number.
 * @cssprop [--cop-region-map-color-2=#e69f00] - Regions of facilitator 2 (Okabe–Ito orange).
 * @cssprop [--cop-region-map-color-3=#009e73] - Regions of facilitator 3 (Okabe–Ito bluish green; dark scheme: #2ec4a0).
 * @cssprop [--cop-region-map-color-4=#cc79a7] - Regions of facilitator 4 (Okabe–Ito reddish purple; dark scheme: #e08ec0).
 * @cssprop [--cop-region-map-color-5=#d55e00] - Regions of facilitator 5 (Okabe–Ito vermillion; dark scheme: #ff7a2e).
 * @cssprop [--cop-region-map-color-6=#56b4e9] - Regions of facilitator 6 (Okabe–Ito sky blue; dark scheme: #9fd6f5).
 * @cssprop [--cop-region-map-color-7=#f0e442] - Regions of facilitator 7 (Okabe–Ito yellow).
 * @cssprop [--cop-region-map-color-8=#882255] - Regions of facilitator 8 (Tol wine; dark scheme: #e07bb0).
 * @cssprop [--cop-region-map-region-background-color=#e0e0e0] - Regions nobody covers (dark scheme: #3d3d3d).
 * @cssprop [--cop-region-map-region-border-color=var(--cop-color-background)] - Lines between regions.
 * @cssprop [--cop-region-map-outline-color=var(--cop-color-border)] - The country's outline.
 * @cssprop [--cop-region-map-region-active-border-color=var(--cop-color-text)] - Outline of the region that is hovered, focused or chosen.
 */
export class CopRegionMap extends CopElement {
  static override styles = [...CopElement.styles, regionMapStyles];

  protected override get t() {
    return this.messages(mapMessages);
  }

  /**
   * Loads the region geometry: by default the chunk that ships with cop-widgets. Replace it
   * before the first map connects to serve the geometry some other way, e.g.
   * `CopRegionMap.loadGeometry = () => fetch('/geo/jeugdregio.json').then((r) => r.json())`.
   */
  static loadGeometry: GeometryLoader = loadBundledGeometry;

  static override properties: PropertyDeclarations = {
    region: { type: String, reflect: true },
    view: { type: String, reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    mapData: { state: true, attribute: false },
    geometryFailed: { state: true, attribute: false },
    mapWidth: { state: true, attribute: false },
    hovered: { state: true, attribute: false },
    focused: { state: true, attribute: false },
    focusRing: { state: true, attribute: false },
    query: { state: true, attribute: false },
    listFocus: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  /** The chosen region's code, e.g. `JZ21`; set it to preselect one. Follows the visitor's choice. */
  declare region: string;
  /** `map` (default): the map with a compact legend; `list`: the facilitators and their regions in full. */
  declare view: RegionMapView;
  /** Level of the panel's and the list's headings; 2 by default. */
  declare headingLevel: number;

  declare private mapData: RegionMapData | undefined;
  declare private geometryFailed: boolean;
  declare private mapWidth: number | undefined;
  /** The region under the pointer, the one with keyboard focus, and whether that focus is on the map. */
  declare private hovered: string | undefined;
  declare private focused: string | undefined;
  declare private focusRing: boolean;
  declare private query: string;
  /** Index of the list's region button that holds the list's one tab stop. */
  declare private listFocus: number;
  declare private announcement: string;

  #layout: MapLayout | undefined;
  #observed: Element | null = null;
  #resizeObserver = new ResizeObserver(([entry]) => {
    const width = Math.floor(entry?.contentRect.width ?? 0);
    // Redrawn in the next frame, not in the callback (a redraw there would be reported as a
    // "ResizeObserver loop"); until then the viewBox scales the old drawing, so nothing flickers.
    if (width > 0 && width !== this.mapWidth) requestAnimationFrame(() => (this.mapWidth = width));
  });

  constructor() {
    super();
    this.region = '';
    this.view = 'map';
    this.headingLevel = 2;
    this.geometryFailed = false;
    this.focusRing = false;
    this.query = '';
    this.listFocus = 0;
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.mapData) void this.#loadGeometry();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver.disconnect();
    this.#observed = null;
  }

  async #loadGeometry(): Promise<void> {
    this.geometryFailed = false;
    try {
      this.mapData = await loadRegionMapData((this.constructor as typeof CopRegionMap).loadGeometry);
    } catch {
      this.geometryFailed = true;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('feedState')) this.listFocus = 0; // another feed, another list
    const own = changed as PropertyValues; // `mapData` and `mapWidth` are private, so not in PropertyValues<this>
    if (this.mapData && (own.has('mapData') || own.has('mapWidth'))) {
      this.#layout = this.mapData.layout(this.mapWidth ?? INITIAL_WIDTH);
    }
  }

  get #geometry(): RegionGeometry | undefined {
    return this.mapData?.geometry;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The map box comes and goes with the feed and the view: observe whichever is there now.
    const figure = this.renderRoot.querySelector('.figure');
    if (figure !== this.#observed) {
      this.#resizeObserver.disconnect();
      if (figure) this.#resizeObserver.observe(figure);
      this.#observed = figure;
    }
  }

  /** The region's name: the feed's label ("Meierij"), else the CBS name, else its code. */
  #name(code: string, coverage: Coverage): string {
    return coverage.labels.get(code) ?? this.#geometry?.regions.get(code)?.properties.statnaam ?? code;
  }

  #names(list: string[]): string {
    return new Intl.ListFormat(this.language === 'en' ? 'en-GB' : 'nl', { type: 'conjunction' }).format(list);
  }

  /** What the panel shows: the region with keyboard focus, else the one under the pointer, else the chosen one. */
  #shownCode(coverage: Coverage): string | undefined {
    const code = this.focused ?? this.hovered ?? this.region;
    return code && (this.#geometry?.regions.has(code) || coverage.byRegion.has(code)) ? code : undefined;
  }

  protected override renderFeed(feed: Feed): TemplateResult {
    const t = this.t.map;
    const coverage = coverageOf(feed);
    // Without facilitators there is no list to switch to: a plain map.
    const listView = this.view === 'list' && coverage.facilitators.length > 0;
    const list = this.#renderList(coverage, !listView);
    return html`<section class="region-map" part="base" aria-label=${t.label(feed.programme.title)}>
      ${this.#renderToolbar(coverage)}
      ${coverage.unknown.length
        ? html`<p class="notice" part="notice">${t.unknownRegions(this.#names(coverage.unknown), coverage.unknown.length)}</p>`
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      <div class="body">
        ${listView ? list : this.#renderFigure(coverage)}
        <div class="aside">${this.#renderPanel(feed, coverage)} ${listView ? nothing : list}</div>
      </div>
    </section>`;
  }

  #renderToolbar(coverage: Coverage): TemplateResult {
    const t = this.t.map;
    const results = this.#results(coverage);
    return html`<div class="toolbar" part="toolbar">
      <div class="search" part="search">
        <label for="search">${t.search}</label>
        <span class="hint" id="search-hint">${t.searchHint}</span>
        <input
          id="search"
          type="search"
          autocomplete="off"
          aria-describedby="search-hint"
          .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => this.#onSearchKey(e, results, coverage)}
        />
        <div class="visually-hidden" role="status">${this.query.trim() ? t.found(results.length) : ''}</div>
        ${this.query.trim() && results.length === 0 ? html`<p class="results__none">${t.found(0)}</p>` : nothing}
        ${results.length
          ? html`<ul class="results" aria-label=${t.search} @keydown=${this.#onResultsKey}>
              ${results.map((code) => html`<li>${this.#renderResult(code, coverage)}</li>`)}
            </ul>`
          : nothing}
      </div>
      ${coverage.facilitators.length
        ? html`<div class="switch" role="group" aria-label=${t.view}>
            ${(['map', 'list'] as const).map(
              (view) => html`<button
                type="button"
                class="switch__option"
                aria-pressed=${this.view === view ? 'true' : 'false'}
                @click=${() => (this.view = view)}
              >
                ${view === 'map' ? t.mapView : t.listView}
              </button>`,
            )}
          </div>`
        : nothing}
    </div>`;
  }

  #renderResult(code: string, coverage: Coverage): TemplateResult {
    const name = this.#name(code, coverage);
    const cbsName = this.#geometry?.regions.get(code)?.properties.statnaam;
    const who = coverage.byRegion.get(code);
    return html`<button type="button" class="result" @click=${() => this.#choose(code, coverage)}>
      <span class="result__name">${name}${cbsName && cbsName !== name ? ` (${cbsName})` : ''}</span>
      ${who ? html`<span class="result__who">${this.#names(who.map((c) => c.facilitator.name))}</span>` : nothing}
    </button>`;
  }

  /** Regions whose name, label or code contains what was typed; names that start with it first. */
  #results(coverage: Coverage): string[] {
    const query = normalise(this.query);
    if (!query) return [];
    const codes = this.#geometry ? [...this.#geometry.regions.keys()] : [...coverage.byRegion.keys()];
    const name = (code: string) => normalise(this.#name(code, coverage));
    return codes
      .filter((code) => [name(code), normalise(this.#geometry?.regions.get(code)?.properties.statnaam ?? ''), normalise(code)].some((text) => text.includes(query)))
      .sort((a, b) => Number(!name(a).startsWith(query)) - Number(!name(b).startsWith(query)) || name(a).localeCompare(name(b)))
      .slice(0, MAX_RESULTS);
  }

  #onSearchKey(event: KeyboardEvent, results: string[], coverage: Coverage): void {
    if (event.key === 'ArrowDown' && results.length) {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLElement>('.result')?.focus();
    } else if (event.key === 'Enter' && results[0]) {
      event.preventDefault();
      this.#choose(results[0], coverage);
    } else if (event.key === 'Escape' && this.query) {
      event.preventDefault();
      this.query = '';
    }
  }

  #onResultsKey = (event: KeyboardEvent) => {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('.result')];
    const index = buttons.indexOf(event.target as HTMLElement);
    const input = this.renderRoot.querySelector<HTMLInputElement>('#search');
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = index + (event.key === 'ArrowDown' ? 1 : -1);
      (next < 0 ? input : buttons[Math.min(next, buttons.length - 1)])?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.query = '';
      input?.focus();
    }
  };

  /** A search result was chosen: show it, say so, and leave the visitor in the search box. */
  #choose(code: string, coverage: Coverage): void {
    this.query = '';
    this.#select(code, coverage, true);
    this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
  }

  #select(code: string, coverage: Coverage, announce = false): void {
    if (this.feedState.status !== 'ready') return;
    this.region = code;
    const who = coverage.byRegion.get(code);
    const facilitatorId = who?.[0]?.facilitator.id;
    this.emit('cop-region-select', { programmeId: this.feedState.feed.programme.id, regionCode: code, ...(facilitatorId ? { facilitatorId } : {}) });
    if (announce) {
      const names = who ? this.#names(who.map((c) => c.facilitator.name)) : this.t.map.noFacilitator;
      this.announcement = `${this.#name(code, coverage)}: ${names}`;
    }
  }

  #renderFigure(coverage: Coverage): TemplateResult {
    const t = this.t.map;
    let content: TemplateResult;
    if (this.geometryFailed) {
      content = html`<div class="state state--error" role="alert">
        <p>${t.geometryError}</p>
        <button class="cop-button" type="button" @click=${() => void this.#loadGeometry()}>${this.t.states.retry}</button>
      </div>`;
    } else if (!this.#layout) {
      content = html`<div class="state state--loading placeholder" role="status">${t.loading}</div>`;
    } else {
      content = this.#renderSvg(coverage, this.#layout);
    }
    // The listeners sit here, not on the <svg>: Chromium makes an <svg> with focus listeners a tab stop.
    return html`<div
      class="figure"
      part="map"
      @click=${(e: MouseEvent) => this.#onMapClick(e, coverage)}
      @keydown=${(e: KeyboardEvent) => this.#onMapKey(e, coverage)}
      @pointerover=${(e: PointerEvent) => (this.hovered = this.#codeOf(e))}
      @pointerleave=${() => (this.hovered = undefined)}
      @focusin=${this.#onFocusIn}
      @focusout=${this.#onFocusOut}
    >
      ${content}
      <p class="credit" part="credit">${t.credit}</p>
    </div>`;
  }

  #renderSvg(coverage: Coverage, layout: MapLayout): TemplateResult {
    const shown = this.#shownCode(coverage);
    const codes = [...layout.paths.keys()];
    const plain = codes.filter((code) => !coverage.byRegion.has(code));
    // In the legend's order, so Tab goes from facilitator to facilitator as the list does.
    const covered = [...new Set(coverage.facilitators.flatMap((c) => c.codes))].filter((code) => layout.paths.has(code));
    const outline = (code: string | undefined, className: string) =>
      code && layout.paths.has(code) ? svg`<path class=${className} d=${layout.paths.get(code)!}></path>` : nothing;
    return html`<svg class="map" viewBox="0 0 ${layout.width} ${layout.height}" role="group" aria-label=${this.t.map.mapLabel}>
      ${plain.map((code) => svg`<path class="region" data-code=${code} d=${layout.paths.get(code)!}></path>`)}
      ${covered.map((code) => {
        const who = coverage.byRegion.get(code)!;
        return svg`<path
          class="region region--covered colour-${who[0]!.colour}"
          data-code=${code}
          d=${layout.paths.get(code)!}
          role="button"
          tabindex="0"
          aria-label="${this.#name(code, coverage)} — ${this.#names(who.map((c) => c.facilitator.name))}"
          aria-current=${code === this.region ? 'true' : nothing}
        ></path>`;
      })}
      <path class="borders" d=${layout.borders}></path>
      <path class="outline" d=${layout.outline}></path>
      ${outline(this.region !== shown ? this.region : undefined, 'active')} ${outline(shown, 'active')}
      ${this.focusRing ? [outline(this.focused, 'focus-halo'), outline(this.focused, 'focus-ring')] : nothing}
      <g aria-hidden="true">
        ${covered.map((code) => {
          const [x, y] = layout.labelPoints.get(code)!;
          const label = coverage.byRegion.get(code)!.map((c) => c.number).join('/');
          return svg`<g class="badge" transform="translate(${x} ${y})">
            <circle r=${6 + 4 * label.length}></circle><text dy="0.35em">${label}</text>
          </g>`;
        })}
      </g>
    </svg>`;
  }

  #codeOf(event: Event): string | undefined {
    return (event.target as Element | null)?.closest?.('[data-code]')?.getAttribute('data-code') ?? undefined;
  }

  #onMapClick(event: MouseEvent, coverage: Coverage): void {
    const code = this.#codeOf(event);
    if (code) this.#select(code, coverage);
  }

  #onMapKey(event: KeyboardEvent, coverage: Coverage): void {
    const code = this.#codeOf(event);
    if (!code || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    this.#select(code, coverage);
  }

  /**
   * Keyboard focus shows a region in the panel; on the map it also gets a ring, drawn above its
   * neighbours. A click focuses a region too, but then the pointer decides what is shown.
   */
  #onFocusIn = (event: FocusEvent) => {
    const target = event.target as Element;
    if (!target.matches(':focus-visible')) return;
    this.focused = this.#codeOf(event);
    this.focusRing = target instanceof SVGElement;
  };

  #onFocusOut = (event: FocusEvent) => {
    this.focusRing = false;
    // Tabbing on from a region into the panel keeps that region, or its e-mail link would vanish.
    const next = event.relatedTarget as Node | null;
    if (next && this.renderRoot.querySelector('.panel')?.contains(next)) return;
    this.focused = undefined;
  };

  #renderPanel(feed: Feed, coverage: Coverage): TemplateResult {
    const t = this.t.map;
    const code = this.#shownCode(coverage);
    if (!code) return html`<div class="panel" part="panel"><p class="panel__prompt">${t.prompt}</p></div>`;
    const cbsName = this.#geometry?.regions.get(code)?.properties.statnaam;
    const who = coverage.byRegion.get(code) ?? [];
    const { contact } = feed.programme;
    return html`<div class="panel" part="panel" @focusout=${this.#onFocusOut}>
      <div class="panel__title" role="heading" aria-level=${this.headingLevel}>${this.#name(code, coverage)}</div>
      <p class="panel__region">${cbsName ? t.cbsRegion(cbsName, code) : code}</p>
      ${who.length
        ? who.map((covering) => this.#renderPerson(covering))
        : html`<p>${t.noFacilitator}</p>
            <p>${t.askContact(contact.name)} <a href="mailto:${contact.email}">${contact.email}</a></p>`}
    </div>`;
  }

  #renderPerson({ facilitator, number, colour }: CoveringFacilitator): TemplateResult {
    return html`<div class="person" part="facilitator">
      <p class="person__name">${this.#key(number, colour)} ${facilitator.name}</p>
      ${this.#renderDetails(facilitator)}
    </div>`;
  }

  #renderDetails({ role, organisation, email, phone }: CoveringFacilitator['facilitator']) {
    const t = this.t.map;
    return html`${role ? html`<p>${role}</p>` : nothing} ${organisation ? html`<p>${organisation}</p>` : nothing}
    ${email ? html`<p>${t.email}: <a href="mailto:${email}">${email}</a></p>` : nothing}
    ${phone ? html`<p>${t.phone}: <a href="${telHref(phone)}">${phone}</a></p>` : nothing}`;
  }

  /** The facilitator's colour and number, as on the map. */
  #key(number: number, colour: number): TemplateResult {
    return html`<span class="key" aria-hidden="true"><span class="swatch colour-${colour}"></span><span class="number">${number}</span></span>`;
  }

  /**
   * Facilitators and their regions: the legend beside the map (details shown when focused, and
   * always there for screen readers) or the full list view. Its region buttons share one tab
   * stop and move with the arrow keys.
   */
  #renderList(coverage: Coverage, compact: boolean): TemplateResult {
    const t = this.t.map;
    if (!coverage.facilitators.length) return html`<p class="list list--empty" part="list">${t.noFacilitators}</p>`;
    let index = 0;
    return html`<div class="list ${compact ? 'list--compact' : ''}" part="list">
      <div class="list__title" role="heading" aria-level=${this.headingLevel}>${t.facilitators}</div>
      <p class="visually-hidden" id="list-help">${t.listHelp}</p>
      <ul class="facilitators" @keydown=${this.#onListKey} @focusin=${this.#onFocusIn} @focusout=${this.#onFocusOut}>
        ${coverage.facilitators.map(
          ({ facilitator, number, colour, codes }) => html`<li class="facilitator">
            <p class="facilitator__name">${this.#key(number, colour)} ${facilitator.name}</p>
            <ul class="regions">
              ${codes.map((code) => {
                if (coverage.unknown.includes(code)) return html`<li class="regions__unknown">${t.unknownCode(code)}</li>`;
                const i = index++;
                return html`<li>
                  <button
                    type="button"
                    class="region-button"
                    data-code=${code}
                    tabindex=${i === this.listFocus ? 0 : -1}
                    aria-describedby="list-help"
                    aria-current=${code === this.region ? 'true' : nothing}
                    @click=${() => this.#select(code, coverage, true)}
                  >
                    ${this.#name(code, coverage)}
                  </button>
                </li>`;
              })}
            </ul>
            <div class="facilitator__details">${this.#renderDetails(facilitator)}</div>
          </li>`,
        )}
      </ul>
    </div>`;
  }

  #onListKey = (event: KeyboardEvent) => {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('.region-button')];
    const index = buttons.indexOf(event.target as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 };
    const next = moves[event.key];
    if (index < 0 || next === undefined) return;
    event.preventDefault();
    this.listFocus = Math.max(0, Math.min(buttons.length - 1, next));
    buttons[this.listFocus]?.focus();
  };
}
