/**
 * Minifies the CSS inside Lit `css` template literals of `*.styles.ts` files at build time.
 * JavaScript minifiers leave template literal text alone, so without this every widget ships
 * its styles with their comments and indentation. Used by vite.config.ts (the builds) and by
 * bench/ (which measures what the builds ship); no dependency.
 *
 * Deliberately conservative: it drops comments, collapses whitespace and removes it only next
 * to `{ } ; ,` and after `:`, never inside quoted strings and never across a `${…}`. Whitespace
 * that can carry meaning (descendant selectors, `calc(a + b)`, `and (`) stays as one space.
 */

/** Minifies one stretch of CSS text (no `${…}` inside). */
export function minifyCss(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"' || char === "'") {
      let end = i + 1;
      while (end < text.length && text[end] !== char) end += text[end] === '\\' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      out += ' ';
    } else {
      let end = i;
      while (end < text.length && !['"', "'"].includes(text[end]!) && !text.startsWith('/*', end)) end++;
      out += text.slice(i, end);
      i = end;
    }
  }
  // Strings were copied verbatim above; the replacements below must not touch them either.
  return out
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((part, index) =>
      index % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/**
 * Minifies every css`…` literal in a module's source; `${…}` parts are kept as they are. A
 * literal it cannot read safely (a nested template literal inside `${…}`) is left untouched.
 */
export function minifyCssLiterals(code: string): string {
  let out = '';
  let from = 0;
  for (let start = code.indexOf('css`'); start >= 0; start = code.indexOf('css`', from)) {
    const literal = readLiteral(code, start + 4);
    if (!literal) {
      out += code.slice(from, start + 4);
      from = start + 4;
      continue;
    }
    const last = literal.parts.length - 1;
    const css = literal.parts.map((part, i) => (i % 2 ? part : minifyCss(part)));
    css[0] = css[0]!.trimStart();
    css[last] = css[last]!.trimEnd();
    out += code.slice(from, start + 4) + css.join('') + '`';
    from = literal.end + 1;
  }
  return out + code.slice(from);
}

/** The text and `${…}` parts of a template literal starting at `open`, up to its closing backtick. */
function readLiteral(code: string, open: number): { parts: string[]; end: number } | undefined {
  const parts: string[] = [];
  let text = '';
  for (let i = open; i < code.length; i++) {
    const char = code[i]!;
    if (char === '\\') {
      text += code.slice(i, i + 2);
      i++;
    } else if (char === '`') {
      parts.push(text);
      return { parts, end: i };
    } else if (code.startsWith('${', i)) {
      let depth = 0;
      let end = i + 1;
      for (; end < code.length; end++) {
        if (code[end] === '`') return undefined;
        if (code[end] === '{') depth++;
        else if (code[end] === '}' && --depth === 0) break;
      }
      parts.push(text, code.slice(i, end + 1));
      text = '';
      i = end;
    } else {
      text += char;
    }
  }
  return undefined;
}

/** Which files hold Lit styles (the project's convention: `<name>.styles.ts`). */
export const STYLES_FILE = /\.styles\.[jt]s$/;

/** The Vite plugin: minifies the styles of the library and CDN builds (not the dev server). */
export function minifyCssLiteralsPlugin() {
  return {
    name: 'cop-minify-css-literals',
    apply: 'build' as const,
    transform(code: string, id: string) {
      return STYLES_FILE.test(id.split('?')[0]!) ? { code: minifyCssLiterals(code), map: null } : undefined;
    },
  };
}
