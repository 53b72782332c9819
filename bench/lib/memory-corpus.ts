// A deterministic generator of realistic multilingual translation-memory entries for
// bench/memory.ts: several language pairs (Latin, Cyrillic, Arabic and CJK scripts), short
// strings (1–3 words), sentences and paragraphs, inline codes, and phrases that recur with
// small changes (a word or a number) as real posts' questions, sign-offs and titles do.
//
// Words follow Zipf's law over a vocabulary of real frequent words followed by a long tail of
// pseudo-words built from each language's own syllables, so trigram frequencies look like real
// text's: a few very common trigrams, a long tail of rare ones. Nothing here is measured.

/** A small fast PRNG (mulberry32); the same seed gives the same corpus on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A 32-bit string hash (FNV-1a), to seed per-text generators. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface LanguageModel {
  tag: string;
  /** Real frequent words, most frequent first (the head of the Zipf curve). */
  common: readonly string[];
  /** Syllables pseudo-words are built from (the long tail). */
  syllables: readonly string[];
  /** Words are joined by this (a space; nothing for Chinese and Japanese). */
  joiner: string;
  /** Sentence end and clause punctuation. */
  stop: readonly string[];
  comma: string;
  capitalize: boolean;
}

const LATIN_STOP = ['.', '.', '.', '.', '!', '?'];

const MODELS: Record<string, LanguageModel> = {
  en: {
    tag: 'en',
    common: (
      'the of and to in a is that for it as was with be by on not he this are or his from at ' +
      'which but have an they you were their one all we can her has there been if more when ' +
      'will would who so no our community translation chapter session join volunteers project ' +
      'question answer thank you share event conference partners wikipedia editors local world ' +
      'people work together year first new open knowledge language languages read more about'
    ).split(' '),
    syllables:
      'ba be bi bo ca ce ci co da de di do fa fe fi ga ge go ha he hi la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi wa we wi ya ye st th sh ch ng er in on an en ar or al ous ing ment tion ly ed es'.split(
        ' ',
      ),
    joiner: ' ',
    stop: LATIN_STOP,
    comma: ',',
    capitalize: true,
  },
  es: {
    tag: 'es',
    common: (
      'de la que el en y a los se del las un por con no una su para es al lo como más pero sus ' +
      'le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien ' +
      'desde todo nos durante todos uno les ni contra otros ese eso ante ellos comunidad ' +
      'traducción capítulo sesión voluntarios proyecto pregunta respuesta gracias evento'
    ).split(' '),
    syllables:
      'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge go gu ja je jo la le li lo lu ma me mi mo mu na ne ni no ña ño pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ción dad mente ría ción'.split(
        ' ',
      ),
    joiner: ' ',
    stop: ['.', '.', '.', '.', '!', '?'],
    comma: ',',
    capitalize: true,
  },
  de: {
    tag: 'de',
    common: (
      'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es ' +
      'an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen ' +
      'so zum war haben nur oder aber vor zur bis mehr durch man gemeinschaft übersetzung ' +
      'kapitel sitzung freiwillige projekt frage antwort danke veranstaltung'
    ).split(' '),
    syllables:
      'ba be bi bo da de di do ge gi go ha he hi ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to wa we wi zu sch ch st ei au äu ö ü ung heit keit lich ig er en'.split(
        ' ',
      ),
    joiner: ' ',
    stop: LATIN_STOP,
    comma: ',',
    capitalize: true,
  },
  sw: {
    tag: 'sw',
    common: (
      'na ya wa kwa ni katika za la hii kuwa cha huo hiyo pia kama lakini sana yake wao hao ' +
      'jumuiya tafsiri sura kikao wajitolea mradi swali jibu asante tukio washirika'
    ).split(' '),
    syllables:
      'ba be bi bo bu cha che chi da de di do du fa fi ga gi go ha he hi ja ji ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu nya pa pi ra ri sa se si so su ta te ti tu wa we wi ya za zi mba nda nga'.split(
        ' ',
      ),
    joiner: ' ',
    stop: LATIN_STOP,
    comma: ',',
    capitalize: true,
  },
  ru: {
    tag: 'ru',
    common: (
      'и в не на я что он с как а то все она так его но да ты к у же вы за бы по только ее мне ' +
      'было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был ' +
      'сообщество перевод отделение сессия волонтеры проект вопрос ответ спасибо событие'
    ).split(' '),
    syllables:
      'ба бе би бо ва ве ви во га ге го да де ди до жа же за зе зи ка ке ки ко ла ле ли ло ма ме ми мо на не ни но па пе пи по ра ре ри ро са се си со та те ти то ча че чи ша ше ща ния ство ость ый ой ая'.split(
        ' ',
      ),
    joiner: ' ',
    stop: LATIN_STOP,
    comma: ',',
    capitalize: true,
  },
  ar: {
    tag: 'ar',
    common: (
      'في من على إلى أن عن مع هذا هذه التي الذي كان قد لا ما هو هي كل بين بعد عند ذلك ' +
      'المجتمع الترجمة الفرع الجلسة المتطوعون المشروع سؤال جواب شكرا الحدث الشركاء'
    ).split(' '),
    syllables:
      'با بي بو تا تي تو ثا جا جي حا خا دا ذا را ري رو زا سا سي شا صا ضا طا ظا عا غا فا في قا كا كي لا لي ما مي مو نا ني نو ها هي وا وي يا ال ات ون ين ية'.split(
        ' ',
      ),
    joiner: ' ',
    stop: ['.', '.', '.', '؟', '!'],
    comma: '،',
    capitalize: false,
  },
  zh: {
    tag: 'zh',
    common: (
      '的 一 是 不 了 在 人 有 我 他 这 个 们 中 来 上 大 为 和 国 地 到 以 说 时 要 就 出 会 可 也 你 对 生 能 而 子 那 得 于 着 下 自 之 年 过 发 后 作 里 ' +
      '社区 翻译 分会 会议 志愿者 项目 问题 回答 谢谢 活动 合作伙伴 知识 语言'
    ).split(' '),
    syllables: Array.from({ length: 2500 }, (_, i) =>
      String.fromCodePoint(0x4e00 + ((i * 7919) % 20000)),
    ),
    joiner: '',
    stop: ['。', '。', '。', '！', '？'],
    comma: '，',
    capitalize: false,
  },
  ja: {
    tag: 'ja',
    common: (
      'の に は を た が で て と し れ さ ある いる も する から な こと として い や れる など なっ ない この ため その あっ よう また もの ' +
      'コミュニティ 翻訳 支部 セッション ボランティア プロジェクト 質問 回答 ありがとう'
    ).split(' '),
    syllables: [
      ...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん'.split(
        '',
      ),
      ...Array.from({ length: 1200 }, (_, i) =>
        String.fromCodePoint(0x4e00 + ((i * 104729) % 20000)),
      ),
    ],
    joiner: '',
    stop: ['。', '。', '！', '？'],
    comma: '、',
    capitalize: false,
  },
};

/** The language pairs of the corpus and their share of the entries. */
export const PAIRS: readonly { source: string; target: string; weight: number }[] = [
  { source: 'en', target: 'es', weight: 20 },
  { source: 'en', target: 'de', weight: 14 },
  { source: 'en', target: 'sw', weight: 10 },
  { source: 'en', target: 'ar', weight: 10 },
  { source: 'en', target: 'ru', weight: 8 },
  { source: 'en', target: 'zh', weight: 8 },
  { source: 'es', target: 'en', weight: 10 },
  { source: 'ru', target: 'en', weight: 6 },
  { source: 'ar', target: 'en', weight: 5 },
  { source: 'zh', target: 'en', weight: 5 },
  { source: 'ja', target: 'en', weight: 4 },
];

const VOCABULARY = 40_000;
const ZIPF_S = 1.07;

/** One language's vocabulary with a Zipf sampler. */
class Vocabulary {
  readonly words: string[];
  private readonly cumulative: Float64Array;
  constructor(readonly model: LanguageModel) {
    const random = new Random(hash32(`vocabulary:${model.tag}`));
    const seen = new Set<string>(model.common);
    const words = [...model.common];
    let guard = 0;
    while (words.length < VOCABULARY && guard++ < VOCABULARY * 20) {
      const parts = random.int(1, model.joiner === '' ? 2 : 4);
      let word = '';
      for (let i = 0; i < parts; i++) word += random.pick(model.syllables);
      if (!seen.has(word)) {
        seen.add(word);
        words.push(word);
      }
    }
    this.words = words;
    this.cumulative = new Float64Array(words.length);
    let total = 0;
    for (let rank = 0; rank < words.length; rank++) {
      total += 1 / Math.pow(rank + 1, ZIPF_S);
      this.cumulative[rank] = total;
    }
  }
  word(random: Random): string {
    const total = this.cumulative[this.cumulative.length - 1] ?? 1;
    const x = random.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo] ?? '';
  }
}

const vocabularies = new Map<string, Vocabulary>();

function vocabulary(language: string): Vocabulary {
  let found = vocabularies.get(language);
  if (!found) {
    const model = MODELS[language];
    if (!model) throw new Error(`no language model for ${language}`);
    found = new Vocabulary(model);
    vocabularies.set(language, found);
  }
  return found;
}

/** A sentence of `words` words in `language` (plain text, no codes). */
export function sentence(language: string, words: number, random: Random): string {
  const v = vocabulary(language);
  const parts: string[] = [];
  for (let i = 0; i < words; i++) {
    let word = v.word(random);
    if (random.chance(0.02)) word = String(random.int(1, 2030));
    parts.push(word);
    if (i > 2 && i < words - 2 && random.chance(0.08)) parts[parts.length - 1] += v.model.comma;
  }
  let text = parts.join(v.model.joiner);
  if (v.model.capitalize) text = text.charAt(0).toUpperCase() + text.slice(1);
  return text + random.pick(v.model.stop);
}

/** A paragraph of `sentences` sentences. */
export function paragraph(language: string, sentences: number, random: Random): string {
  const model = vocabulary(language).model;
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(language, random.int(6, 22), random));
  return parts.join(model.joiner === '' ? '' : ' ');
}

/** A short string: 1–3 words, a title or a label ("Question 3", "Read more"). */
export function shortText(language: string, random: Random): string {
  const v = vocabulary(language);
  const words = random.int(1, 3);
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(v.word(random));
  if (random.chance(0.25)) parts.push(String(random.int(1, 12)));
  let text = parts.join(v.model.joiner);
  if (v.model.capitalize) text = text.charAt(0).toUpperCase() + text.slice(1);
  return text;
}

function escapeTagged(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Puts inline codes into a plain text: a `<pc id="1">` around one or two words and, sometimes,
 * a `<ph id="2"/>` after another word. Returns the text escaped as a tagged string.
 */
export function withCodes(text: string, language: string, random: Random, codes: number): string {
  const joiner = vocabulary(language).model.joiner;
  if (joiner === '') {
    const at = random.int(0, Math.max(0, text.length - 3));
    const end = Math.min(text.length - 1, at + random.int(1, 3));
    let out = `${escapeTagged(text.slice(0, at))}<pc id="1">${escapeTagged(text.slice(at, end))}</pc>`;
    out +=
      codes > 1 ? `<ph id="2"/>${escapeTagged(text.slice(end))}` : escapeTagged(text.slice(end));
    return out;
  }
  const words = text.split(' ').map(escapeTagged);
  if (words.length < 2) return `<pc id="1">${words.join(' ')}</pc>`;
  const at = random.int(0, words.length - 1);
  const span = Math.min(words.length - at, random.int(1, 2));
  words[at] = `<pc id="1">${words[at] ?? ''}`;
  words[at + span - 1] = `${words[at + span - 1] ?? ''}</pc>`;
  if (codes > 1) {
    const ph = random.int(0, words.length - 1);
    words[ph] = `${words[ph] ?? ''} <ph id="2"/>`;
  }
  return words.join(' ');
}

/** Counts the words of a plain text (characters for Chinese and Japanese, roughly halved). */
function wordCount(text: string, language: string): number {
  if (vocabulary(language).model.joiner === '') return Math.max(1, Math.round(text.length / 2));
  return text.split(' ').length;
}

/** One generated entry: a language pair, tagged source and target, and its shape. */
export interface CorpusEntry {
  sourceLanguage: string;
  targetLanguage: string;
  source: string;
  target: string;
  shape: 'short' | 'sentence' | 'paragraph';
}

/**
 * The "translation" of a source: text in the target language with about as many words, the
 * same codes, and deterministic in (source, variant) — so a repeated source gets the same
 * target most of the time, and one of two or three others sometimes (grouping, "used N times").
 */
export function translate(
  source: string,
  plain: string,
  from: string,
  to: string,
  codes: number,
  variant: number,
): string {
  const random = new Random(hash32(`${from}>${to}:${variant}:${source}`));
  const words = Math.max(1, Math.round(wordCount(plain, from) * (0.8 + random.next() * 0.4)));
  let text: string;
  if (words <= 3) text = shortText(to, random);
  else if (words <= 24) text = sentence(to, words, random);
  else {
    const parts: string[] = [];
    let left = words;
    while (left > 0) {
      const n = Math.min(left, random.int(6, 20));
      parts.push(sentence(to, n, random));
      left -= n;
    }
    text = parts.join(vocabulary(to).model.joiner === '' ? '' : ' ');
  }
  return codes > 0 ? withCodes(text, to, random, codes) : escapeTagged(text);
}

/** Recurring texts per source language: questions, sign-offs, titles — reused with small edits. */
interface Recurring {
  short: string[];
  sentences: string[];
}

const RECURRING_SHORT = 400;
const RECURRING_SENTENCES = 3_000;

function recurringFor(language: string): Recurring {
  const random = new Random(hash32(`recurring:${language}`));
  return {
    short: Array.from({ length: RECURRING_SHORT }, () => shortText(language, random)),
    sentences: Array.from({ length: RECURRING_SENTENCES }, () =>
      sentence(language, random.int(6, 18), random),
    ),
  };
}

/** A small edit: one word replaced, a number changed or a word dropped. */
export function perturb(text: string, language: string, random: Random): string {
  const model = vocabulary(language).model;
  if (model.joiner === '') {
    const at = random.int(0, Math.max(0, text.length - 2));
    return text.slice(0, at) + vocabulary(language).word(random) + text.slice(at + 1);
  }
  const words = text.split(' ');
  const at = random.int(0, words.length - 1);
  const roll = random.next();
  if (roll < 0.6 || words.length < 3) {
    const original = words[at] ?? '';
    const tail = /[.,!?؟،]$/.exec(original)?.[0] ?? '';
    words[at] = vocabulary(language).word(random) + tail;
  } else if (roll < 0.8) {
    words[at] = String(random.int(1, 99));
  } else {
    words.splice(at, 1);
  }
  return words.join(' ');
}

/** The generator of the whole corpus: entry i is the same for the same seed, batch by batch. */
export class Corpus {
  private readonly random: Random;
  private readonly recurring = new Map<string, Recurring>();
  private readonly pairCumulative: number[];
  constructor(seed: number) {
    this.random = new Random(seed);
    let total = 0;
    this.pairCumulative = PAIRS.map((p) => (total += p.weight));
  }

  private pair(): { source: string; target: string } {
    const total = this.pairCumulative.at(-1) ?? 1;
    const x = this.random.next() * total;
    const index = this.pairCumulative.findIndex((c) => x < c);
    const pair = PAIRS[index === -1 ? 0 : index];
    if (!pair) throw new Error('no language pair');
    return pair;
  }

  private recurringOf(language: string): Recurring {
    let found = this.recurring.get(language);
    if (!found) {
      found = recurringFor(language);
      this.recurring.set(language, found);
    }
    return found;
  }

  /** The next entry. */
  next(): CorpusEntry {
    const r = this.random;
    const { source: from, target: to } = this.pair();
    const roll = r.next();
    const shape: CorpusEntry['shape'] =
      roll < 0.25 ? 'short' : roll < 0.75 ? 'sentence' : 'paragraph';
    let plain: string;
    if (shape === 'short') {
      plain = r.chance(0.5) ? r.pick(this.recurringOf(from).short) : shortText(from, r);
      if (r.chance(0.1)) plain = perturb(plain, from, r);
    } else if (shape === 'sentence') {
      if (r.chance(0.35)) {
        plain = r.pick(this.recurringOf(from).sentences);
        if (r.chance(0.4)) plain = perturb(plain, from, r);
      } else {
        plain = sentence(from, r.int(5, 26), r);
      }
    } else {
      plain = paragraph(from, r.int(2, 6), r);
      if (r.chance(0.15)) {
        const recurring = r.pick(this.recurringOf(from).sentences);
        plain = vocabulary(from).model.joiner === '' ? plain + recurring : `${plain} ${recurring}`;
      }
    }
    const codes = shape === 'short' ? 0 : r.chance(0.2) ? r.int(1, 2) : 0;
    const source = codes > 0 ? withCodes(plain, from, r, codes) : escapeTagged(plain);
    const variantRoll = r.next();
    const variant = variantRoll < 0.8 ? 0 : variantRoll < 0.95 ? 1 : 2;
    const target = translate(source, plain, from, to, codes, variant);
    return { sourceLanguage: from, targetLanguage: to, source, target, shape };
  }
}
