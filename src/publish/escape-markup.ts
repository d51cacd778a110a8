/**
 * Escaping for the text feedfold itself puts into markup: headlines, outlet
 * names, dates, URLs in attributes. Foreign HTML bodies arrive sanitised from
 * the clean stage and are not touched here.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a double-quoted HTML/XML attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * HTML that is going to be wrapped in a CDATA section. `]]>` would end the
 * section early, and the XML writer under `feed` only splits the first one;
 * in HTML `]]&gt;` reads the same, in text and in attribute values.
 */
export function cdataSafeHtml(html: string): string {
  return html.replaceAll(']]>', ']]&gt;');
}
