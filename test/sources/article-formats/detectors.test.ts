/**
 * Each format reader against its seed and real corpus files: it claims its
 * own layout, leaves the others alone, and reads what the layout says.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleFormats, detectFormat } from '../../../src/sources/article-formats/index.js';
import { epochTimesMirror } from '../../../src/sources/article-formats/epoch-times-mirror.js';
import { feedxMarkdown } from '../../../src/sources/article-formats/feedx-markdown.js';
import { generic } from '../../../src/sources/article-formats/generic.js';
import { gnewsMarkdown } from '../../../src/sources/article-formats/gnews-markdown.js';
import { hexoFrontMatter } from '../../../src/sources/article-formats/hexo-front-matter.js';
import { parseArticle } from '../../../src/sources/article-file.js';

const text = (name: string): string => readFileSync(new URL(`../../fixtures/articles/${name}`, import.meta.url), 'utf8');

const layouts: Record<string, string[]> = {
  'epoch-times-mirror': ['000_481a4a5cf64b5119.txt', 'corpus-018_7c36ff9a64c9.txt'],
  'hexo-front-matter': ['001_ce804001e456922b.txt', '003_0594c77cbcb85587.txt'],
  'feedx-markdown': ['002_72ee53b23b60c233.txt', 'corpus-030_355f177e7444.txt', 'corpus-205_5033403455dc.txt'],
  'gnews-markdown': [
    '004_d748690ec3cdfd2e.txt',
    'corpus-008_9cc641b92480.txt',
    'corpus-012_dd91aaf259a3.txt',
    'corpus-034_40b0767368e7.txt',
    'corpus-106_9b15a182f186.txt',
    'corpus-235_f5688e7f546d.txt',
    'corpus-253_64e85d33aa41.txt',
  ],
};

describe('format detection by content', () => {
  it('gives every fixture to its own reader, generic last', () => {
    expect(articleFormats.at(-1)).toBe(generic);
    for (const [name, files] of Object.entries(layouts)) {
      for (const file of files) expect(detectFormat(text(file))?.name, file).toBe(name);
    }
  });

  it('specific readers do not claim other layouts', () => {
    for (const format of [epochTimesMirror, hexoFrontMatter, feedxMarkdown, gnewsMarkdown]) {
      for (const [name, files] of Object.entries(layouts)) {
        if (name === format.name) continue;
        for (const file of files) expect(format.detect(text(file)), `${format.name} on ${file}`).toBe(false);
      }
    }
  });
});

describe('epoch-times-mirror', () => {
  it('reads a photo report: dateline date, URL, figures with captions', () => {
    const item = parseArticle(text('corpus-018_7c36ff9a64c9.txt'), '018.txt');
    expect(item.title).toBe('组图：从纽约到巴黎 Omicron笼罩下全球迎新年');
    expect(item.published).toBe('2022-01-01T00:00:00+08:00');
    expect(item.url).toMatch(/^https:\/\/www\.epochtimes\.com\/gb\/2[12]\/\d+\/\d+\/n\d+\.htm$/);
    expect(item.contentHtml).toMatch(/<figure><img [^>]+><figcaption>[^<]+<\/figcaption><\/figure>/);
  });

  it('falls back to the URL path when the dateline is missing', () => {
    const withoutDateline = text('000_481a4a5cf64b5119.txt').replace('【大纪元2022年02月02日讯】', '');
    expect(epochTimesMirror.parse(withoutDateline, 'x').published).toBe('2022-02-01T00:00:00+08:00');
  });
});

describe('hexo-front-matter', () => {
  it('normalises the outlet and drops RSSHub pipeline categories', () => {
    const raw = hexoFrontMatter.parse(text('001_ce804001e456922b.txt'), '001');
    expect(raw.outletNames).toEqual(['Al Jazeera (半岛网)']);
    expect(raw.categories).toEqual([]);
    expect(raw.url).toBeNull();
  });

  it('refuses front matter whose date is not a date', () => {
    const broken = text('001_ce804001e456922b.txt').replace('date: Thu, 20 Jan 2022 02:24:38 GMT', 'date: sometime');
    expect(() => hexoFrontMatter.parse(broken, '001')).toThrow(/date is not a date/);
  });
});

describe('feedx-markdown', () => {
  it('takes the <!--ms--> comment as the fetch time and the lead image as the image', () => {
    const item = parseArticle(text('corpus-030_355f177e7444.txt'), '030.txt');
    expect(item.fetchedAt).toBe('2022-02-22T17:39:02Z'); // date -u -d @1645551542
    expect(item.published).toBe('2022-02-22T17:00:39Z');
    expect(item.image).toBe('https://images.weserv.nl/?url=gdb.voanews.com/D3DF3B90-0A49-427B-AAE8-8C1D6F6B13F9_r1_s_w900.jpg');
    expect(item.contentHtml).toContain('<figcaption>人们从台北街头的台湾旗帜旁走过。（2020年8月10日）</figcaption>');
    expect(item.contentText).toMatch(/但他们往往也会将乌克兰危机与台海紧张情势做比较。$/);
  });

  it('reads items that end without the feedx footer', () => {
    const item = parseArticle(text('corpus-205_5033403455dc.txt'), '205.txt');
    expect(item.contentText).toMatch(/首次突破每桶100美元的大关。$/);
  });
});

describe('gnews-markdown', () => {
  it('dates translation-team posts by their leading US date and keeps that short text', () => {
    const item = parseArticle(text('corpus-034_40b0767368e7.txt'), '034.txt');
    expect(item.published).toBe('2022-02-17T00:00:00-05:00');
    expect(item.contentText).toBe('02/17/2022 布林肯在联合国安理会上敦促俄罗斯不要走“战争之路”。');
    expect(item.author).toBe('秘密翻译组-精翻组 G-Translators/Elite Team');
  });

  it('dates posts without a date line from month-day mentions in their upload month', () => {
    expect(parseArticle(text('corpus-008_9cc641b92480.txt'), '008.txt').published).toBe('2022-02-23T00:00:00-05:00');
    expect(parseArticle(text('corpus-235_f5688e7f546d.txt'), '235.txt').published).toBe('2022-02-23T00:00:00-05:00');
  });

  it('leaves a post undated rather than take a recalled or background day for the day of writing', () => {
    // 106: a February post whose only day, "在1月7日访问", is weeks before its upload month.
    expect(parseArticle(text('corpus-106_9b15a182f186.txt'), '106.txt').published).toBeNull();
    // 253: "最后一次通话是在2月12日" recalls an earlier call, and a caption's 2021年6月16日 is older still.
    expect(parseArticle(text('corpus-253_64e85d33aa41.txt'), '253.txt').published).toBeNull();
  });

  it('moves 相关新闻 links to related and keeps the source link of a near-empty post', () => {
    const item = parseArticle(text('corpus-012_dd91aaf259a3.txt'), '012.txt');
    expect(item.related).toEqual([{ url: 'https://gnews.org/zh-hans/2062077/', title: '胡锡进: 要习惯解放军进入台湾' }]);
    expect(item.contentText).not.toContain('相关新闻');
    const videoPost = parseArticle(text('corpus-235_f5688e7f546d.txt'), '235.txt');
    expect(videoPost.contentHtml).toContain('https://gettr.com/post/pw90fx95ba');
  });
});

describe('generic', () => {
  it('reads a markdown article with front matter naming a known outlet', () => {
    const item = parseArticle('---\ntitle: "Talks &amp; more"\nlink: https://www.voachinese.com/a/x.html\ndate: 2022-01-05 10:00\n---\n\n正文第一段。\n\n![](/img/a.jpg)\n', 'g.md');
    expect(item.format).toBe('generic');
    expect(item.title).toBe('Talks & more');
    expect(item.outlet).toBe('VOA (美国之音)');
    expect(item.published).toBe('2022-01-05T10:00:00-05:00');
    expect(item.contentHtml).toContain('src="https://www.voachinese.com/img/a.jpg"');
  });

  it('reads an HTML page with og: metadata', () => {
    const page = '<!doctype html><html><head><title>Ignored</title><meta property="og:title" content="会谈结束"><meta property="og:site_name" content="Example News"><link rel="canonical" href="https://news.example.org/a/1.html"><meta property="article:published_time" content="2022-02-01T08:00:00+08:00"></head><body><article><h1>会谈结束</h1><p>正文。</p><script>track()</script></article></body></html>';
    const item = parseArticle(page, 'p.html');
    expect(item.title).toBe('会谈结束');
    expect(item.outlet).toBe('Example News');
    expect(item.url).toBe('https://news.example.org/a/1.html');
    expect(item.published).toBe('2022-02-01T08:00:00+08:00');
    expect(item.contentHtml).toBe('<p>正文。</p>');
  });
});
