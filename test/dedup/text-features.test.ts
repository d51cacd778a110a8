import { describe, expect, it } from 'vitest';
import { foldText, stripTitleLabels } from '../../src/dedup/fold-text.js';
import { dayNumber, mentionedDates } from '../../src/dedup/mentioned-dates.js';
import { extractEntities } from '../../src/dedup/entities.js';
import { estimateJaccard, minhashSignature } from '../../src/dedup/minhash.js';
import { leadText, textTerms } from '../../src/dedup/fingerprint.js';

const iso = (day: number | null) => (day === null ? null : new Date(day * 86_400_000).toISOString().slice(0, 10));

describe('foldText', () => {
  it('folds traditional to simplified and drops the middle dots of transliterated names', () => {
    // GNews farm name (traditional) and the same in the simplified byline of seed 004.
    expect(foldText('東京櫻花団')).toBe(foldText('东京樱花团'));
    for (const name of ['谢尔盖‧拉夫罗夫', '謝爾蓋·拉夫羅夫', '谢尔盖•拉夫罗夫', '谢尔盖・拉夫罗夫']) expect(foldText(name)).toBe('谢尔盖拉夫罗夫');
  });

  it('turns full-width Latin into lower-case ASCII', () => {
    expect(foldText('ＮＡＴＯ　Ｓｕｍｍｉｔ')).toBe('nato summit');
  });
});

describe('stripTitleLabels', () => {
  it('removes column names and post-kind labels, keeps the headline', () => {
    expect(stripTitleLabels('樱花FM┃德国总理在制裁俄罗斯问题上倾向美国')).toBe('德国总理在制裁俄罗斯问题上倾向美国');
    expect(stripTitleLabels('樱花头条｜日本首相岸田于23日宣布对俄罗斯的三项制裁')).toBe('日本首相岸田于23日宣布对俄罗斯的三项制裁');
    expect(stripTitleLabels('秘翻在线：【速报】日本首相宣布对俄罗斯实施三项制裁')).toBe('日本首相宣布对俄罗斯实施三项制裁');
    expect(stripTitleLabels('组图：香港200警察搜查立场新闻 拘捕6人')).toBe('香港200警察搜查立场新闻 拘捕6人');
  });

  it('leaves a headline that starts with a speaker alone', () => {
    expect(stripTitleLabels('拜登：俄罗斯若入侵乌克兰 将付出高昂代价')).toBe('拜登：俄罗斯若入侵乌克兰 将付出高昂代价');
  });
});

describe('mentionedDates', () => {
  const published = dayNumber(2022, 1, 12);

  it('resolves weekday + date and takes the first recent day as the occurrence', () => {
    // VOA, seed 002: "克里姆林宫星期二(1月11日)说 … 星期一在日内瓦 …"
    const dates = mentionedDates(foldText('克里姆林宫星期二(1月11日)说，它对与美国本星期就欧洲安全问题举行的会谈取得突破不抱乐观态度。星期一在日内瓦与美国外交官举行了一天的会谈后'), published);
    expect(iso(dates.primary)).toBe('2022-01-11');
    expect(dates.days.map(iso)).toContain('2022-01-10');
  });

  it('does not read a numbered thing (`北溪 2 号管道`) as a day, and still reads `10号举行`', () => {
    // GNews, corpus 092: the headline's pipeline number made its occurrence day 2 February, five days before the talks.
    const monday = dayNumber(2022, 2, 7);
    const dates = mentionedDates(foldText('拜登表示：如果俄罗斯入侵乌克兰，北溪 2 号管道将被制裁\n拜登和到访的德国总理奥拉夫·肖尔茨2月7日（周一）在联合新闻发布会上表示'), monday);
    expect(iso(dates.primary)).toBe('2022-02-07');
    expect(dates.days.map(iso)).not.toContain('2022-02-02');
    expect(iso(mentionedDates('会议在10号举行', dayNumber(2022, 1, 12)).primary)).toBe('2022-01-10');
  });

  it('reads a bare day against the publication month, and last month when it is still ahead', () => {
    expect(iso(mentionedDates('立场宣布停运 港国安处拘捕7人 30日提堂', dayNumber(2021, 12, 30)).primary)).toBe('2021-12-30');
    expect(iso(mentionedDates('据雅虎日本31日消息称', dayNumber(2022, 1, 2)).primary)).toBe('2021-12-31');
  });

  it('puts a December date mentioned in January in the previous year', () => {
    expect(iso(mentionedDates('周四（12月30日），拜登与普京通话', dayNumber(2022, 1, 1)).primary)).toBe('2021-12-30');
  });

  it('ignores an old date in a photo caption when picking the occurrence of a dated item', () => {
    const text = '图为2021年6月16日，拜登和普京在瑞士会晤。法国方面周一（2月21日）表示';
    expect(iso(mentionedDates(text, dayNumber(2022, 2, 21)).primary)).toBe('2022-02-21');
  });

  it('keeps month and day for an undated item, but nothing that needs a publication date', () => {
    const dates = mentionedDates('美日防长和外长的2+2会晤于1月7日举行。而背景正是本月5日北朝鲜试射导弹', null);
    expect(dates.days).toHaveLength(1);
    expect(iso(dates.primary)?.slice(5)).toBe('01-07');
  });
});

describe('extractEntities', () => {
  it('matches a full transliterated name with its short form', () => {
    const full = extractEntities('俄罗斯副外长谢尔盖·里亚布科夫和美国常务副国务卿温迪·谢尔曼发起');
    const other = extractEntities('俄方代表團團長、副外長謝爾蓋‧里亞布科夫說');
    expect(full).toEqual(expect.arrayContaining(['n:里亚布科', 'n:谢尔曼']));
    expect(other).toContain('n:里亚布科');
    expect(other).not.toContain('n:谢尔曼');
  });

  it('meets one foreign name across scripts and translators', () => {
    // GNews (corpus 238) writes 舒尔茨 with a full stop for a joiner; a rewrite names him in Latin letters (corpus 214).
    const gnews = extractEntities('日报道，新上任的德国总理奥拉夫.舒尔茨，周日首次启程访问华盛顿');
    const latin = extractEntities('然而，尚不清楚 Scholz 是否同意这个想法。');
    expect(gnews).toEqual(expect.arrayContaining(['n:舒尔茨', 's:SLC']));
    expect(gnews.filter((entity) => latin.includes(entity))).toEqual(['s:SLC']);
    // Epoch Times writes 肖尔茨 (corpus 275).
    expect(extractEntities('马克龙、德国总理奥拉夫·肖尔茨（Olaf Scholz）讨论了他的')).toContain('s:SLC');
    expect(extractEntities('俄罗斯外交部长谢尔盖·拉夫罗夫（Sergey Lavrov）表示，他将于周四在日')).toEqual(
      expect.arrayContaining(['n:拉夫罗夫', 'w:lavrov', 's:LFLF']),
    );
  });

  it('reads a name without a joiner from a run of transliteration characters', () => {
    // Corpus 007 and 238: names in running text, after titles written with other characters.
    const kremlin = extractEntities('务卿布林肯和俄罗斯外长拉夫罗夫计划2月24日举行的会');
    expect(kremlin).toEqual(expect.arrayContaining(['s:BLG', 's:LFLF']));
    expect(extractEntities('舒尔茨在赴美前坚称')).toContain('s:SLC');
    // Neither 普京 (京) nor 习近平 is written in transliteration characters.
    expect(extractEntities('普京与习近平会面').filter((entity) => entity.startsWith('s:'))).toEqual([]);
  });

  it('reads a katakana name, as a Japanese source headline over a Chinese report writes it', () => {
    // GNews quotes its Japanese source's headline (corpus 160); the report itself writes 马克龙.
    const headline = extractEntities('信息来源：[**プーチン氏、ウクライナ情勢悪化させないと保証－マクロン氏が主張**]');
    expect(headline.filter((entity) => extractEntities('法国总统马克龙周一表示').includes(entity))).toEqual(['s:MGL']);
    // プーチン (BC) is too short to be a sound; ウクライナ is a name, and `・` parts a full name.
    expect(headline.filter((entity) => entity.startsWith('s:'))).toEqual(['s:GLN', 's:MGL']);
    expect(extractEntities('オラフ・ショルツ首相')).toEqual(expect.arrayContaining(['s:SLC']));
  });

  it('gives an English text no name sounds: its words already meet', () => {
    expect(extractEntities('Sergey Lavrov says Russia will not start a war').filter((entity) => entity.startsWith('s:'))).toEqual([]);
  });

  it('keeps counts with units, book titles and Latin names, not years or bare small numbers', () => {
    const entities = extractEntities('周四，欧洲议会以585票赞成、46票反对通过《香港基本自由遭受侵害决议案》（Violation of fundamental freedoms in Hong Kong）。2022年');
    expect(entities).toEqual(expect.arrayContaining(['c:585', 'c:46', 'b:香港基本自由遭受侵害决议案', 'w:violation', 'w:hong', 'w:kong']));
    expect(entities).not.toContain('c:2022');
    expect(entities).not.toContain('w:of');
  });
});

describe('lead and terms', () => {
  it('drops photo credits, datelines and bylines from the lead', () => {
    const lead = leadText('图为欧洲议会总部。(Frederick Florin/AFP via Getty Images)\n\n【大纪元2022年01月21日讯】（大纪元记者夏雨报导）周四（1月20日），欧洲议会强烈谴责香港人权的恶化', 600);
    expect(lead).toBe('周四（1月20日），欧洲议会强烈谴责香港人权的恶化');
  });

  it('keeps the paragraph a scraper glued a photo credit onto, without the credit', () => {
    // GNews, corpus 154: byline, credit and opening sentence on one line.
    const lead = leadText('撰稿：东京樱花团/上善若水图片来源美日在周五 (1月7日)举行外交和国防部长参与的“二加二”会谈，由美国国务卿布林肯与国防部长奥斯汀、日本外相林芳正与防卫大臣岸信夫展开合作讨论。', 600);
    expect(lead).toContain('美日在周五 (1月7日)举行外交和国防部长参与的“二加二”会谈');
    expect(lead).not.toContain('图片来源');
    // The team credit is the farm's furniture, shared by its posts on every subject.
    expect(lead).not.toContain('东京樱花团');
    expect(leadText('翻译/整理：意大利罗马达芬奇农场 Shuizhuyu\n德国总理舒尔茨在对美国的首次访问中明确表示', 600)).toBe('德国总理舒尔茨在对美国的首次访问中明确表示');
    // A credit with the opening sentence glued on and no space between: only the label can go.
    expect(leadText('翻译/整理：小明美国总统拜登周五表示将对俄罗斯实施制裁，白宫称这是第一批措施，更多的制裁将在未来几天公布', 600)).toContain('美国总统拜登周五表示将对俄罗斯实施制裁');
    // Epoch Times, corpus 022: a caption sentence and its credit after the opening sentence.
    const glued = leadText('美国总统乔‧拜登2月13日再次与乌克兰总统弗拉基米尔‧泽连斯基通话，重申美国的支持。图为2021年12月9日，拜登在白宫椭圆形办公室与泽连斯基通话的情景。(Doug Mills-Pool/Getty Images)', 600);
    expect(glued.trim()).toBe('美国总统乔‧拜登2月13日再次与乌克兰总统弗拉基米尔‧泽连斯基通话，重申美国的支持。');
    // An agency named inside a sentence, or an image source after it, does not make the sentence a caption.
    expect(leadText('据路透社（Reuters）报道，美国总统拜登2月13日再次与乌克兰总统泽连斯基通话', 600)).toBe('据路透社（Reuters）报道，美国总统拜登2月13日再次与乌克兰总统泽连斯基通话');
    expect(leadText('美国总统拜登2月13日与泽连斯基通话。（图片来源：白宫）', 600)).toBe('美国总统拜登2月13日与泽连斯基通话。');
  });

  it('makes character bigrams of Chinese, whole words of Latin text, and skips function-character pairs', () => {
    expect(textTerms(foldText('美日2+2视频会晤'))).toEqual(['美日', '2', '2', '视频', '频会', '会晤']);
    expect(textTerms('nato的会议')).toEqual(['nato', '会议']);
  });
});

describe('minhash', () => {
  const text = '在1月7日访问华盛顿特区后，德国总理肖尔茨在与美国总统拜登举行的联合新闻发布会上警告说，如果俄罗斯入侵乌克兰，他将实施强有力的、意义深远的制裁';
  it('estimates a high Jaccard for a re-post with a changed ending and a low one for another story', () => {
    const repost = minhashSignature(foldText(`${text}，并表示在制裁俄罗斯问题上将与美国一致行动。音频：东京樱花团`), 5, 64);
    const original = minhashSignature(foldText(`${text}，并表示在制裁俄罗斯问题上将与美国一致行动。`), 5, 64);
    const other = minhashSignature(foldText('周四，欧洲议会以585票赞成、46票反对和41票弃权通过香港基本自由遭受侵害决议案，呼吁外交抵制北京冬奥'), 5, 64);
    expect(estimateJaccard(repost, original)).toBeGreaterThan(0.7);
    expect(estimateJaccard(original, other)).toBeLessThan(0.1);
  });
});
