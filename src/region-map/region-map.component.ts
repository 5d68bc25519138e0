import { html, nothing, svg, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { formatList } from '../core/messages.js';
import type { Feed } from '../core/schema.js';
import { CopElement } from '../shared/cop-element.js';
import { prop, reactiveState, type Properties } from '../shared/properties.js';
import { widgetMessages } from '../shared/messages.js';
import { cssProperties } from '../shared/css-properties.js';
import type { PlacedBadge } from './badges.js';
import { coverageOf, type Coverage, type CoveringFacilitator } from './coverage.js';
import type { MapLayout, RegionGeometry } from './geometry.js';
import { loadBundledGeometry, type GeometryLoader } from './load.js';
import { loadRegionMapData, type RegionMapData } from './map-data.js';
import type { Municipality } from './municipalities.js';
import { map } from './region-map.messages.js';
import { regionMapStyles } from './region-map.styles.js';
import { matchRank, queryKey, sameName, searchKey } from './search.js';
import type { View } from './zoom.js';

export type RegionMapView = 'map' | 'list';

/** Drawn at this width until the first measurement; the viewBox scales it meanwhile. */
const INITIAL_WIDTH = 400;
const MAX_RESULTS = 8;
/** A little longer than the zoom's transition (region-map.styles.ts), in case it never ends. */
const ZOOM_SETTLES_MS = 500;

/** Results with the same rank in Dutch alphabetical order, as the CBS list is sorted. */
const collator = new Intl.Collator('nl');

/** A search result: a region, or a municipality with its region (and the other name it was found by). */
type Result = { region: string; municipality?: Municipality; foundAs?: string };

/** `tel:` links want the digits only: "+31 30 000 00 00" → "+31300000000". */
const telHref = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;

/** Dutch bundled with the widget; English fetched only when one of these widgets speaks it. */
const texts = widgetMessages({ map }, () => import('./region-map.messages.en.js'));

const properties = {
  /** The chosen region's code, e.g. `JZ21`; set it to preselect one. Follows the visitor's choice. */
  region: prop('', { reflect: true }),
  /**
   * The visitor's municipality: a CBS code (`GM0228`) or name (`Ede`, `Den Bosch`). Preselects its
   * region and names it in the panel; the code of a municipality the visitor finds is set here.
   */
  municipality: prop('', { reflect: true }),
  /** `map` (default): the map with a compact legend; `list`: the facilitators and their regions in full. */
  view: prop<RegionMapView>('map', { reflect: true }),
};

// Lit declares these properties on the class from `properties`; the interface gives them their types.
export interface CopRegionMap extends Properties<typeof properties> {}

/**
 * Which facilitator covers which CBS youth-care region ("jeugdregio"), on a map of the
 * Netherlands with a search box, a panel with the contact details and a list of facilitators
 * and their regions that works without the picture. The region geometry (CBS, PDOK) and the
 * drawing code (d3-geo) are separate files, loaded only when a map is on the page.
 *
 * @summary Facilitators per youth-care region, on a map and in a list.
 * @tag cop-region-map
 *
 * @fires {CustomEvent<{ programmeId: string; regionCode: string; facilitatorId?: string; municipalityCode?: string; municipalityName?: string }>} cop-region-select
 * - A visitor chose a region (click, tap, Enter, search or list). `facilitatorId` is absent for a region nobody covers;
 * `municipalityCode` and `municipalityName` are there when the visitor found it by their municipality.
 *
 * @csspart base - The widget's outer box.
 * @csspart toolbar - Search box and view switch.
 * @csspart search - The search box with its results.
 * @csspart notice - The message about region codes or a municipality that do not exist.
 * @csspart map - The map with its credit line.
 * @csspart credit - "Bron: CBS, PDOK".
 * @csspart zoom - The button in the panel that zooms the map in on its region, and back out to the whole country.
 * @csspart panel - The chosen region with its facilitator's contact details.
 * @csspart municipalities - The municipalities of the region in the panel.
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
    return this.messages(texts);
  }

  static override properties: PropertyDeclarations = properties;

  /** What the widget shows now: internal, so neither its type nor the manifest list it. */
  #state = reactiveState(this, {
    mapData: undefined as RegionMapData | undefined,
    geometryFailed: false,
    mapWidth: undefined as number | undefined,
    /** The region under the pointer, the one with keyboard focus, and whether that focus is on the map. */
    hovered: undefined as string | undefined,
    focused: undefined as string | undefined,
    focusRing: false,
    query: '',
    /** Index of the list's region button that holds the list's one tab stop. */
    listFocus: 0,
    announcement: '',
    /** The region the map is zoomed to (undefined: the whole country), and whether it is on its way there. */
    zoom: undefined as string | undefined,
    moving: false,
  });

  /**
   * Loads the region geometry: by default the chunk that ships with cop-widgets. Replace it
   * before the first map connects to serve the geometry some other way, e.g.
   * `CopRegionMap.loadGeometry = () => fetch('/geo/jeugdregio.json').then((r) => r.json())`.
   */
  static loadGeometry: GeometryLoader = loadBundledGeometry;

  #layout: MapLayout | undefined;
  #observed: Element | null = null;
  #resizeObserver = new ResizeObserver(([entry]) => {
    const width = Math.floor(entry?.contentRect.width ?? 0);
    // Redrawn in the next frame, not in the callback (a redraw there would be reported as a
    // "ResizeObserver loop"); until then the viewBox scales the old drawing, so nothing flickers.
    if (width > 0 && width !== this.#state.mapWidth) requestAnimationFrame(() => (this.#state.mapWidth = width));
  });
  #settle: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#state.mapData) void this.#loadGeometry();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver.disconnect();
    this.#observed = null;
    clearTimeout(this.#settle);
  }

  async #loadGeometry(): Promise<void> {
    this.#state.geometryFailed = false;
    try {
      this.#state.mapData = await loadRegionMapData((this.constructor as typeof CopRegionMap).loadGeometry);
    } catch {
      this.#state.geometryFailed = true;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const own = changed as PropertyValues; // `mapData` and `mapWidth` are internal state, not in PropertyValues<this>
    if (this.#state.mapData && (own.has('mapData') || own.has('mapWidth'))) {
      this.#layout = this.#state.mapData.layout(this.#state.mapWidth ?? INITIAL_WIDTH);
    }
    // A municipality the page names decides the region; the map stays on the whole country.
    const municipality = this.#municipality;
    if (municipality && (changed.has('municipality') || own.has('mapData'))) this.region = municipality.region;
    // The list's one tab stop is on the chosen region (the first button when none is chosen), so
    // Tab brings a keyboard user back where they were; arrow keys move it from there.
    if (changed.has('feedState') || changed.has('region')) {
      const listed = this.readyFeed ? coverageOf(this.readyFeed).listed : [];
      this.#state.listFocus = Math.max(0, this.region ? listed.indexOf(this.region) : 0);
    }
    // The page chose another region: what was zoomed to is no longer the choice.
    if (changed.has('region') && this.#state.zoom && this.#state.zoom !== this.region) this.#zoomTo(undefined);
  }

  get #geometry(): RegionGeometry | undefined {
    return this.#state.mapData?.geometry;
  }

  /** The municipality named in `municipality`, once the municipalities are in. */
  get #municipality(): Municipality | undefined {
    return this.municipality ? this.#state.mapData?.municipalities.find(this.municipality) : undefined;
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

  /** The region's CBS name ("Flevoland"), once the geometry is in. */
  #cbsName(code: string): string | undefined {
    return this.#geometry?.regions.get(code)?.properties.statnaam;
  }

  /** The region's name: the feed's label ("Meierij"), else the CBS name, else its code. */
  #name(code: string, coverage: Coverage): string {
    return coverage.labels.get(code) ?? this.#cbsName(code) ?? code;
  }

  /**
   * The name with the official one beside it when the feed calls the region otherwise, often
   * after a town ("Almere – jeugdregio Flevoland"): the map colours the whole region, not the town.
   */
  #title(code: string, coverage: Coverage): string {
    const label = coverage.labels.get(code);
    const cbsName = this.#cbsName(code);
    if (label && cbsName && !sameName(label, cbsName)) return this.t.map.officialName(label, cbsName);
    return this.#name(code, coverage);
  }

  #names(list: string[]): string {
    return formatList(list, this.language);
  }

  /** What the panel shows: the region with keyboard focus, else the one under the pointer, else the chosen one. */
  #shownCode(coverage: Coverage): string | undefined {
    const code = this.#state.focused ?? this.#state.hovered ?? this.region;
    return code && (this.#geometry?.regions.has(code) || coverage.byRegion.has(code)) ? code : undefined;
  }

  protected override renderFeed(feed: Feed): TemplateResult {
    const t = this.t.map;
    const coverage = coverageOf(feed);
    const lang = this.feedLang(feed);
    // Without facilitators there is no list to switch to: a plain map.
    const listView = this.view === 'list' && coverage.facilitators.length > 0;
    const unknownMunicipality = this.municipality && this.#state.mapData && !this.#municipality;
    const notice = (text: string) => html`<p class="notice" part="notice">${text}</p>`;
    return html`<section class="region-map" part="base" aria-label=${t.label(feed.programme.title)}>
      ${this.#renderToolbar(coverage)}
      ${
        coverage.unknown.length
          ? notice(t.unknownRegions(this.#names(coverage.unknown), coverage.unknown.length))
          : nothing
      }
      ${unknownMunicipality ? notice(t.unknownMunicipality(this.municipality)) : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.#state.announcement}</div>
      <div class="body">
        ${listView ? this.#renderList(coverage, false, lang) : this.#renderFigure(coverage)}
        ${this.#renderPanel(feed, coverage, !listView)}
        ${listView ? nothing : this.#renderList(coverage, true, lang)}
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
          .value=${this.#state.query}
          @input=${(e: Event) => (this.#state.query = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => this.#onSearchKey(e, results, coverage)}
        />
        <div class="visually-hidden" role="status">${this.#state.query.trim() ? t.found(results.length) : ''}</div>
        ${this.#state.query.trim() && results.length === 0 ? html`<p class="results__none">${t.found(0)}</p>` : nothing}
        ${
          results.length
            ? html`<ul class="results" aria-label=${t.search} @keydown=${this.#onResultsKey}>
              ${results.map((result) => html`<li>${this.#renderResult(result, coverage)}</li>`)}
            </ul>`
            : nothing
        }
      </div>
      ${
        coverage.facilitators.length
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
          : nothing
      }
    </div>`;
  }

  /** A municipality with its region, or a region with its CBS name; then who covers it. */
  #renderResult(result: Result, coverage: Coverage): TemplateResult {
    const { region, municipality, foundAs } = result;
    const name = this.#name(region, coverage);
    const cbsName = this.#cbsName(region);
    const who = coverage.byRegion.get(region)?.map((c) => c.facilitator.name);
    const detail = municipality
      ? [this.t.map.resultRegion(cbsName ?? name), ...(who ? [this.#names(who)] : [])].join(' – ')
      : who && this.#names(who);
    return html`<button type="button" class="result" @click=${() => this.#choose(result, coverage)}>
      <span class="result__name"
        >${
          municipality
            ? `${municipality.name}${foundAs ? ` (${foundAs})` : ''}`
            : `${name}${cbsName && !sameName(cbsName, name) ? ` (${cbsName})` : ''}`
        }</span
      >
      ${detail ? html`<span class="result__who">${detail}</span>` : nothing}
    </button>`;
  }

  /**
   * Municipalities and regions whose name (the CBS name, the feed's label, a name people use such
   * as "Den Bosch") or code matches what was typed: whole names first, then names that start with
   * it, then words that do, then the rest; a municipality before a region that matches as well.
   */
  #results(coverage: Coverage): Result[] {
    const query = queryKey(this.#state.query);
    if (!query) return [];
    const codes = this.#geometry ? [...this.#geometry.regions.keys()] : [...coverage.byRegion.keys()];
    const found: { result: Result; rank: number; name: string }[] = [];
    for (const code of codes) {
      const name = this.#name(code, coverage);
      const rank = matchRank(query, [name, this.#cbsName(code) ?? '', code].map(searchKey));
      if (rank !== undefined) found.push({ result: { region: code }, rank: rank + 0.5, name });
    }
    for (const municipality of this.#state.mapData?.municipalities.all ?? []) {
      const rank = matchRank(query, [...municipality.keys, searchKey(municipality.code)]);
      if (rank === undefined) continue;
      // Found by a name people use ("den bosch"), not by the CBS name: the result shows that name too.
      const byName = matchRank(query, municipality.keys.slice(0, 1));
      const byOther = (other: string) => matchRank(query, [searchKey(other)]) === rank;
      const foundAs = byName === rank ? undefined : municipality.otherNames.find(byOther);
      const result = { region: municipality.region, municipality, ...(foundAs ? { foundAs } : {}) };
      found.push({ result, rank, name: municipality.name });
    }
    return found
      .sort((a, b) => a.rank - b.rank || collator.compare(a.name, b.name))
      .slice(0, MAX_RESULTS)
      .map(({ result }) => result);
  }

  #onSearchKey(event: KeyboardEvent, results: Result[], coverage: Coverage): void {
    if (event.key === 'ArrowDown' && results.length) {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLElement>('.result')?.focus();
    } else if (event.key === 'Enter' && results[0]) {
      event.preventDefault();
      this.#choose(results[0], coverage);
    } else if (event.key === 'Escape' && this.#state.query) {
      event.preventDefault();
      this.#state.query = '';
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
      this.#state.query = '';
      input?.focus();
    }
  };

  /** A search result was chosen: show it, say so, and leave the visitor in the search box. */
  #choose({ region, municipality }: Result, coverage: Coverage): void {
    this.#state.query = '';
    this.#select(region, coverage, { announce: true, municipality });
    this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
  }

  /**
   * The visitor chose a region (with the municipality they found it by): the panel keeps it, the
   * map zooms to it, the page hears it, and with `announce` so do screen readers.
   */
  #select(code: string, coverage: Coverage, options: { announce?: boolean; municipality?: Municipality } = {}): void {
    const feed = this.readyFeed;
    if (!feed) return;
    // A region chosen on the map keeps the municipality it holds: the visitor still lives there.
    const municipality = options.municipality ?? (this.#municipality?.region === code ? this.#municipality : undefined);
    this.region = code;
    this.municipality = municipality?.code ?? '';
    this.#zoomTo(code);
    const who = coverage.byRegion.get(code);
    const facilitatorId = who?.[0]?.facilitator.id;
    this.emit('cop-region-select', {
      programmeId: feed.programme.id,
      regionCode: code,
      ...(facilitatorId ? { facilitatorId } : {}),
      ...(municipality ? { municipalityCode: municipality.code, municipalityName: municipality.name } : {}),
    });
    if (options.announce) {
      const t = this.t.map;
      const where = options.municipality
        ? t.liesIn(options.municipality.name, this.#cbsName(code) ?? code)
        : this.#title(code, coverage);
      this.#state.announcement = who
        ? `${where}: ${t.coveredBy(this.#names(who.map((c) => c.facilitator.name)), who.length)}`
        : `${where}. ${t.noFacilitator}`;
    }
  }

  /** Zooms the map to a region, or back to the whole country; the badges wait until it is there. */
  #zoomTo(code: string | undefined): void {
    if (code === this.#state.zoom) return;
    this.#state.zoom = code;
    this.#state.moving = true;
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => (this.#state.moving = false), ZOOM_SETTLES_MS);
  }

  #renderFigure(coverage: Coverage): TemplateResult {
    const t = this.t.map;
    let content: TemplateResult;
    if (this.#state.geometryFailed) {
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
      @pointerover=${this.#onPointerOver}
      @pointermove=${this.#onPointerMove}
      @pointerleave=${this.#onPointerLeave}
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
    // In the legend's order, so Tab goes from facilitator to facilitator as the list does. Zoomed
    // in, only the regions in sight are Tab stops: from the chosen one, Tab soon reaches the way back.
    const covered = [...new Set(coverage.facilitators.flatMap((c) => c.codes))].filter((code) =>
      layout.paths.has(code),
    );
    const outline = (code: string | undefined, className: string) =>
      code && layout.paths.has(code) ? svg`<path class=${className} d=${layout.paths.get(code)!}></path>` : nothing;
    const view = layout.view(this.#state.zoom);
    return html`<svg
      class="map ${this.#state.moving ? 'map--moving' : ''}"
      viewBox="0 0 ${layout.width} ${layout.height}"
      role="group"
      aria-label=${this.t.map.mapLabel}
    >
      <g
        class="zoom"
        ${cssProperties({ '--_zoom-k': view.k, '--_zoom-x': view.x, '--_zoom-y': view.y })}
        @transitionend=${this.#onZoomEnd}
      >
        ${plain.map((code) => svg`<path class="region" data-code=${code} d=${layout.paths.get(code)!}></path>`)}
        ${covered.map((code) => {
          const who = coverage.byRegion.get(code)!;
          return svg`<path
            class="region region--covered colour-${who[0]!.colour}"
            data-code=${code}
            d=${layout.paths.get(code)!}
            role="button"
            tabindex=${layout.inSight(view, code) ? 0 : -1}
            aria-label="${this.#title(code, coverage)} — ${this.#names(who.map((c) => c.facilitator.name))}"
            aria-current=${code === this.region ? 'true' : nothing}
          ></path>`;
        })}
        <path class="borders" d=${layout.borders}></path>
        <path class="outline" d=${layout.outline}></path>
        ${outline(this.region !== shown ? this.region : undefined, 'active')} ${outline(shown, 'active')}
        ${this.#state.focusRing ? [outline(this.#state.focused, 'focus-halo'), outline(this.#state.focused, 'focus-ring')] : nothing}
      </g>
      <g class="badges" aria-hidden="true">${this.#badges(coverage, layout, view, covered).map(renderBadge)}</g>
    </svg>`;
  }

  /**
   * The covered regions' numbers, where they are in sight, placed so that no two meet: worked out
   * again only for another drawing, view or feed, not each time the pointer moves over a region.
   */
  #badges(coverage: Coverage, layout: MapLayout, view: View, covered: string[]): LabelledBadge[] {
    const last = this.#placed;
    if (last?.layout === layout && last.coverage === coverage && last.zoom === this.#state.zoom) return last.badges;
    const labels = new Map(
      covered.map((code) => [
        code,
        coverage.byRegion
          .get(code)!
          .map((c) => c.number)
          .join('/'),
      ]),
    );
    const placed = layout.badges(
      view,
      covered.map((code) => ({ code, r: badgeRadius(labels.get(code)!) })),
    );
    const badges = placed.map((badge) => ({ ...badge, label: labels.get(badge.code)! }));
    this.#placed = { layout, coverage, zoom: this.#state.zoom, badges };
    return badges;
  }

  #placed: { layout: MapLayout; coverage: Coverage; zoom: string | undefined; badges: LabelledBadge[] } | undefined;

  #onZoomEnd = (event: TransitionEvent) => {
    if (event.target === event.currentTarget) this.#state.moving = false;
  };

  #codeOf(event: Event): string | undefined {
    return (event.target as Element | null)?.closest?.('[data-code]')?.getAttribute('data-code') ?? undefined;
  }

  #onMapClick(event: MouseEvent, coverage: Coverage): void {
    const code = this.#codeOf(event);
    if (!code) return;
    this.#clickedAt = { x: event.clientX, y: event.clientY };
    this.#state.hovered = undefined;
    this.#select(code, coverage);
  }

  /**
   * Where the pointer chose a region. The zoom then moves the map under a pointer that stands
   * still, so hovering shows other regions again only once the pointer itself moves.
   */
  #clickedAt: { x: number; y: number } | undefined;

  #onPointerOver = (event: PointerEvent) => {
    if (!this.#clickedAt) this.#state.hovered = this.#codeOf(event);
  };

  #onPointerMove = (event: PointerEvent) => {
    if (!this.#clickedAt || (event.clientX === this.#clickedAt.x && event.clientY === this.#clickedAt.y)) return;
    this.#clickedAt = undefined;
    this.#state.hovered = this.#codeOf(event);
  };

  #onPointerLeave = () => {
    this.#clickedAt = undefined;
    this.#state.hovered = undefined;
  };

  #onMapKey(event: KeyboardEvent, coverage: Coverage): void {
    const code = this.#codeOf(event);
    if (!code) return;
    if (event.key === 'Escape' && this.#state.zoom) {
      event.preventDefault();
      this.#zoomTo(undefined);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#select(code, coverage);
    }
  }

  /**
   * Keyboard focus shows a region in the panel; on the map it also gets a ring, drawn above its
   * neighbours. A click focuses a region too, but then the pointer decides what is shown.
   */
  #onFocusIn = (event: FocusEvent) => {
    const target = event.target as Element;
    if (!target.matches(':focus-visible')) return;
    this.#state.focused = this.#codeOf(event);
    this.#state.focusRing = target instanceof SVGElement;
  };

  #onFocusOut = (event: FocusEvent) => {
    this.#state.focusRing = false;
    // Tabbing on from a region into the panel keeps that region, or its e-mail link would vanish.
    const next = event.relatedTarget as Node | null;
    if (next && this.renderRoot.querySelector('.panel')?.contains(next)) return;
    this.#state.focused = undefined;
  };

  /**
   * The region shown (focused, hovered or chosen) with who covers it and its municipalities. Beside
   * a drawn map it holds the zoom: in the panel, Tab from a region reaches it before anything else.
   */
  #renderPanel(feed: Feed, coverage: Coverage, withMap: boolean): TemplateResult {
    const t = this.t.map;
    const code = this.#shownCode(coverage);
    if (!code) return html`<div class="panel" part="panel"><p class="panel__prompt">${t.prompt}</p></div>`;
    const cbsName = this.#cbsName(code);
    const who = coverage.byRegion.get(code) ?? [];
    const { contact } = feed.programme;
    const municipality = this.#municipality?.region === code ? this.#municipality : undefined;
    const municipalities = this.#state.mapData?.municipalities.inRegion(code) ?? [];
    const lang = this.feedLang(feed);
    // Municipality names are CBS's, Dutch whatever the feed or the widget speaks.
    const dutch = this.language === 'nl' ? nothing : 'nl';
    return html`<div class="panel" part="panel" @focusout=${this.#onFocusOut}>
      <div class="panel__title" role="heading" aria-level=${this.headingLevel}><span lang=${lang}>${this.#title(code, coverage)}</span></div>
      <p class="panel__region">
        ${
          !cbsName
            ? code
            : municipality
              ? t.municipalityIn(municipality.name, cbsName, code)
              : t.cbsRegion(cbsName, code)
        }
      </p>
      ${
        withMap && this.#layout?.paths.has(code)
          ? html`<button
            type="button"
            class="zoom-button"
            part="zoom"
            @click=${() => this.#zoomTo(this.#state.zoom ? undefined : code)}
          >
            ${this.#state.zoom ? t.zoomOut : t.zoomIn(this.#name(code, coverage))}
          </button>`
          : nothing
      }
      ${
        who.length
          ? who.map((covering) => this.#renderPerson(covering, lang))
          : html`<p>${t.noFacilitator}</p>
            <p>${t.askContact(contact.name)} ${emailLink(contact.email)}</p>`
      }
      ${
        municipalities.length
          ? html`<div class="municipalities" part="municipalities">
            <p class="municipalities__title">${t.municipalities(municipalities.length)}</p>
            <ul class="municipalities__list" lang=${dutch}>
              ${municipalities.map(
                (m) => html`<li>${m === municipality ? html`<strong>${m.name}</strong>` : m.name}</li>`,
              )}
            </ul>
          </div>`
          : nothing
      }
    </div>`;
  }

  #renderPerson({ facilitator, number, colour }: CoveringFacilitator, lang: FeedLang): TemplateResult {
    return html`<div class="person" part="facilitator">
      <p class="person__name">${this.#key(number, colour)} ${facilitator.name}</p>
      ${this.#renderDetails(facilitator, lang)}
    </div>`;
  }

  /** A facilitator's role and organisation, as the feed writes them (`lang`: see CopElement.feedLang). */
  #renderDetails({ role, organisation, email, phone }: CoveringFacilitator['facilitator'], lang: FeedLang) {
    const t = this.t.map;
    return html`${role ? html`<p lang=${lang}>${role}</p>` : nothing} ${organisation ? html`<p lang=${lang}>${organisation}</p>` : nothing}
    ${email ? html`<p>${t.email}: ${emailLink(email)}</p>` : nothing}
    ${phone ? html`<p>${t.phone}: <a class="contact" href="${telHref(phone)}">${phone}</a></p>` : nothing}`;
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
  #renderList(coverage: Coverage, compact: boolean, lang: FeedLang): TemplateResult {
    const t = this.t.map;
    if (!coverage.facilitators.length) return html`<p class="list list--empty" part="list">${t.noFacilitators}</p>`;
    let index = 0;
    return html`<div class="list ${compact ? 'list--compact' : 'list--full'}" part="list">
      <div class="list__title" role="heading" aria-level=${this.headingLevel}>${t.facilitators}</div>
      <p class="visually-hidden" id="list-help">${t.listHelp}</p>
      <ul class="facilitators" @keydown=${this.#onListKey} @focusin=${this.#onFocusIn} @focusout=${this.#onFocusOut}>
        ${coverage.facilitators.map(
          ({ facilitator, number, colour, codes }) => html`<li class="facilitator">
            <p class="facilitator__name">${this.#key(number, colour)} ${facilitator.name}</p>
            <ul class="regions">
              ${codes.map((code) => {
                if (coverage.unknown.includes(code))
                  return html`<li class="regions__unknown">${t.unknownCode(code)}</li>`;
                const i = index++;
                return html`<li>
                  <button
                    type="button"
                    class="region-button"
                    data-code=${code}
                    tabindex=${i === this.#state.listFocus ? 0 : -1}
                    aria-describedby="list-help"
                    aria-current=${code === this.region ? 'true' : nothing}
                    @click=${() => this.#select(code, coverage, { announce: true })}
                  >
                    <span lang=${lang}>${this.#name(code, coverage)}</span>
                  </button>
                </li>`;
              })}
            </ul>
            <div class="facilitator__details">${this.#renderDetails(facilitator, lang)}</div>
          </li>`,
        )}
      </ul>
    </div>`;
  }

  #onListKey = (event: KeyboardEvent) => {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('.region-button')];
    const index = buttons.indexOf(event.target as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowRight: index + 1,
      ArrowUp: index - 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    const next = moves[event.key];
    if (index < 0 || next === undefined) return;
    event.preventDefault();
    this.#state.listFocus = Math.max(0, Math.min(buttons.length - 1, next));
    buttons[this.#state.listFocus]?.focus();
  };
}

type LabelledBadge = PlacedBadge & { label: string };

/** The `lang` for text from the feed (CopElement.feedLang): the feed's language, or none. */
type FeedLang = string | typeof nothing;

/** A badge's radius: room for its number ("1", or "1/3" for a region two facilitators share). */
const badgeRadius = (label: string) => 6 + 4 * label.length;

function renderBadge(badge: LabelledBadge) {
  // A badge moved off its region points back to it, from the edge of its circle.
  const { cx, cy, r, label } = badge;
  const [dx, dy] = [badge.x - cx, badge.y - cy];
  const edge = r / Math.hypot(dx, dy);
  return svg`<g class="badge" transform="translate(${round(cx)} ${round(cy)})">
    ${
      badge.leader
        ? svg`<line class="leader" x1=${round(dx * edge)} y1=${round(dy * edge)} x2=${round(dx)} y2=${round(dy)}></line>
          <circle class="anchor" cx=${round(dx)} cy=${round(dy)} r="2"></circle>`
        : nothing
    }
    <circle r=${r}></circle><text dy="0.35em">${label}</text>
  </g>`;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** An e-mail address as a link, kept whole on its line by the styles (`.contact`). */
const emailLink = (email: string) => html`<a class="contact" href="mailto:${email}">${email}</a>`;
