/**
 * The real-world corpus (test/fixtures/corpus, a byte copy of the shared
 * one): every file must parse, with a title and an outlet, and without the
 * chrome strings.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readArticleFile } from '../../src/sources/article-file.js';

const CORPUS = fileURLToPath(new URL('../fixtures/corpus/news-zh-2022/', import.meta.url));
const FORBIDDEN = ['返回首頁', '翻墙', '获取更多RSS', 'feedx', '免责声明', 'Terms of use', '原文链接', 'below_article_ad', '<ok', '<script', '延展阅读'];

describe('news-zh-2022 corpus', () => {
  it('reads all 277 files with a title, an outlet and no chrome; most have a date', async () => {
    const files = (await readdir(CORPUS)).sort();
    expect(files).toHaveLength(277);
    let dated = 0;
    for (const file of files) {
      const item = await readArticleFile(join(CORPUS, file), file);
      expect(item.title, file).not.toBe('');
      expect(item.outlet, file).not.toBe('');
      expect(item.contentText.length, file).toBeGreaterThan(0);
      for (const word of FORBIDDEN) expect(item.contentHtml.includes(word) || item.contentText.includes(word), `${file}: ${word}`).toBe(false);
      if (item.published) dated += 1;
    }
    // 13 GNews posts carry no day of writing anywhere (106 only recalls a visit weeks before its upload
    // month, 253 an earlier phone call): undated, they cluster by content instead of by a wrong day.
    expect(dated).toBeGreaterThanOrEqual(264);
  }, 180_000);
});
