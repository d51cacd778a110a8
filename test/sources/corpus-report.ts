/**
 * Reads every file of a folder of article files and prints how many failed,
 * which lack a date, and checks the forbidden chrome strings. Run with
 * `npx tsx test/sources/corpus-report.ts /work/shared/corpus/news-zh-2022`
 * (or via vite-node); not part of `npm test`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readArticleFile } from '../../src/sources/article-file.js';
import { describeError } from '../../src/errors.js';

const FORBIDDEN = ['返回首頁', '翻墙', '获取更多RSS', 'feedx', '免责声明', 'Terms of use', '原文链接', 'below_article_ad', '<ok', '<script', '延展阅读'];

const dir = process.argv[2] ?? '/work/shared/corpus/news-zh-2022';
const files = (await readdir(dir)).sort();
let failed = 0;
let undated = 0;
const formats = new Map<string, number>();
for (const file of files) {
  try {
    const item = await readArticleFile(join(dir, file), file);
    formats.set(item.format, (formats.get(item.format) ?? 0) + 1);
    if (!item.published) {
      undated += 1;
      console.log(`UNDATED ${file} ${item.title}`);
    }
    for (const word of FORBIDDEN) {
      if (item.contentHtml.includes(word) || item.contentText.includes(word)) console.log(`CHROME ${file} ${word}`);
    }
    if (process.env['SHOW']) console.log(`${file}\t${item.format}\t${item.published}\t${item.outlet}\t${item.lang}\t${item.title}\t…${item.contentText.slice(-60).replace(/\n/g, ' ')}`);
  } catch (error) {
    failed += 1;
    console.log(`FAILED ${file}: ${describeError(error)}`);
  }
}
console.log(`files ${files.length}, failed ${failed}, with published ${files.length - failed - undated}, undated ${undated}`);
console.log(Object.fromEntries(formats));
