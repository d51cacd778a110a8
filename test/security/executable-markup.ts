/**
 * The check the security tests run on every piece of HTML feedfold outputs:
 * does it still hold anything a browser or feed reader would execute or that
 * would change how the page around it behaves? Parsed with a real HTML parser
 * (cheerio), so entity-encoded and oddly spaced payloads are seen as a
 * browser sees them.
 *
 * It reports findings; it does not decide what is allowed (that is
 * src/clean/sanitize.ts).
 */
import { load } from 'cheerio';

/** Elements that run code, load active content, or rewrite the page's links, refresh or styling. */
const FORBIDDEN_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link',
  'form', 'input', 'button', 'textarea', 'select', 'svg', 'math', 'template', 'noscript', 'xml', 'import',
];

const URL_ATTRIBUTES = [
  'href', 'src', 'poster', 'action', 'formaction', 'xlink:href', 'background', 'lowsrc', 'dynsrc', 'data', 'cite',
  'srcset', 'codebase', 'longdesc', 'usemap', 'profile', 'manifest',
];

const BAD_SCHEMES = /^(?:javascript|vbscript|data|livescript|mocha):/;

/** A URL as a browser reads its scheme: ASCII white space and control characters anywhere are ignored. */
export function schemeView(url: string): string {
  return url.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase();
}

/** CSS as an old IE or a CSS-parsing reader reads it: comments and backslash escapes gone. */
function cssView(style: string): string {
  return style
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/\\/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

export function executableConstructs(html: string): string[] {
  const $ = load(html, null, false);
  const found: string[] = [];
  for (const element of $('*').toArray()) {
    const name = element.tagName.toLowerCase();
    if (FORBIDDEN_TAGS.includes(name) || name.includes(':')) found.push(`<${name}>`);
    for (const [attribute, value] of Object.entries(element.attribs)) {
      const key = attribute.toLowerCase();
      if (key.startsWith('on')) found.push(`<${name} ${key}>`);
      if (URL_ATTRIBUTES.includes(key) && BAD_SCHEMES.test(schemeView(value))) found.push(`<${name} ${key}="${value.slice(0, 40)}">`);
      if (key === 'style') {
        const css = cssView(value);
        if (/expression\(|javascript:|vbscript:|behavior:|-moz-binding|url\(/.test(css)) found.push(`<${name} style="${value.slice(0, 40)}">`);
      }
    }
  }
  return found;
}

/** Elements of any kind: plain-text fields (titles, summaries) must have none once decoded as HTML. */
export function elementsIn(html: string): string[] {
  const $ = load(html, null, false);
  return $('*').toArray().map((element) => element.tagName);
}
