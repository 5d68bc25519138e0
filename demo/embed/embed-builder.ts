/**
 * The embed builder (`/embed` on the reference server): a webmaster chooses a programme, a widget
 * and its options, sees the real widget beside the form, copies one snippet, and checks their own
 * site (ALLOWED_ORIGINS, CSP). Light DOM, so the page's stylesheet and the chosen theme file reach
 * the preview as they would on the webmaster's site.
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { WIDGET_TAGS, type WidgetTag } from '../../src/core/embed-policy.js';
import type { Feed } from '../../src/core/schema.js';
import { VERSION } from '../../src/shared/version.js';
import {
  policy,
  safeTokenValue,
  sha256,
  snippet,
  styleText,
  themeFile,
  type Choice,
  type ThemeChoice,
} from './snippet.js';
import { en, nl, type BuilderTexts } from './texts.js';

interface ProgrammeSummary {
  id: string;
  title: string;
  hasEnrolment: boolean;
  hasPoll: boolean;
  hasRegions: boolean;
}

type OriginCheck =
  | { state: 'busy' }
  | { state: 'done'; origin: string; allowed: boolean; setting: string }
  | { state: 'failed'; message: string };

const THEMES: ThemeChoice[] = ['default', 'dark', 'nl-design-system', 'custom'];
const LEVELS = ['1', '2', '3', '4', '5', '6'];

export class CopEmbedBuilder extends LitElement {
  #lang: 'nl' | 'en' = 'nl';
  #programmes: ProgrammeSummary[] | 'loading' | 'failed' = 'loading';
  #feed: Feed | undefined;
  #programmeId = '';
  #tag: WidgetTag = 'cop-session-calendar';
  /** Each widget's options, kept while the webmaster tries another widget. */
  #options: Record<string, string> = { 'heading-level': '2' };
  #theme: ThemeChoice = 'default';
  #tokens: Record<string, string> = {};
  #snippet = '';
  #policy = '';
  #hashed = true;
  #copyStatus = '';
  #check: OriginCheck | undefined;
  #previewKey = '';
  /** The choice the snippet, the policy and the preview show. */
  #shown: Choice | undefined;

  get #t(): BuilderTexts {
    return this.#lang === 'en' ? en : nl;
  }

  /** Where the bundle, the feeds and the API are: this server, as the webmaster reaches it. */
  get server(): string {
    return location.origin;
  }

  protected override createRenderRoot() {
    // The page's own heading and <noscript> stand in until the builder runs; it replaces them.
    this.replaceChildren();
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadProgrammes();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.getElementById('cop-builder-theme')?.remove();
  }

  async #loadProgrammes() {
    try {
      const response = await fetch('/api/programmes', { cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      this.#programmes = (await response.json()) as ProgrammeSummary[];
      if (this.#programmes[0]) await this.#chooseProgramme(this.#programmes[0].id);
    } catch {
      this.#programmes = 'failed';
    }
    this.requestUpdate();
  }

  async #chooseProgramme(id: string) {
    this.#programmeId = id;
    this.#feed = undefined;
    // Filters name the programme's own groups, themes and sessions: another programme has others.
    for (const name of ['group', 'theme', 'session']) delete this.#options[name];
    await this.#refresh();
    try {
      const response = await fetch(`/api/programmes/${encodeURIComponent(id)}/feed`);
      if (response.ok && this.#programmeId === id) this.#feed = (await response.json()) as Feed;
    } catch {
      // The options without the feed's groups and sessions; the preview says what is wrong.
    }
    this.requestUpdate();
  }

  get choice(): Choice {
    const names: Record<WidgetTag, string[]> = {
      'cop-session-calendar': ['view', 'group', 'theme', 'hide-past'],
      'cop-enrolment-form': ['session'],
      'cop-region-map': ['view'],
      'cop-principle-poll': ['mode', 'sort'],
    };
    const attributes = [...names[this.#tag], 'heading-level', 'lang'].map(
      (name) => [name, this.#options[`${this.#tag}:${name}`] ?? this.#options[name] ?? ''] as [string, string],
    );
    return {
      server: this.server,
      version: VERSION,
      programmeId: this.#programmeId,
      tag: this.#tag,
      // The defaults are left out: a shorter snippet that follows future defaults.
      attributes: attributes.filter(([name, value]) => !(name === 'heading-level' && value === '2')),
      theme: this.#theme,
      tokens: this.#theme === 'custom' ? this.#tokens : {},
    };
  }

  /** Snippet, policy and preview follow every choice. */
  async #refresh() {
    this.requestUpdate(); // the form itself at once (a field's error); the rest once the hash is known
    const choice = this.choice;
    const [hash, csp] = await Promise.all([sha256(styleText(choice)), policy(choice)]);
    // A later choice has its own refresh under way: snippet, policy and preview always belong together.
    if (JSON.stringify(choice) !== JSON.stringify(this.choice)) return;
    this.#shown = choice;
    this.#snippet = snippet(choice);
    this.#hashed = hash !== undefined;
    this.#policy = csp;
    this.#copyStatus = '';
    this.requestUpdate();
  }

  /** The preview follows in the same update as the snippet: a new element for each choice. */
  protected override updated(): void {
    const key = JSON.stringify(this.#shown);
    if (this.#shown && key !== this.#previewKey && this.querySelector('#preview-widget')) {
      this.#previewKey = key;
      this.#renderPreview(this.#shown);
    }
  }

  #renderPreview(choice: Choice) {
    const slot = this.querySelector('#preview-widget');
    if (!slot || !choice.programmeId) return;
    const widget = document.createElement(choice.tag);
    widget.setAttribute('src', `/api/programmes/${encodeURIComponent(choice.programmeId)}/feed`);
    for (const [name, value] of choice.attributes) if (value) widget.setAttribute(name, value === 'true' ? '' : value);
    // Through the CSSOM: no style attribute, as under the webmaster's CSP.
    for (const [name, value] of Object.entries(choice.tokens))
      if (value.trim() && safeTokenValue(value)) widget.style.setProperty(name, value.trim());
    slot.replaceChildren(widget);
    const href = themeFile(choice);
    let link = document.getElementById('cop-builder-theme') as HTMLLinkElement | null;
    if (!href) link?.remove();
    else {
      link ??= Object.assign(document.createElement('link'), { id: 'cop-builder-theme', rel: 'stylesheet' });
      if (link.getAttribute('href') !== href) link.href = href;
      if (!link.isConnected) document.head.append(link);
    }
  }

  #set(name: string, perWidget = true) {
    return (event: Event) => {
      const target = event.target as HTMLInputElement | HTMLSelectElement;
      const value =
        target instanceof HTMLInputElement && target.type === 'checkbox' ? String(target.checked) : target.value;
      this.#options[perWidget ? `${this.#tag}:${name}` : name] = value === 'false' ? '' : value;
      void this.#refresh();
    };
  }

  #option(name: string, perWidget = true): string {
    return (perWidget ? this.#options[`${this.#tag}:${name}`] : this.#options[name]) ?? '';
  }

  override render(): TemplateResult {
    const t = this.#t;
    return html`<div class="builder" lang=${this.#lang}>
      <div class="builder-head">
        <h1>${t.title}</h1>
        <button type="button" class="language" lang=${this.#lang === 'nl' ? 'en' : 'nl'} aria-label=${t.switchLanguageLabel} @click=${this.#switchLanguage}>
          ${t.switchLanguage}
        </button>
      </div>
      <p>${t.intro}</p>
      <div class="builder-columns">
        <form class="builder-form" @submit=${(event: Event) => event.preventDefault()}>
          ${this.#renderChoice()} ${this.#renderOptions()} ${this.#renderLook()}
        </form>
        <section class="builder-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">${t.preview}</h2>
          <p class="hint">${t.previewNote}</p>
          <div id="preview-widget"></div>
        </section>
      </div>
      ${this.#renderCode()} ${this.#renderCheck()}
    </div>`;
  }

  #switchLanguage = () => {
    this.#lang = this.#lang === 'nl' ? 'en' : 'nl';
    document.documentElement.lang = this.#lang;
    if (this.#check?.state === 'failed') this.#check = undefined;
    void this.#refresh();
  };

  #renderChoice() {
    const t = this.#t;
    const programmes = this.#programmes;
    const current = Array.isArray(programmes) ? programmes.find((p) => p.id === this.#programmeId) : undefined;
    const lacks =
      current &&
      ((this.#tag === 'cop-enrolment-form' && !current.hasEnrolment) ||
        (this.#tag === 'cop-principle-poll' && !current.hasPoll) ||
        (this.#tag === 'cop-region-map' && !current.hasRegions));
    return html`<fieldset>
      <legend>${t.choose}</legend>
      <div class="field">
        <label for="programme">${t.programme}</label>
        ${
          Array.isArray(programmes)
            ? html`<select id="programme" @change=${(e: Event) => this.#chooseProgramme((e.target as HTMLSelectElement).value)}>
              ${programmes.map((p) => html`<option value=${p.id} ?selected=${p.id === this.#programmeId}>${p.title}</option>`)}
            </select>`
            : html`<p id="programme" role=${programmes === 'failed' ? 'alert' : 'status'}>
              ${programmes === 'failed' ? t.programmesFailed : t.programmesLoading}
            </p>`
        }
      </div>
      <fieldset class="widgets">
        <legend>${t.widget}</legend>
        ${WIDGET_TAGS.map(
          (tag) => html`<div class="check">
            <input type="radio" name="widget" id="widget-${tag}" value=${tag} .checked=${tag === this.#tag} @change=${() => this.#chooseWidget(tag)} />
            <label for="widget-${tag}">${t.widgets[tag]}</label>
          </div>`,
        )}
      </fieldset>
      ${lacks ? html`<p class="hint" id="lacks">${t.lacks[this.#tag]}</p>` : nothing}
    </fieldset>`;
  }

  #chooseWidget(tag: WidgetTag) {
    this.#tag = tag;
    void this.#refresh();
  }

  #select(id: string, label: string, values: [string, string][], perWidget = true) {
    const current = this.#option(id, perWidget);
    return html`<div class="field">
      <label for="option-${id}">${label}</label>
      <select id="option-${id}" @change=${this.#set(id, perWidget)}>
        ${values.map(([value, text]) => html`<option value=${value} ?selected=${value === current}>${text}</option>`)}
      </select>
    </div>`;
  }

  #renderOptions() {
    const t = this.#t;
    const feed = this.#feed;
    const fields: TemplateResult[] = [];
    if (this.#tag === 'cop-session-calendar') {
      fields.push(
        this.#select('view', t.view, [
          ['', t.views.list],
          ['month', t.views.month],
        ]),
      );
      if (feed?.groups?.length)
        fields.push(
          this.#select('group', t.group, [['', t.all], ...feed.groups.map((g): [string, string] => [g.id, g.name])]),
        );
      if (feed?.themes?.length)
        fields.push(
          this.#select('theme', t.theme, [['', t.all], ...feed.themes.map((g): [string, string] => [g.id, g.title])]),
        );
      fields.push(html`<div class="check">
        <input type="checkbox" id="option-hide-past" .checked=${this.#option('hide-past') === 'true'} @change=${this.#set('hide-past')} />
        <label for="option-hide-past">${t.hidePast}</label>
      </div>`);
    } else if (this.#tag === 'cop-enrolment-form' && feed && feed.sessions.length > 1) {
      fields.push(
        this.#select('session', t.session, [
          ['', t.allSessions],
          ...feed.sessions.map((s): [string, string] => [s.id, s.title]),
        ]),
      );
    } else if (this.#tag === 'cop-region-map') {
      fields.push(
        this.#select('view', t.view, [
          ['', t.views.map],
          ['list', t.views.list],
        ]),
      );
    } else if (this.#tag === 'cop-principle-poll') {
      fields.push(
        this.#select('mode', t.mode, [
          ['', t.modes.vote],
          ['results', t.modes.results],
        ]),
      );
      fields.push(
        this.#select('sort', t.sort, [
          ['', t.sorts.feed],
          ['mean', t.sorts.mean],
        ]),
      );
    }
    return html`<fieldset>
      <legend>${t.options}</legend>
      ${fields}
      <div class="field">
        <label for="option-heading-level">${t.headingLevel}</label>
        <select id="option-heading-level" aria-describedby="heading-level-hint" @change=${this.#set('heading-level', false)}>
          ${LEVELS.map((level) => html`<option ?selected=${level === this.#option('heading-level', false)}>${level}</option>`)}
        </select>
        <p class="hint" id="heading-level-hint">${t.headingLevelHint}</p>
      </div>
      ${this.#select('lang', t.language, Object.entries(t.languages) as [string, string][], false)}
    </fieldset>`;
  }

  #renderLook() {
    const t = this.#t;
    return html`<fieldset>
      <legend>${t.look}</legend>
      ${THEMES.map(
        (theme) => html`<div class="check">
          <input type="radio" name="look" id="look-${theme}" .checked=${theme === this.#theme} @change=${() => this.#chooseTheme(theme)} />
          <label for="look-${theme}">${t.looks[theme]}</label>
        </div>`,
      )}
      ${
        this.#theme === 'custom'
          ? Object.entries(t.tokens).map(([name, label]) => {
              const value = this.#tokens[name] ?? '';
              const bad = !safeTokenValue(value);
              return html`<div class="field">
              <label for="token-${name}">${label} <code>${name}</code></label>
              <input id="token-${name}" .value=${value} aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? `token-${name}-error` : nothing} @change=${(e: Event) => this.#setToken(name, (e.target as HTMLInputElement).value)} />
              ${bad ? html`<p class="error" id="token-${name}-error">${t.badToken}</p>` : nothing}
            </div>`;
            })
          : nothing
      }
    </fieldset>`;
  }

  #chooseTheme(theme: ThemeChoice) {
    this.#theme = theme;
    void this.#refresh();
  }

  #setToken(name: string, value: string) {
    this.#tokens = { ...this.#tokens, [name]: value };
    void this.#refresh();
  }

  #renderCode() {
    const t = this.#t;
    const themed = Boolean(themeFile(this.choice));
    return html`<section class="builder-code" aria-labelledby="code-title">
      <h2 id="code-title">${t.code}</h2>
      <p class="hint" id="code-hint">${t.codeHint}</p>
      <pre><code id="snippet" tabindex="0" aria-describedby="code-hint">${this.#snippet}</code></pre>
      <button type="button" id="copy" @click=${this.#copy}>${t.copy}</button>
      <p id="copy-status" role="status">${this.#copyStatus}</p>
      <h3>${t.csp}</h3>
      <p>${t.cspIntro}</p>
      <pre><code id="csp" tabindex="0">Content-Security-Policy: ${this.#policy}</code></pre>
      <ul>
        <li>${t.cspScript}</li>
        <li>${t.cspConnect}</li>
        <li>${this.#hashed ? t.cspStyle(themed) : t.cspNoHash}</li>
        <li>${t.cspImg}</li>
      </ul>
    </section>`;
  }

  #copy = async () => {
    try {
      await navigator.clipboard.writeText(this.#snippet);
      this.#copyStatus = this.#t.copied;
    } catch {
      this.#copyStatus = this.#t.copyFailed;
      const range = document.createRange();
      range.selectNodeContents(this.querySelector('#snippet')!);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }
    this.requestUpdate();
  };

  #renderCheck() {
    const t = this.#t;
    const check = this.#check;
    return html`<section class="builder-check" aria-labelledby="check-title">
      <h2 id="check-title">${t.check}</h2>
      <form id="origin-form" novalidate @submit=${this.#checkOrigin}>
        <div class="field">
          <label for="origin">${t.origin}</label>
          <input id="origin" name="origin" type="url" inputmode="url" autocomplete="url" placeholder="https://www.gemeente.nl" aria-describedby="origin-hint" required />
          <p class="hint" id="origin-hint">${t.originHint}</p>
        </div>
        <button type="submit">${t.checkButton}</button>
      </form>
      <div id="check-result" role="status">
        ${
          check?.state === 'busy'
            ? html`<p>${t.checking}</p>`
            : check?.state === 'failed'
              ? html`<p class="error">${check.message}</p>`
              : check?.state === 'done'
                ? check.allowed
                  ? html`<p class="ok">${t.allowed(check.origin)}</p>`
                  : html`<p class="error">${t.notAllowed(check.origin)}</p>
                    <pre><code id="setting">ALLOWED_ORIGINS=${check.setting}</code></pre>`
                : nothing
        }
      </div>
    </section>`;
  }

  #checkOrigin = async (event: Event) => {
    event.preventDefault();
    const value = (this.querySelector('#origin') as HTMLInputElement).value;
    this.#check = { state: 'busy' };
    this.requestUpdate();
    try {
      const response = await fetch(`/api/origin-check?origin=${encodeURIComponent(value)}`, { cache: 'no-store' });
      const body = (await response.json()) as {
        origin: string;
        allowed: boolean;
        setting: string;
        message?: { nl: string; en: string };
      };
      this.#check = response.ok
        ? { state: 'done', origin: body.origin, allowed: body.allowed, setting: body.setting }
        : { state: 'failed', message: body.message?.[this.#lang] ?? this.#t.checkFailed };
    } catch {
      this.#check = { state: 'failed', message: this.#t.checkFailed };
    }
    this.requestUpdate();
  };
}

customElements.define('cop-embed-builder', CopEmbedBuilder);

declare global {
  interface HTMLElementTagNameMap {
    'cop-embed-builder': CopEmbedBuilder;
  }
}
