import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/clean/language.js';

describe('detectLanguage', () => {
  it('tells simplified from traditional Chinese, Japanese and English', () => {
    expect(detectLanguage('美国国务卿布林肯与俄罗斯外长通话', '国务院随后发布声明说，双方进行了会谈。')).toBe('zh-Hans');
    expect(detectLanguage('美國國務卿布林肯與俄羅斯外長通話', '國務院隨後發佈聲明說，雙方進行了會談。')).toBe('zh-Hant');
    expect(detectLanguage('首相　ロシアへの3つの制裁措置を発表', '岸田首相は記者団に対し、制裁を発表した。')).toBe('ja');
    expect(detectLanguage('Biden warns Putin', 'The White House said on Thursday that talks would go on.')).toBe('en');
  });
});
