/**
 * The shape of one article-file format reader. Each scraper layout gets one
 * module exporting one `ArticleFormat`, registered in index.ts; a reader is
 * chosen by the file's content, never by its name.
 *
 * A reader extracts what the layout says (title, URL, date, outlet, body);
 * cleaning is shared and happens afterwards (src/clean/clean-item.ts).
 */
import type { RawItem } from '../../clean/clean-item.js';

/** What a format reader extracts; origin, format and GUID are filled in by parseArticle. */
export type RawArticle = Omit<RawItem, 'origin' | 'format' | 'guid'>;

export interface ArticleFormat {
  name: string;
  /** Cheap test on the text; true means "this layout is mine". */
  detect(text: string): boolean;
  /** Throws SourceError('parse') when the layout is recognised but the document is broken. */
  parse(text: string, origin: string): RawArticle;
}
