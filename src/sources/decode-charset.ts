/**
 * Turns the raw bytes of a fetched feed into text: finds the charset (byte
 * order mark, HTTP `charset`, UTF-16/32 byte pattern, XML declaration, HTML
 * `<meta charset>`, then sniffing) and decodes with iconv-lite, which knows the
 * legacy encodings Chinese, Japanese and Russian feeds still use (GB2312/GBK/
 * GB18030, Big5, Shift_JIS, windows-1251).
 *
 * It does not parse the document; the XML declaration is read only for its
 * `encoding` attribute.
 */
import iconv from 'iconv-lite';
import { SourceError } from '../errors.js';

export type CharsetEvidence = 'bom' | 'http' | 'byte-pattern' | 'xml-declaration' | 'meta' | 'sniffed' | 'default';

export interface DecodedDocument {
  text: string;
  /** Canonical lower-case charset name that was used (`utf-8`, `gb18030`, `big5`). */
  charset: string;
  /** Where the charset came from. */
  evidence: CharsetEvidence;
}

/**
 * Above this share of U+FFFD in the decoded text the document is not in the
 * charset we decoded it with, and a feed full of replacement characters is
 * worse than a clear error.
 */
const MAX_REPLACEMENT_SHARE = 0.01;

/** How far into the document the XML declaration and `<meta>` are looked for (WHATWG prescans 1024 bytes). */
const PRESCAN_BYTES = 2048;

/**
 * Labels mapped to the decoder that reads what servers actually send under
 * that label. GB2312 and GBK pages routinely contain GB18030-only characters,
 * and Big5 pages the HKSCS extension, so the supersets are used (WHATWG does
 * the same). US-ASCII and Latin-1 are read as their real-world supersets.
 */
const SUPERSETS: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  cp936: 'gb18030',
  'x-gbk': 'gb18030',
  'euc-cn': 'gb18030',
  'gb_2312-80': 'gb18030',
  big5: 'big5hkscs',
  'big5-hkscs': 'big5hkscs',
  'x-x-big5': 'big5hkscs',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  ms_kanji: 'shift_jis',
  'windows-31j': 'shift_jis',
  utf8: 'utf-8',
};

/** Canonical decoder name for a charset label, or null when iconv-lite does not know it. */
export function normaliseCharset(label: string): string | null {
  const cleaned = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (cleaned === '') return null;
  const name = SUPERSETS[cleaned] ?? cleaned;
  return iconv.encodingExists(name) ? name : null;
}

/** The `charset` parameter of a Content-Type header (`text/xml; charset = "gb2312"`), or null. */
export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("[^"]*"|'[^']*'|[^;\s]+)/i.exec(contentType);
  return match?.[1] ? match[1].replace(/^["']|["']$/g, '').trim() || null : null;
}

export function detectCharset(bytes: Uint8Array, contentType: string | null): { charset: string; evidence: CharsetEvidence } {
  const bom = charsetFromBom(bytes);
  // RFC 7303 §3.3: a byte order mark outranks the charset parameter.
  if (bom) return { charset: bom, evidence: 'bom' };

  const fromHeader = charsetFromContentType(contentType);
  const headerCharset = fromHeader ? normaliseCharset(fromHeader) : null;
  if (headerCharset) return { charset: headerCharset, evidence: 'http' };

  const pattern = charsetFromBytePattern(bytes);
  if (pattern) return { charset: pattern, evidence: 'byte-pattern' };

  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const declaredCharset = declared ? normaliseCharset(declared) : null;
  // A UTF-16 declaration on bytes without a BOM or UTF-16 pattern is a lie left by a re-encoding tool.
  if (declaredCharset && !declaredCharset.startsWith('utf-16') && !declaredCharset.startsWith('utf-32')) {
    return { charset: declaredCharset, evidence: 'xml-declaration' };
  }

  const meta = charsetFromMeta(head);
  if (meta) return { charset: meta, evidence: 'meta' };

  if (isAscii(bytes) || isValidUtf8(bytes)) return { charset: 'utf-8', evidence: 'default' };
  return { charset: sniffCharset(bytes), evidence: 'sniffed' };
}

/**
 * Decodes the bytes with the detected charset. When a declared UTF-8 turns
 * out to be something else (common on old Chinese sites that never updated
 * their templates), the sniffed charset is used instead of a page of U+FFFD.
 */
export function decodeDocument(bytes: Uint8Array, contentType: string | null, source: string): DecodedDocument {
  let { charset, evidence } = detectCharset(bytes, contentType);
  if (charset === 'utf-8' && evidence !== 'bom' && !isValidUtf8(bytes)) {
    const sniffed = sniffCharset(bytes);
    if (replacementShare(decodeWith(bytes, sniffed)) < replacementShare(decodeWith(bytes, 'utf-8'))) {
      charset = sniffed;
      evidence = 'sniffed';
    }
  }
  const text = decodeWith(bytes, charset);
  const share = replacementShare(text);
  if (share > MAX_REPLACEMENT_SHARE) {
    throw new SourceError(
      source,
      'encoding',
      `bytes are not valid ${charset} (charset from ${evidence}); ${(share * 100).toFixed(1)}% of characters could not be decoded`,
    );
  }
  return { text, charset, evidence };
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  // iconv-lite strips a leading BOM by default, which is what the XML parser wants.
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
}

function replacementShare(text: string): number {
  if (text.length === 0) return 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) count++;
  return count / text.length;
}

function charsetFromBom(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  // UTF-32 first: its little-endian BOM begins with the UTF-16LE one.
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return 'utf-32le';
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return 'utf-32be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** XML 1.0 Appendix F: a document must start with `<`, so BOM-less UTF-16/32 shows in the zero bytes around it. */
function charsetFromBytePattern(b: Uint8Array): string | null {
  if (b.length < 4) return null;
  const [a, c, d, e] = [b[0], b[1], b[2], b[3]];
  if (a === 0x3c && c === 0 && d === 0 && e === 0) return 'utf-32le';
  if (a === 0 && c === 0 && d === 0 && e === 0x3c) return 'utf-32be';
  if (a === 0x3c && c === 0 && e === 0) return 'utf-16le';
  if (a === 0 && c === 0x3c && d === 0) return 'utf-16be';
  return null;
}

function charsetFromMeta(head: string): string | null {
  const direct = /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  return direct ? normaliseCharset(direct) : null;
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Very frequent characters of each script. Text decoded with the wrong
 * East-Asian charset still yields CJK characters (both GBK and Big5 accept
 * most byte pairs), but almost never these ones, so counting them tells the
 * charsets apart where counting errors cannot.
 */
const FREQUENT: Record<string, string> = {
  gb18030: '的是不了在人有我他这个们中来上大为和国地到以说时要就出会也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱辑寒悉映虫误',
  big5hkscs:
    '的是不了在人有我他這個們中來上大為和國地到以說時要就出會也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應戰向頭文體政美相見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報才結反受目太量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運笑飛風步改收根乾造言聯持組每濟車親極林服快辦議往元英士證近失轉夫令準布始怎呢存未遠叫臺單影具羅字愛擊流備兵連調深商算質團集百需價花黨華城石級整府離況亞請技際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企八功嗎包片史委乎查輕易早曾除農找裝廣顯吧阿李標談吃圖念六引歷首醫局突專費號盡另周較注語僅考落青隨選列武紅響雖推勢參希古眾構房半節土投某案黑維革劃敵致陳律足態護七興派孩驗責營星夠章音跟志底站嚴巴例防族供效續施留講型料終答緊黃絕奇察母京段依批群項故按河米圍江織害鬥雙境客紀採舉殺攻父蘇密低朝友訴止細願千值仍男錢破網熱助倒育屬坐帝限船臉職速刻樂否剛威毛狀率甚獨球般普怕彈校苦創假久錯承印晚蘭試股拿腦預誰益陽若哪微尼繼送急血驚傷素藥適波夜省初喜衛源食險待述陸習置居勞財環排福納歡雷警獲模充負雲停木遊龍樹疑層冷洲衝射略範竟句室異激漢村哈策演簡卡罪判擔州靜退既衣您宗積餘痛檢差富靈協角佔配徵修皮揮勝降階審沉堅善媽劉讀啊超免壓銀買皇養伊懷執副亂抗犯追幫宣佛歲航優怪香著田鐵控稅左右份穿藝背陣草腳概惡塊頓敢守酒島託央戶烈洋哥索胡款靠評版寶座釋景顧弟登貨互付伯慢歐換聞危忙核暗姐介壞討麗良序升監臨亮露永呼味野架域沙掉括艦魚雜誤灣吉減編楚肯測敗屋跑夢散溫困劍漸封救貴槍缺樓縣尚毫移娘朋畫班智亦耳恩短掌恐遺固席松祕謝魯遇康慮幸均銷鐘詩藏趕劇票損忽巨炮舊端探湖錄葉春鄉附吸予禮港雨呀板庭婦歸睛飯額含順輸搖招婚脫補謂督毒油療旅澤材滅逐莫筆亡鮮詞聖擇尋廠睡博勒煙授諾倫岸奧唐賣俄炸載洛健堂旁宮喝借君禁陰園謀宋避抓榮姑孫逃牙束跳頂玉鎮雪午練迫爺篇肉嘴館遍凡礎洞卷坦牛寧紙諸訓私莊祖絲翻暴森塔默握戲隱熟骨訪弱蒙歌店鬼軟典欲薩夥遭盤爸擴蓋弄雄穩忘億刺擁徒姆楊齊賽趣曲刀床迎冰虛玩析窗醒妻透購替塞努休虎揚途侵刑綠兄迅套貿畢唯谷輪庫跡尤競街促延震棄甲偉麻川申緩潛閃售燈針哲絡抵朱埃抱鼓植純夏忍頁傑築折鄭貝尊吳秀混臣雅振染盛怒舞圓搞狂措姓殘秋培迷誠寬宇猛擺梅毀伸摩盟末乃悲拍丁趙硬麥蔣操耶阻訂彩抽讚魔紛沿喊違妹浪匯幣豐藍殊獻桌啦瓦萊輯寒悉映蟲',
  shift_jis: 'のにはをたがでてとしれさあいうかっなるすこもりまやくらよけせそつねへほめゆわんアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンー日本人年月大中出時行見',
  'euc-kr': '이의가는을에하고다지한로서기사도니리자일으어수대요부를해라시정아나게보그것들전만주여까있없',
  'windows-1251': 'оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёОЕАИНТСРВЛКМДПУЯ',
};

/**
 * Last resort when nothing declares a charset and the bytes are not UTF-8:
 * decode with each legacy charset and keep the one whose text is made of the
 * most frequent characters of its script and the fewest decoding errors.
 */
export function sniffCharset(bytes: Uint8Array): string {
  let best = 'windows-1252';
  let bestScore = 0;
  for (const [charset, frequent] of Object.entries(FREQUENT)) {
    const text = decodeWith(bytes, charset);
    let hits = 0;
    let errors = 0;
    for (const char of text) {
      if (char === '\ufffd') errors++;
      else if (frequent.includes(char)) hits++;
    }
    const score = hits - 4 * errors;
    if (score > bestScore) {
      best = charset;
      bestScore = score;
    }
  }
  return best;
}
