#!/usr/bin/env python3
"""A labeled near-duplicate fixture made from SaudiNewsNet with known edits
(issue 16): what `dedup_edges_eval.py` scores `arabic-text dedup` against.

    python3 Benchmarks/compare/dedup_edges_fixture.py [--corpus PATH] [--binary PATH]
        [--out DIR] [--small] [--seed 16]

Writes into DIR (default Benchmarks/compare/.cache/fixture[-small]):

* `recipes.jsonl`: one line per fixture document, {"id", "pieces", "sha256"}: the
  document is the concatenation of its pieces, each either
  {"src": corpus id, "field": "content" or "title", "from": byte, "to": byte}
  (a byte range of that field's UTF-8) or {"text": literal} (text we wrote:
  datelines, footers, separators). No corpus text is in it, so it can be
  committed; `materialize(recipe, corpus)` rebuilds a text, and "sha256"
  (of its UTF-8) tells whether the corpus at hand is the one it was made from.
* `documents.jsonl`: {"id", "content"} per document (corpus text: never commit).
* `labels.jsonl`: one record per document, {"doc", "family", "role", "kind",
  "of", "detail"}, then pair and line records:
  {"pair": [a, b], "label": "distinct" | "ignore", "kind"} and
  {"lines": [[doc, line], [doc, line]], "label": "repeat" | "distinct", "kind"}.

Meaning of the labels. Documents of one family (an original and its edited
copies) are duplicates of each other: every pair of a family is a positive
pair (the original-copy pair carries the edit kind; copy-copy pairs are
"copy-copy"). Documents of different families are not duplicates, except
pairs labelled "ignore" (two real bulletins about the same event, which may
or may not be copies of each other). Pairs labelled "distinct" are the hard
negatives, reported by kind; every other cross-family pair is a plain
negative.

Edit kinds (one per copy; `mixed` combines three):
  truncation-30-50, truncation-50-70, truncation-70-90: the first p of the
      words kept, p uniform in the bin;
  insertion-1..3: 1 to 3 sentences (8-40 words) of other articles inserted
      at sentence boundaries;
  deletion-1..3: 1 to 3 sentences (4+ words) deleted, at most half the words;
  paragraph-swap: two paragraphs swapped (texts of one paragraph: two blocks
      of sentences swapped);
  header-footer: a dateline line added before and a footer block after;
  mixed: header-footer, one sentence deleted (at most a quarter of the
      words), one inserted.

Hard negatives (all real articles that share nothing else):
  boilerplate-block: a header or footer block we wrote (social links,
      subscription, copyright, app notice) shared by several articles;
  agency-paragraph: one real paragraph of agency text (30-80 words) inside
      otherwise different articles;
  related-links: a shared list of 5-8 real headlines ("read also");
  in all three the shared part is 10-50% of each document's words;
  boilerplate-heavy: short real articles (20-59 words) under a long shared
      block of three of our header/footer paragraphs (50-80% of the words);
  template-execution, template-weather, template-cable: real bulletins of
      SaudiNewsNet about different events (execution announcements of the
      Ministry of Interior, the daily forecast of the Presidency of
      Meteorology, the king's congratulation cables), keyed by event (the
      region and dates of an execution, the forecast day, the country);
      same-event pairs are "ignore", multi-event articles left out;
  dateline-footer: documents whose first line is a dateline
      "city - site name" and whose last line is "all rights reserved © 2015
      site name" (site names of 2 to 4 words), with the headline repeated at
      the end with social-network names glued on. Line labels: a dateline and
      a footer of the same site are "distinct"; the headline and the headline
      with social names are a "repeat".

Originals, insertion donors and negative articles are disjoint samples of
"clean" articles: 60+ words (20-59 for boilerplate-heavy), no other SaudiNewsNet article within word
3-shingle Jaccard 0.2 of them, holding 30% of their shingles, or 30% of whose
(20+) shingles they hold, so that no two families are related by accident.

Deterministic: the same corpus, seed and Python (3.11) give the same files.
--small writes a few hundred documents (the Swift test's size).
"""
import argparse
import collections
import hashlib
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

from dedup_edges_common import CACHE, DEFAULT_BINARY, corpus_path, corpus_shingles, inverted_pairs, read_jsonl

SIZES = {
    'full': dict(originals=1200, boilerplate_blocks=12, block_docs=8, heavy_blocks=8, heavy_docs=6, agency_paragraphs=15, agency_docs=6,
                 link_lists=12, link_docs=6, line_docs_per_site=8, templates=True),
    'small': dict(originals=60, boilerplate_blocks=4, block_docs=5, heavy_blocks=2, heavy_docs=4, agency_paragraphs=4, agency_docs=4,
                  link_lists=3, link_docs=4, line_docs_per_site=4, templates=True),
}

EDIT_KINDS = ['truncation-30-50', 'truncation-50-70', 'truncation-70-90', 'insertion', 'deletion',
              'paragraph-swap', 'header-footer', 'mixed']

# Text we wrote: datelines, footers and boilerplate blocks of made-up sites.
CITIES = ['الرياض', 'جدة', 'الدمام', 'أبها', 'تبوك', 'حائل', 'بريدة', 'نجران', 'القاهرة', 'دبي', 'لندن', 'عمّان']
SITES = ['عين اليوم', 'صحيفة الخبر اليومي', 'بوابة أخبار الخليج العربي']  # 2, 3 and 4 words
SOCIAL = ['فيسبوك تويتر يوتيوب تيليجرام', 'Facebook Twitter YouTube Telegram', 'شارك عبر واتساب تويتر فيسبوك']
HEADER_LINES = ['{city} - {site}', '{site} - {city}', 'خاص - {site}', '{city} - متابعات {site}']
FOOTER_BLOCKS = [
    'تابعونا على فيسبوك وتويتر وإنستغرام ويوتيوب وتيليجرام\nجميع الحقوق محفوظة © 2015 {site}',
    'لمزيد من الأخبار حمّل تطبيق {site} على هواتف آيفون وأندرويد',
    'الآراء الواردة في التعليقات تعبر عن أصحابها ولا تعبر بالضرورة عن رأي {site}',
    'اشترك في النشرة البريدية ليصلك موجز الأخبار صباح كل يوم مجانا',
]
BOILERPLATE_BLOCKS = [
    'تابعونا على فيسبوك وتويتر وإنستغرام ويوتيوب وتيليجرام لمتابعة آخر الأخبار العاجلة والتقارير الحصرية على مدار الساعة من مراسلينا في مختلف مناطق المملكة',
    'جميع الحقوق محفوظة لمؤسسة النشر والتوزيع ولا يجوز نقل أو اقتباس أي مادة منشورة في هذا الموقع دون إذن كتابي مسبق من إدارة التحرير ويتحمل المخالف المسؤولية القانونية كاملة',
    'للاشتراك في خدمة الرسائل القصيرة أرسل كلمة أخبار إلى الرقم المخصص لشركة الاتصالات التي تتعامل معها وتصلك أهم الأخبار المحلية والرياضية والاقتصادية فور وقوعها مقابل رسوم رمزية تخصم من رصيدك شهريا ويمكنك إلغاء الاشتراك في أي وقت',
    'حمّل تطبيق الصحيفة على هاتفك الذكي من متجر آبل أو متجر جوجل بلاي واستمتع بقراءة الأخبار والمقالات والتحقيقات والصور ومقاطع الفيديو بسهولة وتلقي التنبيهات العاجلة',
    'الآراء الواردة في المقالات والتعليقات تعبر عن آراء كتابها ولا تعبر بالضرورة عن رأي الصحيفة أو سياستها التحريرية ونرجو من القراء الالتزام بآداب الحوار وعدم الإساءة أو التجريح',
    'أرسل أخبارك وصورك ومقاطع الفيديو الخاصة بك إلى فريق التحرير عبر البريد الإلكتروني أو تطبيقات التواصل وسيقوم فريقنا بمراجعتها ونشر المناسب منها مع ذكر اسم المرسل',
    'هذا الخبر منقول من مصدره ولا تتحمل الصحيفة أي مسؤولية عن دقة المعلومات الواردة فيه ويمكن للقارئ الرجوع إلى المصدر الأصلي للتحقق منها',
    'اقرأ المزيد من الأخبار المحلية والدولية في أقسام السياسة والاقتصاد والرياضة والثقافة والمنوعات والتقنية والصحة وتابع آخر التحديثات لحظة بلحظة',
    'للإعلان في الصحيفة والموقع الإلكتروني يرجى التواصل مع إدارة التسويق والإعلان خلال أوقات الدوام الرسمي من الأحد إلى الخميس أو عبر نموذج التواصل في الموقع',
    'شارك هذا الخبر مع أصدقائك عبر تويتر وفيسبوك وواتساب ولا تنس متابعة حساباتنا الرسمية على شبكات التواصل الاجتماعي للحصول على آخر المستجدات',
    'نشرة الصحيفة اليومية تصلك مجانا كل صباح على بريدك الإلكتروني وتضم أبرز العناوين وأهم التحليلات والمقالات المختارة من كتابنا',
    'تنويه تحتفظ الصحيفة بحق حذف أي تعليق يتضمن إساءة أو خروجا عن موضوع الخبر أو إعلانا تجاريا أو روابط خارجية وتنشر التعليقات بعد مراجعتها من المشرفين',
]
DONOR_SENTENCE_WORDS = (8, 40)
WORD = re.compile(r'\S+')


# ---------------------------------------------------------------- text pieces

def utf8_offset(text, char_index):
    return len(text[:char_index].encode('utf-8'))


class Source:
    """A corpus article and its sentence and paragraph spans (character offsets)."""

    def __init__(self, record):
        self.id = record['id']
        self.text = record['content']
        self.title = record.get('title') or ''
        self.words = [m.span() for m in WORD.finditer(self.text)]
        self.sentences = sentence_spans(self.text)
        self.paragraphs = [m.span() for m in re.finditer(r'[^\n]*\S[^\n]*', self.text)]

    def ref(self, start, end, field='content'):
        text = self.text if field == 'content' else self.title
        return {'src': self.id, 'field': field, 'from': utf8_offset(text, start), 'to': utf8_offset(text, end)}

    def word_count(self, start=0, end=None):
        end = len(self.text) if end is None else end
        return sum(1 for s, e in self.words if s >= start and e <= end)


def sentence_spans(text):
    """Sentences: runs ending at . ! ? ؟ followed by white space, or at a line feed; trimmed."""
    spans, start = [], 0
    for m in re.finditer(r'[.!?؟]+(?=\s)|\n', text):
        end = m.end()
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and WORD.search(text[s:e]):
            out.append((s, e))
    return out


def materialize(recipe, corpus_by_id):
    out = []
    for piece in recipe['pieces']:
        if 'text' in piece:
            out.append(piece['text'])
        else:
            record = corpus_by_id[piece['src']]
            data = (record.get(piece.get('field', 'content')) or '').encode('utf-8')
            out.append(data[piece['from']:piece['to']].decode('utf-8'))
    return ''.join(out)


def whole(src):
    return [src.ref(0, len(src.text))]


def pieces_without(src, spans):
    """The article with the given sentence spans removed (each with the white space after it)."""
    pieces, pos = [], 0
    for s, e in sorted(spans):
        if s > pos:
            pieces.append(src.ref(pos, s))
        pos = e
        while pos < len(src.text) and src.text[pos].isspace():
            pos += 1
    if pos < len(src.text):
        pieces.append(src.ref(pos, len(src.text)))
    return pieces


# ---------------------------------------------------------------- edits

def truncation(src, rng, low, high):
    p = rng.uniform(low, high)
    k = max(1, int(round(p * len(src.words))))
    return [src.ref(0, src.words[k - 1][1])], {'kept': round(k / len(src.words), 3)}


def deletion(src, rng, count, max_share=0.5):
    """Deletes `count` sentences of 4+ words, together at most `max_share` of the words (else None)."""
    eligible = [i for i, (s, e) in enumerate(src.sentences) if len(WORD.findall(src.text[s:e])) >= 4]
    if len(src.sentences) < count + 2 or len(eligible) < count:
        return None
    chosen = sorted(rng.sample(eligible, count))
    removed = sum(len(WORD.findall(src.text[slice(*src.sentences[i])])) for i in chosen)
    if removed > max_share * len(src.words):
        return None
    return pieces_without(src, [src.sentences[i] for i in chosen]), {'sentences': count, 'words_removed': removed}


def donor_sentence(donors, rng):
    while True:
        donor = donors[rng.randrange(len(donors))]
        options = [(s, e) for s, e in donor.sentences
                   if DONOR_SENTENCE_WORDS[0] <= len(WORD.findall(donor.text[s:e])) <= DONOR_SENTENCE_WORDS[1]]
        if options:
            s, e = options[rng.randrange(len(options))]
            return donor, s, e


def insertion(src, rng, count, donors, base=None):
    """Inserts `count` donor sentences after random sentence ends of `src` (or into `base` pieces of it)."""
    if len(src.sentences) < 2:
        return None
    points = sorted(rng.sample(range(len(src.sentences)), min(count, len(src.sentences))))
    cuts = [src.sentences[i][1] for i in points]
    pieces, pos, added, used = [], 0, 0, []
    for cut in cuts:
        pieces.append(src.ref(pos, cut))
        donor, s, e = donor_sentence(donors, rng)
        pieces += [{'text': ' '}, donor.ref(s, e)]
        added += len(WORD.findall(donor.text[s:e]))
        used.append(donor.id)
        pos = cut
    pieces.append(src.ref(pos, len(src.text)))
    return pieces, {'sentences': len(cuts), 'words_added': added, 'donors': used}


def paragraph_swap(src, rng):
    if len(src.paragraphs) >= 2:
        i, j = sorted(rng.sample(range(len(src.paragraphs)), 2))
        spans = src.paragraphs
        order = list(range(len(spans)))
        order[i], order[j] = order[j], order[i]
        pieces = []
        if spans[0][0] > 0:
            pieces.append(src.ref(0, spans[0][0]))
        for slot, k in enumerate(order):
            pieces.append(src.ref(*spans[k]))
            gap_end = spans[slot + 1][0] if slot + 1 < len(spans) else len(src.text)
            if gap_end > spans[slot][1]:
                pieces.append(src.ref(spans[slot][1], gap_end))
        return pieces, {'unit': 'paragraphs', 'swapped': [i, j]}
    if len(src.sentences) >= 4:
        cut = src.sentences[rng.randrange(1, len(src.sentences) - 1)][0]
        return [src.ref(cut, len(src.text)), {'text': '\n'}, src.ref(0, cut)], {'unit': 'sentence blocks'}
    return None


def header_footer_texts(rng):
    site = SITES[rng.randrange(len(SITES))]
    header = HEADER_LINES[rng.randrange(len(HEADER_LINES))].format(city=CITIES[rng.randrange(len(CITIES))], site=site)
    footer = FOOTER_BLOCKS[rng.randrange(len(FOOTER_BLOCKS))].format(site=site)
    return header, footer


def header_footer(src, rng, body=None):
    header, footer = header_footer_texts(rng)
    return [{'text': header + '\n'}] + (body or whole(src)) + [{'text': '\n' + footer}], {'header': header, 'footer': footer}


def mixed(src, rng, donors):
    deleted = deletion(src, rng, 1, max_share=0.25)
    if deleted is None:
        return None
    # Delete one sentence, insert one donor sentence between two pieces of what is left, add header and footer.
    body, info = deleted
    donor, s, e = donor_sentence(donors, rng)
    position = rng.randrange(len(body) + 1)
    body = body[:position] + [{'text': ' '}, donor.ref(s, e), {'text': ' '}] + body[position:]
    pieces, hf = header_footer(src, rng, body)
    return pieces, {'deleted_words': info['words_removed'], 'inserted_words': len(WORD.findall(donor.text[s:e])),
                    'donors': [donor.id], **hf}


def make_copy(kind, src, rng, donors):
    if kind.startswith('truncation'):
        low, high = (int(x) / 100 for x in kind.split('-')[1:])
        return truncation(src, rng, low, high)
    if kind == 'insertion':
        return insertion(src, rng, rng.randint(1, 3), donors)
    if kind == 'deletion':
        return deletion(src, rng, rng.randint(1, 3))
    if kind == 'paragraph-swap':
        return paragraph_swap(src, rng)
    if kind == 'header-footer':
        return header_footer(src, rng)
    if kind == 'mixed':
        return mixed(src, rng, donors)
    raise ValueError(kind)


# ---------------------------------------------------------------- clean articles

def clean_articles(records, binary, corpus, min_words=60, max_words=None):
    """Indices of articles with `min_words` or more (and fewer than `max_words`) that no other article is
    near or inside (see the module doc)."""
    ids, sets, words = corpus_shingles(corpus, binary)
    cache = CACHE / 'snn-pairs.npz'
    if cache.exists():
        z = np.load(cache)
        pairs, shared = z['pairs'], z['shared']
    else:
        pairs, shared = inverted_pairs(sets, min_shared=2)
    sizes = sets.sizes()
    a, b = pairs[:, 0], pairs[:, 1]
    jac = shared / (sizes[a] + sizes[b] - shared)
    related = np.zeros(len(records), dtype=bool)
    for x, y in ((a, b), (b, a)):
        hit = (jac >= 0.2) | (shared >= 0.3 * sizes[x]) | ((shared >= 0.3 * sizes[y]) & (sizes[y] >= 20))
        related[x[hit]] = True
    fingerprints = collections.Counter(' '.join(w) for w in words)
    return [i for i in range(len(records))
            if not related[i] and len(words[i]) >= min_words and (max_words is None or len(words[i]) < max_words)
            and fingerprints[' '.join(words[i])] == 1]


# ---------------------------------------------------------------- templated bulletins

EXECUTION_EVENTS = [  # (event, names and places of that statement only, dates it was published)
    ('qassim-rashidi', r'الرشيدي|ساير بن|القصيم', ('2015-07-23', '2015-07-24')),
    ('jneibi', r'الجنيبي|الأكلبي', ('2015-07-31',)),
    ('thadiq-heroin', r'ثادق', ('2015-07-31', '2015-08-01')),
    ('riyadh-syrian-smuggler', r'سوري الجنسية|مخدرات سوري', ('2015-07-31', '2015-08-01')),
    ('ahsa-thaniyan', r'الثنيان|الحمود', ('2015-08-03', '2015-08-04')),
    ('jazan-mushasha', r'مشعشع|حريصي', ('2015-08-06', '2015-08-07')),
    ('jazan-ethiopians', r'إثيوبي|أثيوبي|برهاني', ('2015-08-06', '2015-08-07')),
    ('jeddah-pakistani', r'عصمت|بمحافظة جدة|بمدينة جدة|بجدة', ('2015-08-06', '2015-08-07')),
    ('baha-ahmadi', r'الأحمدي|شعيل|الباحة', ('2015-08-10', '2015-08-11')),
]
COUNTRIES = ['كولومبيا', 'مصر', 'عمان', 'عُمان', 'تونس', 'التونسي', 'المالديف', 'ليبيريا', 'المغرب', 'المغربية', 'سويسرا',
             'السويسري', 'بنين', 'النيجر', 'جامايكا', 'بوليفيا', 'البوليفي', 'كوت ديفوار', 'بوركينا فاسو', 'سنغافورة',
             'السنغافوري', 'الإكوادور', 'الإكوادوري', 'تشاد', 'التشادي']
COUNTRY_KEY = {'عُمان': 'عمان', 'التونسي': 'تونس', 'المغربية': 'المغرب', 'السويسري': 'سويسرا', 'البوليفي': 'بوليفيا',
               'السنغافوري': 'سنغافورة', 'الإكوادوري': 'الإكوادور', 'التشادي': 'تشاد'}


def bulletin_events(records):
    """{record index: (template, event)} for the real templated bulletins of SaudiNewsNet."""
    events = {}
    for i, r in enumerate(records):
        text, title, day = r['content'], r.get('title') or '', r['date_extracted'][:10]
        head = title + ' ' + text[:400]
        if re.search(r'حكم القتل|القتل قصاص|القتل تعزير', text) and 'الداخلية' in text:
            # Every statement named anywhere in the article: articles about two or more are left out.
            found = {e for e, pattern, days in EXECUTION_EVENTS if day in days and re.search(pattern, title + ' ' + text)}
            if len(found) == 1:
                events[i] = ('template-execution', found.pop())
        elif 'في تقريرها عن حالة الطقس' in text[:400]:
            events[i] = ('template-weather', day)
        elif re.search(r'برقية تهنئة|برقيتي تهنئة', text[:400]) and re.search(r'يهنئ|تهنئ|تهنئة|يهنئان|برقيتي', title):
            found = {COUNTRY_KEY.get(c, c) for c in COUNTRIES if re.search(r'(?<!\w)' + c + r'(?!\w)', head)}
            if len(found) == 1:
                events[i] = ('template-cable', found.pop())
    return events


def weather_related(a, b):
    """Forecasts of the same or the next day may be the same bulletin republished: not labelled."""
    from datetime import date
    da, db = (date.fromisoformat(x) for x in (a, b))
    return abs((da - db).days) <= 1


# ---------------------------------------------------------------- build

def build(records, clean, short, size, rng):
    config = SIZES[size]
    sources = {}

    def source(i):
        if i not in sources:
            sources[i] = Source(records[i])
        return sources[i]

    pool = list(clean)
    rng.shuffle(pool)
    originals = [i for i in pool if len(source(i).sentences) >= 3][:config['originals']]
    taken = set(originals)
    rest = [i for i in pool if i not in taken]
    donors = [source(i) for i in rest[:max(200, config['originals'])]]
    taken |= set(rest[:len(donors)])
    negatives_pool = [i for i in rest if i not in taken]

    docs, labels, pairs, lines = [], [], [], []

    def add(doc_id, pieces, family, role, kind, of=None, detail=None):
        docs.append({'id': doc_id, 'pieces': pieces})
        labels.append({'doc': doc_id, 'family': family, 'role': role, 'kind': kind, 'of': of, 'detail': detail or {}})

    # Originals and their edited copies: the kinds dealt out evenly.
    deck = []
    for n, i in enumerate(originals):
        src = source(i)
        family = f'f{n:04d}'
        original_id = f'{family}-o'
        add(original_id, whole(src), family, 'original', 'original', detail={'corpus': src.id, 'words': len(src.words)})
        copies = rng.choice([1, 2, 2, 3])
        made = 0
        attempts = 0
        while made < copies and attempts < 12:
            attempts += 1
            if not deck:
                deck = EDIT_KINDS[:]
                rng.shuffle(deck)
            kind = deck.pop()
            result = make_copy(kind, src, rng, donors)
            if result is None:
                continue
            pieces, detail = result
            made += 1
            label_kind = kind if kind not in ('insertion', 'deletion') else f'{kind}-{detail["sentences"]}'
            add(f'{family}-c{made}', pieces, family, 'copy', label_kind, of=original_id, detail=detail)

    # Boilerplate-only overlap: our blocks, real paragraphs, real headline lists.
    def articles_for(shared_words, count, tag, share=(0.1, 0.5), pool=None):
        """`count` unused clean articles whose words make the shared part a `share` of the whole."""
        chosen = []
        for i in pool or negatives_pool:
            if i in taken:
                continue
            n = len(source(i).words)
            if share[0] <= shared_words / (shared_words + n) <= share[1]:
                chosen.append(i)
                taken.add(i)
                if len(chosen) == count:
                    break
        if len(chosen) < count:
            sys.exit(f'not enough clean articles for {tag}')
        return chosen

    negative_serial = collections.Counter()

    def negative_group(kind, shared_pieces, shared_words, count, place, share=(0.1, 0.5), pool=None):
        members = []
        for i in articles_for(shared_words, count, kind, share, pool):
            src = source(i)
            negative_serial[kind] += 1
            doc_id = f'n-{kind}-{negative_serial[kind]:03d}'
            where = place(rng)
            if where == 'start':
                pieces = shared_pieces + [{'text': '\n'}] + whole(src)
            elif where == 'end':
                pieces = whole(src) + [{'text': '\n'}] + shared_pieces
            else:
                cut = src.sentences[len(src.sentences) // 2][0] if len(src.sentences) > 1 else len(src.text)
                pieces = [src.ref(0, cut), {'text': '\n'}] + shared_pieces + [{'text': '\n'}, src.ref(cut, len(src.text))]
            add(doc_id, pieces, doc_id, 'single', kind, detail={'corpus': src.id, 'shared_words': shared_words,
                                                                'article_words': len(src.words), 'place': where})
            members.append(doc_id)
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.append({'pair': [members[x], members[y]], 'label': 'distinct', 'kind': kind})

    for b in range(config['boilerplate_blocks']):
        block = BOILERPLATE_BLOCKS[b % len(BOILERPLATE_BLOCKS)]
        negative_group('boilerplate-block', [{'text': block}], len(WORD.findall(block)), config['block_docs'],
                       lambda r: r.choice(['start', 'end', 'end']))
    # Short articles under a long shared header or footer (50-80% of their words).
    short_pool = list(short)
    rng.shuffle(short_pool)
    for b in range(config['heavy_blocks']):
        lines = [BOILERPLATE_BLOCKS[(b + k) % len(BOILERPLATE_BLOCKS)] for k in range(3)]
        block = '\n'.join(lines)
        negative_group('boilerplate-heavy', [{'text': block}], len(WORD.findall(block)), config['heavy_docs'],
                       lambda r: r.choice(['start', 'end']), share=(0.5, 0.8), pool=short_pool)
    used_agency = 0
    for i in [i for i in negatives_pool if records[i]['source'] == 'was']:
        if used_agency == config['agency_paragraphs']:
            break
        if i in taken:
            continue
        src = source(i)
        spans = [(s, e) for s, e in src.paragraphs if 30 <= len(WORD.findall(src.text[s:e])) <= 80]
        if not spans:
            continue
        taken.add(i)
        s, e = spans[0]
        negative_group('agency-paragraph', [src.ref(s, e)], len(WORD.findall(src.text[s:e])), config['agency_docs'],
                       lambda r: r.choice(['start', 'middle', 'end']))
        used_agency += 1
    headline_pool = [i for i in negatives_pool[-400:] if i not in taken and len((records[i].get('title') or '').split()) >= 4
                     and '\n' not in records[i]['title']]
    taken |= set(headline_pool)
    headline_sources = [source(i) for i in headline_pool]
    for l in range(config['link_lists']):
        picked = headline_sources[l * 8:(l + 1) * 8][:rng.randint(5, 8)]
        shared = [{'text': 'اقرأ أيضاً:\n'}]
        for k, h in enumerate(picked):
            shared.append(h.ref(0, len(h.title), field='title'))
            if k + 1 < len(picked):
                shared.append({'text': '\n'})
        words = 2 + sum(len(h.title.split()) for h in picked)
        negative_group('related-links', shared, words, config['link_docs'], lambda r: 'end')

    # Templated bulletins about different events.
    events = bulletin_events(records)
    by_template = collections.defaultdict(list)
    for i, (template, event) in sorted(events.items()):
        by_template[template].append((i, event))
    for template, members in by_template.items():
        if size == 'small':
            per_event = collections.defaultdict(list)
            for i, e in members:
                per_event[e].append(i)
            keep_events = sorted(per_event, key=lambda e: (-len(per_event[e]), e))[:4]
            members = [(i, e) for e in keep_events for i in per_event[e][:3]]
        ids = []
        for i, event in members:
            doc_id = f't-{template[9:]}-{records[i]["id"].replace("/", "-")}'
            add(doc_id, whole(source(i)), doc_id, 'single', template, detail={'corpus': records[i]['id'], 'event': event})
            ids.append((doc_id, event))
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                (a, ea), (b, eb) = ids[x], ids[y]
                same = ea == eb or (template == 'template-weather' and weather_related(ea, eb))
                pairs.append({'pair': [a, b], 'label': 'ignore' if same else 'distinct', 'kind': template})

    # Dateline and footer lines sharing only the site name; headlines with social names glued on.
    line_docs = collections.defaultdict(list)
    for site in SITES:
        for k in range(config['line_docs_per_site']):
            i = next(i for i in negatives_pool if i not in taken and len((records[i].get('title') or '').split()) >= 5
                     and '\n' not in records[i]['title'] and 80 <= len(source(i).words) <= 400)
            taken.add(i)
            src = source(i)
            dateline = f'{CITIES[rng.randrange(len(CITIES))]} - {site}'
            social = SOCIAL[rng.randrange(len(SOCIAL))]
            footer = f'جميع الحقوق محفوظة © 2015 {site}'
            pieces = [{'text': dateline + '\n'}, src.ref(0, len(src.title), field='title'), {'text': '\n'}] + whole(src) \
                + [{'text': '\n'}, src.ref(0, len(src.title), field='title'), {'text': ' ' + social + '\n' + footer}]
            doc_id = f'n-dateline-footer-{len(site.split())}w-{k:02d}'
            body_lines = src.text.count('\n') + 1
            add(doc_id, pieces, doc_id, 'single', 'dateline-footer', detail={'corpus': src.id, 'site': site})
            # Lines, numbered from 1: dateline 1, headline 2, body 3.., headline+social, footer.
            headline_line = 3 + body_lines
            line_docs[site].append((doc_id, headline_line + 1))
            lines.append({'lines': [[doc_id, 2], [doc_id, headline_line]], 'label': 'repeat', 'kind': 'headline-social'})
        members = line_docs[site]
        for x in range(len(members)):
            for y in range(len(members)):
                if x != y:
                    lines.append({'lines': [[members[x][0], 1], [members[y][0], members[y][1]]], 'label': 'distinct',
                                  'kind': f'dateline-footer-{len(site.split())}w'})
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.append({'pair': [members[x][0], members[y][0]], 'label': 'distinct', 'kind': 'dateline-footer'})
    return docs, labels, pairs, lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--corpus')
    parser.add_argument('--binary', default=str(DEFAULT_BINARY))
    parser.add_argument('--out')
    parser.add_argument('--small', action='store_true')
    parser.add_argument('--seed', type=int, default=16)
    args = parser.parse_args()
    corpus = corpus_path(args.corpus)
    size = 'small' if args.small else 'full'
    out = Path(args.out) if args.out else CACHE / ('fixture-small' if args.small else 'fixture')
    out.mkdir(parents=True, exist_ok=True)
    records = read_jsonl(corpus)
    clean = clean_articles(records, args.binary, corpus)
    short = clean_articles(records, args.binary, corpus, min_words=20, max_words=60)
    rng = random.Random(args.seed)
    docs, labels, pairs, lines = build(records, clean, short, size, rng)
    by_id = {r['id']: r for r in records}
    texts = [materialize(d, by_id) for d in docs]
    with open(out / 'recipes.jsonl', 'w', encoding='utf-8') as f:
        for d, text in zip(docs, texts):
            d = dict(d, sha256=hashlib.sha256(text.encode('utf-8')).hexdigest())
            f.write(json.dumps(d, ensure_ascii=False) + '\n')
    with open(out / 'documents.jsonl', 'w', encoding='utf-8') as f:
        for d, text in zip(docs, texts):
            f.write(json.dumps({'id': d['id'], 'content': text}, ensure_ascii=False) + '\n')
    with open(out / 'labels.jsonl', 'w', encoding='utf-8') as f:
        for record in labels + pairs + lines:
            f.write(json.dumps(record, ensure_ascii=False) + '\n')
    kinds = collections.Counter(l['kind'] for l in labels)
    print(f'{len(docs)} documents from {len(clean)} clean articles -> {out}', file=sys.stderr)
    for kind, n in sorted(kinds.items()):
        print(f'  {kind}: {n}', file=sys.stderr)
    print(f'  labelled pairs: {collections.Counter((p["kind"], p["label"]) for p in pairs)}', file=sys.stderr)
    print(f'  labelled line pairs: {collections.Counter((p["kind"], p["label"]) for p in lines)}', file=sys.stderr)


if __name__ == '__main__':
    main()
