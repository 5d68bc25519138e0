/**
 * What a partner site needs to embed the widgets from a reference server: which origins may write
 * to its API (ALLOWED_ORIGINS) and the Content Security Policy directives the widgets need. The
 * server's `/api/origin-check` and the builder page (`/embed`) both answer from here.
 */

export const WIDGET_TAGS = [
  'cop-session-calendar',
  'cop-enrolment-form',
  'cop-region-map',
  'cop-principle-poll',
] as const;
export type WidgetTag = (typeof WIDGET_TAGS)[number];

/**
 * A site's origin as a browser sends it (`https://www.example.org`, `http://localhost:8080`), or
 * undefined for anything else: a path, a query, user info, another scheme, `null`.
 */
export function parseOrigin(value: string | null | undefined): string | undefined {
  const text = value?.trim() ?? '';
  if (text.length > 300 || !/^https?:\/\/[^/?#@\s]+\/?$/i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/** The ALLOWED_ORIGINS value that lets `origin` in as well as the ones already there. */
export function allowedOriginsSetting(current: readonly string[], origin: string): string {
  return [...new Set([...current, origin])].join(',');
}

export type Directives = Partial<Record<'script-src' | 'connect-src' | 'style-src' | 'img-src', string[]>>;

/**
 * The directives one widget needs, loaded from `server` (the origin of the bundle, the feed and
 * the API). Every widget: the bundle and the chunks it loads (script-src), its feed (connect-src).
 * The form and the poll also post to the server and keep a live EventSource to it (connect-src
 * again). None needs img-src (the map and the QR code are inline SVG) or style-src (the styles
 * are constructed style sheets, which CSP does not govern, and no widget writes a style attribute).
 */
export function widgetDirectives(_tag: WidgetTag, server: string): Directives {
  return { 'script-src': [server], 'connect-src': [server] };
}

/**
 * The whole policy for a page with `tags`, as one header value: `'self'` for the site's own files,
 * the server's origin where the widgets need it, a theme file's origin in style-src, and the hash
 * of the snippet's own `<style>` (space reserved before the script runs) when it is inline.
 */
export function contentSecurityPolicy(
  tags: readonly WidgetTag[],
  server: string,
  options: { themeOrigin?: string; inlineStyleHash?: string } = {},
): string {
  const merged = new Map<string, Set<string>>([
    ['default-src', new Set(["'self'"])],
    ['script-src', new Set(["'self'"])],
    ['connect-src', new Set(["'self'"])],
    ['style-src', new Set(["'self'"])],
  ]);
  for (const tag of tags)
    for (const [name, sources] of Object.entries(widgetDirectives(tag, server))) {
      const set = merged.get(name) ?? merged.set(name, new Set()).get(name)!;
      for (const source of sources) set.add(source);
    }
  if (options.themeOrigin) merged.get('style-src')!.add(options.themeOrigin);
  if (options.inlineStyleHash) merged.get('style-src')!.add(`'sha256-${options.inlineStyleHash}'`);
  return [...merged].map(([name, sources]) => `${name} ${[...sources].join(' ')}`).join('; ');
}
