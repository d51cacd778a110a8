import { describe, expect, it } from 'vitest';
import { cleanBody } from '../../src/clean/clean-item.js';
import { sanitizeBody } from '../../src/clean/sanitize.js';

describe('sanitizeBody', () => {
  it('strips scripts, styles, event handlers, frames and forms', () => {
    const html = sanitizeBody(
      '<p onclick="x()">a<script>alert(1)</script></p><style>p{}</style><img src="https://e.org/i.jpg" onerror="steal()"><iframe src="https://e.org"></iframe><form><input name="q">text in form</form>',
    );
    expect(html).toBe('<p>a</p><img src="https://e.org/i.jpg" />');
  });

  it('drops javascript:, data: and vbscript: URLs', () => {
    const html = sanitizeBody('<a href="javascript:alert(1)">x</a><a href="vbscript:y">y</a><img src="data:image/png;base64,AAAA"><a href="https://ok.org/">ok</a>');
    expect(html).not.toMatch(/javascript:|vbscript:|data:/);
    expect(html).toContain('<a href="https://ok.org/" rel="noopener noreferrer">ok</a>');
  });

  it('keeps figures, tables and media', () => {
    const html = sanitizeBody('<figure><img src="https://e.org/a.jpg" alt="A"><figcaption>Cap</figcaption></figure><table><tr><td>1</td></tr></table><video src="https://e.org/v.mp4" poster="https://e.org/p.jpg" controls></video>');
    expect(html).toContain('<figure><img src="https://e.org/a.jpg" alt="A" /><figcaption>Cap</figcaption></figure>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<video src="https://e.org/v.mp4" poster="https://e.org/p.jpg" controls');
  });
});

describe('cleanBody', () => {
  it('turns <ok href> pseudo-links into links and joins prettified CJK text without spaces', () => {
    const body = cleanBody('<p>\n  美国国务卿\n  <ok href="https://www.epochtimes.com/gb/tag/a.html">\n   布林肯\n  </ok>\n  周二（2月1日）\n</p>', null);
    expect(body.text).toBe('美国国务卿布林肯周二（2月1日）');
    expect(body.html).toBe('<p>美国国务卿<a href="https://www.epochtimes.com/gb/tag/a.html" rel="noopener noreferrer">布林肯</a>周二（2月1日）</p>');
  });

  it('keeps spaces the author typed and word spaces in Latin text', () => {
    expect(cleanBody('<p>提供了 4.5 亿美元</p><p>Joe\n  <b>Biden</b>\n  said</p>', null).text).toBe('提供了 4.5 亿美元\n\nJoe Biden said');
  });

  it('strips zero-width characters', () => {
    expect(cleanBody('<p>普\u200B京\uFEFF</p>', null).text).toBe('普京');
  });

  it('resolves relative links against the article URL and unwraps those it cannot resolve', () => {
    const withBase = cleanBody('<p><a href="../b.html">b</a><img src="/i.png"></p>', 'https://news.example.org/a/x.html');
    expect(withBase.html).toContain('href="https://news.example.org/b.html"');
    expect(withBase.html).toContain('src="https://news.example.org/i.png"');
    const withoutBase = cleanBody('<p>see <a href="../b.html">b</a><img src="/i.png"></p>', null);
    expect(withoutBase.html).toBe('<p>see b</p>');
  });

  it('removes site chrome: nav lines, ads, feedx footer, QR codes, disclaimers, footer link lists, credits', () => {
    const html = [
      '<h4><a href="../..">首页</a> | <a href="../c">评论</a> | <a href="https://github.com/gfw-breaker/nogfw">翻墙</a></h4>',
      '<p>正文第一段。</p>',
      '<div id="below_article_ad"><p>广告</p></div>',
      '<p>责任编辑：林妍#</p>',
      '<p><img src="https://assets.gnews.org/wp-content/uploads/2022/02/二维码.jpg"></p>',
      '<p>免责声明：本文内容仅代表作者个人观点</p>',
      '<ul><li><a href="https://rolfoundation.org/">ROL Foundation</a></li><li><a href="https://gnews.org/terms-of-use-3/">Terms of use</a></li></ul>',
      '<div>获取更多RSS：<br><a href="https://feedx.net">https://feedx.net</a></div>',
      '<p>原文链接（需翻墙）：https://www.epochtimes.com/gb/22/2/1/n1.htm</p>',
    ].join('\n');
    const body = cleanBody(html, null);
    expect(body.text).toBe('正文第一段。');
    expect(body.html).toBe('<p>正文第一段。</p>');
  });

  it('takes related reading out of the body as links', () => {
    const body = cleanBody('<p>正文。</p><ul><li><em>延展阅读：</em><a href="https://e.org/r">相关标题</a></li></ul><p><strong>相关新闻</strong></p><blockquote><p><a href="https://gnews.org/zh-hans/1/">另一篇</a></p></blockquote>', null);
    expect(body.text).toBe('正文。');
    expect(body.related).toEqual([
      { url: 'https://gnews.org/zh-hans/1/', title: '另一篇' },
      { url: 'https://e.org/r', title: '相关标题' },
    ]);
  });

  it('keeps a paragraph that only mentions related news', () => {
    expect(cleanBody('<p>据相关新闻报道，会谈结束。</p>', null).text).toBe('据相关新闻报道，会谈结束。');
  });

  it('turns an image followed by a caption block into a figure', () => {
    const body = cleanBody('<img src="https://e.org/a.jpg" width="100%"><div><small style="color:#999">人们走过。</small></div><p>正文。</p>', null);
    expect(body.html).toBe('<figure><img src="https://e.org/a.jpg" width="100%"><figcaption>人们走过。</figcaption></figure><p>正文。</p>');
    expect(body.text).toBe('人们走过。\n\n正文。');
  });
});
