import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle, readArticleFile } from '../../src/sources/article-file.js';
import { SourceError } from '../../src/errors.js';

const FIXTURES = new URL('../fixtures/articles/', import.meta.url).pathname;
const FORBIDDEN = ['返回首頁', '翻墙', '获取更多RSS', 'feedx', '免责声明', 'Terms of use', '原文链接', 'below_article_ad', '<ok', '<script', '延展阅读'];

const seeds = {
  epoch: '000_481a4a5cf64b5119.txt',
  aljazeera1: '001_ce804001e456922b.txt',
  voa: '002_72ee53b23b60c233.txt',
  aljazeera2: '003_0594c77cbcb85587.txt',
  gnews: '004_d748690ec3cdfd2e.txt',
};

async function read(name: string) {
  return readArticleFile(join(FIXTURES, name), name);
}

describe('the five seeds', () => {
  it('000 Epoch Times mirror: title, URL from the footer, dateline date, outlet', async () => {
    const item = await read(seeds.epoch);
    expect(item.format).toBe('epoch-times-mirror');
    expect(item.title).toBe('布林肯与俄外长通话 敦促普京撤军');
    expect(item.url).toBe('https://www.epochtimes.com/gb/22/2/1/n13547108.htm');
    expect(item.published).toBe('2022-02-02T00:00:00+08:00');
    expect(item.outlet).toContain('Epoch Times');
    expect(item.contentText).toContain('美国国务卿布林肯周二');
    expect(item.contentText.endsWith('俄罗斯在乌克兰边境附近集结了超过10万名士兵，欧美国家指控普京打算入侵乌克兰，普京则表示否认。')).toBe(true);
    expect(item.contentHtml).toContain('<a href="https://www.epochtimes.com/gb/tag/%E5%B8%83%E6%9E%97%E8%82%AF.html" rel="noopener noreferrer">布林肯</a>');
    expect(item.contentHtml).toMatch(/<figure><img[^>]+><figcaption>2022年2月1日，美国国务卿布林肯/);
    expect(item.contentText).not.toContain('责任编辑');
  });

  it('001 and 003 Hexo front matter: no URL, RFC 822 date in Z, Al Jazeera', async () => {
    const first = await read(seeds.aljazeera1);
    expect(first.format).toBe('hexo-front-matter');
    expect(first.title).toBe('乌克兰：布林肯从基辅发出威胁与俄罗斯无意改变其在边境的军事部署');
    expect(first.url).toBeNull();
    expect(first.published).toBe('2022-01-20T02:24:38Z');
    expect(first.outlet).toBe('Al Jazeera (半岛网)');
    expect(first.author).toBeNull();
    expect(first.image).toBe('https://chinese.aljazeera.net/wp-content/uploads/2022/01/image-6-2.jpg?w=770&resize=770%2C433');
    expect(first.contentText.endsWith('在俄罗斯军队去年底进入乌克兰边境之前，美国已经向乌克兰提供了 4.5 亿美元的军事援助。')).toBe(true);

    const second = await read(seeds.aljazeera2);
    expect(second.title).toBe('美俄会谈在日内瓦落幕与北约警告莫斯科不要入侵乌克兰');
    expect(second.url).toBeNull();
    expect(second.published).toBe('2022-01-11T02:11:30Z');
    expect(second.outlet).toBe('Al Jazeera (半岛网)');
    expect(second.contentHtml).toContain('<figcaption>谢尔盖·里亚布科夫与温迪·谢尔曼（阿纳多卢通讯社）</figcaption>');
  });

  it('002 feedx: publication date from <div><i>, fetch time from the comment, video as media', async () => {
    const item = await read(seeds.voa);
    expect(item.format).toBe('feedx-markdown');
    expect(item.title).toBe('俄罗斯和美国就乌克兰和安全问题再次争吵');
    expect(item.url).toBe('https://www.voachinese.com/a/us-Russia-talks-20220111/6393207.html');
    expect(item.published).toBe('2022-01-12T01:43:14Z');
    expect(item.fetchedAt).toBe('2022-01-12T01:59:03Z');
    expect(item.outlet).toBe('VOA (美国之音)');
    expect(item.media).toEqual([
      {
        url: 'https://av.voanews.com/Videoroot/Pangeavideo/2022/01/3/3c/3c95d1e6-4614-423a-a287-3b2fb8dadcc8_240p.mp4',
        type: 'video/mp4',
        poster: 'https://images.weserv.nl/?url=gdb.voanews.com/C4B51D0C-E960-4F37-B903-CB7C1D78773B_r1_s_w900.jpg',
        title: 'VOA连线(张蓉湘): 美呼吁俄走外交道路 从乌克兰边境撤军',
        length: null,
      },
    ]);
    expect(item.contentText).toMatch(/部署的地方。\n\n（本文参考了美联社的信息。）$/);
  });

  it('004 GNews: URL from 轉載自GNews, trailing date line, author, related links out of the body', async () => {
    const item = await read(seeds.gnews);
    expect(item.format).toBe('gnews-markdown');
    expect(item.title).toBe('普京直面对手乔拜登就乌危机主动电话斡旋避免酿大错');
    expect(item.url).toBe('https://gnews.org/zh-hans/1808313/');
    expect(item.published?.slice(0, 10)).toBe('2021-12-31');
    expect(item.outlet).toBe('GNews');
    expect(item.author).toBe('东京樱花团｜捆绑CCP一千年');
    expect(item.related.map((link) => link.url)).toEqual([
      'https://www.econotimes.com/Russia-Ukraine-conflict-Vladimir-Putin-withdraws-10000-troops-at-border-ahead-of-talks-with-Germany-1624058',
      'https://www.fdd.org/analysis/2021/12/17/corruption-in-ukraines-judiciary/',
    ]);
    expect(item.contentHtml).toMatch(/<figcaption><a [^>]+><em>图片来源（2021年6月16日乔拜登在日内瓦会见普京）<\/em><\/a><\/figcaption>/);
    expect(item.contentText).toMatch(/“让莫斯科为其侵略付出鲜血和金钱”。$/);
    expect(item.contentHtml).not.toContain('二维码');
    expect(item.contentText).not.toMatch(/校对|发布：/);
  });

  it('no seed keeps site chrome or unsafe markup', async () => {
    for (const name of Object.values(seeds)) {
      const item = await read(name);
      for (const word of FORBIDDEN) {
        expect(item.contentHtml, `${name} html: ${word}`).not.toContain(word);
        expect(item.contentText, `${name} text: ${word}`).not.toContain(word);
      }
    }
  });
});

describe('identity', () => {
  it('reading the same file twice gives the same id and hash', async () => {
    const [first, second] = [await read(seeds.aljazeera1), await read(seeds.aljazeera1)];
    expect(first.id).toMatch(/^it_[0-9a-f]{16}$/);
    expect(second.id).toBe(first.id);
    expect(second.contentHash).toBe(first.contentHash);
  });
});

describe('refusals', () => {
  it('refuses invalid UTF-8 and binary files with an encoding error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'feedfold-article-'));
    await writeFile(join(dir, 'gbk.txt'), Buffer.from([0x23, 0x20, 0xc4, 0xe3, 0xba, 0xc3, 0xff, 0xfe]));
    await writeFile(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    for (const name of ['gbk.txt', 'image.png']) {
      const error = await readArticleFile(join(dir, name), name).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as SourceError).kind).toBe('encoding');
      expect((error as SourceError).source).toBe(name);
    }
  });

  it('strips a byte order mark before detecting the format', async () => {
    const text = await readFile(join(FIXTURES, seeds.voa), 'utf8');
    const dir = await mkdtemp(join(tmpdir(), 'feedfold-article-'));
    await writeFile(join(dir, 'bom.txt'), `\uFEFF${text}`);
    expect((await readArticleFile(join(dir, 'bom.txt'), 'bom.txt')).format).toBe('feedx-markdown');
  });

  it('refuses a text without title or body instead of returning an empty item', () => {
    for (const text of ['', '   \n', 'just a line of words with no heading', '# Title only\n']) {
      expect(() => parseArticle(text, 'bad.md')).toThrow(SourceError);
    }
    try {
      parseArticle('# Title only\n', 'bad.md');
    } catch (error) {
      expect((error as SourceError).source).toBe('bad.md');
      expect((error as SourceError).message).toMatch(/no body/);
    }
  });

  it('refuses a generic article whose outlet nothing names', () => {
    expect(() => parseArticle('# 标题\n\n正文一段。\n', 'x.md')).toThrow(/outlet/);
  });
});
