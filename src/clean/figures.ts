/**
 * Keeps images and videos with their captions as `<figure>/<figcaption>`,
 * whatever markup the site used: Epoch Times `<div><img><div class="caption">`,
 * WordPress `<figure>` with a bare caption text, feedx `<img><div><small>`,
 * GNews markdown `![](img)` followed by `*图片来源（…）*`.
 *
 * It does not judge whether an image belongs to the article (chrome removal
 * already dropped QR codes) and does not touch URLs.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const CAPTION_CLASS = /(^|\s)(caption|wp-caption-text|image-caption|photo-caption)(\s|$)/;
/** Credit-style captions that follow an image inside the same paragraph. */
const CREDIT_CAPTION = /^[\s*_（(]*(图片来源|圖片來源|图源|圖源|图片|圖片|图：|圖：|摄影|攝影|photo|image|credit|source)/i;

function figureWith($: CheerioAPI, media: Cheerio<AnyNode>, caption: Cheerio<AnyNode> | string): Cheerio<Element> {
  const figure = $('<figure></figure>') as Cheerio<Element>;
  figure.append(media);
  const text = typeof caption === 'string' ? caption : caption.text();
  if (text.trim() !== '') {
    const figcaption = $('<figcaption></figcaption>');
    if (typeof caption === 'string') figcaption.text(caption.trim());
    else figcaption.append(caption);
    figure.append(figcaption);
  }
  return figure;
}

export function keepFigures($: CheerioAPI): void {
  // <figure><img>caption text</figure>: WordPress without figcaption.
  $('figure').each((_, element) => {
    const figure = $(element);
    if (figure.children('figcaption').length > 0) return;
    const loose = figure.contents().filter((_, node) => !(node.type === 'tag' && ['img', 'video', 'picture', 'a'].includes((node as Element).name) && $(node).text().trim() === ''));
    if (loose.text().trim() === '') return;
    const figcaption = $('<figcaption></figcaption>');
    figcaption.append(loose);
    figure.append(figcaption);
  });

  // A media element directly followed by a caption block.
  $('img, video').each((_, element) => {
    const media = $(element);
    if (media.closest('figure').length > 0) return;
    const holder = media.parent().is('a') ? media.parent() : media;
    const next = holder.nextAll().first();
    if (next.length === 0) return;
    const isCaptionBlock = CAPTION_CLASS.test(next.attr('class') ?? '');
    const isSmallBlock = next.is('div, p') && next.children().length === 1 && next.children('small').length === 1 && next.text().trim() === next.children('small').text().trim();
    if (!isCaptionBlock && !isSmallBlock) return;
    const between = holder[0]?.next;
    if (between && between !== next[0] && between.type === 'text' && $(between).text().trim() !== '') return;
    const parent = holder.parent();
    const captionText = next.text().replace(/\s+/g, ' ').trim();
    next.remove();
    const onlyChild = parent.is('div') && parent.children().length === 1 && parent.text().trim() === '';
    const figure = figureWith($, holder.clone(), captionText);
    if (onlyChild) parent.replaceWith(figure);
    else holder.replaceWith(figure);
  });

  // <p><img> 图片来源：…</p> (GNews markdown).
  $('p').each((_, element) => {
    const paragraph = $(element);
    const first = paragraph.children().first();
    const media = first.is('img') ? first : first.is('a') && first.children('img').length === 1 && first.text().trim() === '' ? first : null;
    if (!media) return;
    const leading = paragraph.contents().first();
    if (leading[0] !== media[0] && leading.text().trim() !== '') return;
    const rest = paragraph.contents().filter((_, node) => node !== media[0] && !(node.type === 'tag' && (node as Element).name === 'br'));
    const restText = rest.text().replace(/\s+/g, ' ').trim();
    if (restText === '' || !CREDIT_CAPTION.test(restText)) return;
    paragraph.replaceWith(figureWith($, media.clone(), rest.clone()));
  });
}
