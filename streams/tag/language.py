"""Language of an article: CLD2 (pycld2, its model compiled into the wheel: nothing is downloaded),
with function-word evidence for what CLD2 is weak at.

Clustering compares articles within one language, so the tagger needs a language for every item,
including headline-only feed entries. CLD2 decides texts long enough for it to be reliable, even
against the feed's hint (a French article in an English feed). Headlines are too short for it:
there hand-written function-word lists, common news words, word endings and accented letters
decide among the major European languages, CLD2 covers the rest, and a feed's hint wins whenever
the text is too thin to decide. Non-Latin scripts too short for CLD2 fall back to their script.
"""

from __future__ import annotations

import re

import pycld2

LANGS = ("en", "fr", "de", "es", "it", "pt", "nl")
UNDETERMINED = "und"

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in a an is that for it as was with be by on not he i this are or his from at which but "
        "have an they you were her she there been has their we its who will would more if no when what up "
        "out so can said about than into them after over our also could these new says per how why".split()
    ),
    "fr": frozenset(
        "le la les de des du un une et est en à que qui dans pour pas au aux sur par plus ce cette ces il elle "
        "ils elles ne se sa son ses leur leurs avec mais ou où nous vous on été être avait sont a été comme "
        "tout très sans entre après depuis aussi lors dont".split()
    ),
    "de": frozenset(
        "der die das und ist in den von zu mit sich des auf für nicht ein eine einer eines dem im auch es "
        "an als er sie wir ihr wird werden hat haben sind war bei nach aus wie noch nur oder aber vor zur "
        "zum über durch gegen seit bis dass wurde beim keine unter".split()
    ),
    "es": frozenset(
        "el la los las de del y en que un una por con para es se no al lo su sus como más pero o este esta "
        "ha han fue ser son entre sobre también sin desde hasta muy cuando donde tras ya le les nos hay "
        "porque durante según este estos esas ante".split()
    ),
    "it": frozenset(
        "il lo la i gli le di del della dei delle e è in un una per con che non da dal dalla al alla ai "
        "nel nella sono si ha hanno come più ma anche questo questa sul sulla tra fra dopo ci era essere "
        "stato stata molto quando dove perché se".split()
    ),
    "pt": frozenset(
        "o a os as de do da dos das e em no na nos nas um uma que para por com não se ao à é foi são mais "
        "mas como seu sua seus suas ele ela eles também pelo pela já entre até quando após sobre ou "
        "está estão ser ter tem foram isso".split()
    ),
    "nl": frozenset(
        "de het een en van in is dat op te zijn met voor niet aan er ook als bij door maar om dan nog "
        "worden wordt werd naar uit over tot zich ze hij zij wij we dit deze die was heeft hebben kan "
        "meer geen na tegen".split()
    ),
}

# Function words of Russian and Ukrainian. CLD2 decides those languages (no detection lists above),
# but sentences start with these in capitals ("В Москве", "По словам"), which must not start a name,
# and no keyword may be one.
CYRILLIC_STOPWORDS = frozenset(
    """в во на по с со к ко у о об от из за до для при над под без перед между после и а но или же ли не
    что как это его она они был была были было быть уже так все всё также только еще ещё этот эта эти того
    тем чем когда где который которая которые которых будет может более очень свой своей него нее неё них
    з та що як це його вона вони був була були було вже під або також після між тільки ще цей ця ці коли
    де який яка які буде більш дуже""".split()
)
ALL_STOPWORDS = frozenset().union(*STOPWORDS.values()) | CYRILLIC_STOPWORDS

# Frequent headline words: headlines drop most function words, these survive. Weaker than stopwords.
HEADLINE_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "says say new us over after report year years first may amid could top deal plan back set make "
        "gets get takes take man woman police court state government president minister talks war vote "
        "election market stocks shares price prices sales profit bank rate rates oil company chief ceo "
        "launch launches buy buys sell sells hit hits win wins wants warns warned calls call video watch "
        "show season star fans trailer review week day today world news live update updates how why "
        "what who will just still big more than most best all out down off against under before while "
        "during despite next last".split()
    ),
    "fr": frozenset(
        "selon contre vers sous chez nouveau nouvelle nouvelles premier première président gouvernement "
        "ministre ans mort morts deux trois veut fait faut doit va face millions milliards hausse baisse "
        "grève loi réforme accord enquête procès attentat élection guerre justice santé police".split()
    ),
    "de": frozenset(
        "neue neuer neues jahr jahre mehr erste ersten millionen milliarden regierung kanzler kanzlerin "
        "polizei streit krieg wahl gericht deutschland bundesregierung soll will muss droht warnt nach "
        "gegen heute".split()
    ),
    "es": frozenset(
        "gobierno presidente años nuevo nueva millones policía guerra elecciones acuerdo muertos tras "
        "contra hoy españa ley crisis dos tres".split()
    ),
    "it": frozenset(
        "governo presidente anni nuovo nuova milioni polizia guerra elezioni accordo morti contro oggi "
        "italia legge crisi due tre".split()
    ),
    "pt": frozenset(
        "governo presidente anos novo nova milhões polícia guerra eleições acordo mortos contra hoje "
        "brasil lei crise dois três".split()
    ),
    "nl": frozenset(
        "nieuwe jaar jaren kabinet regering miljoen miljard politie oorlog verkiezingen akkoord doden "
        "vandaag nederland wet twee drie".split()
    ),
}

# Word endings that lean towards one language (weak evidence, counted once per word).
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "en": ("ing", "ed", "ness", "ship", "ly", "ers", "ight", "ough", "ould", "'s", "’s", "n't", "n’t"),
    "fr": ("eau", "eaux", "ée", "ées", "aux", "eux", "euse", "ique", "ait", "aient", "ité", "erie", "ante"),
    "de": ("ung", "ungen", "keit", "heit", "lich", "isch", "chen", "schaft", "tz", "ß"),
    "es": ("ción", "ciones", "ado", "ada", "idad", "mente", "ía", "ños"),
    "it": ("zione", "zioni", "ità", "etto", "ello", "issimo", "ggi", "cchi"),
    "pt": ("ção", "ções", "ões", "ão", "dade", "lho", "nha"),
    "nl": ("ijk", "ijke", "heid", "tje", "oe", "ijn", "aa", "ee", "oo"),
}

_SUFFIX_TABLE: dict[str, tuple[str, ...]] = {}
for _lang, _endings in _SUFFIXES.items():
    for _ending in _endings:
        _SUFFIX_TABLE[_ending] = (*_SUFFIX_TABLE.get(_ending, ()), _lang)
_SUFFIX_LENGTHS = sorted({len(ending) for ending in _SUFFIX_TABLE})

# Letters that (nearly) belong to a few of our languages, with how strongly each (per occurrence).
_LETTERS: dict[str, dict[str, float]] = {
    "ä": {"de": 0.5}, "ö": {"de": 0.5}, "ü": {"de": 0.5}, "ß": {"de": 0.8},
    "ñ": {"es": 0.8}, "¿": {"es": 0.8}, "¡": {"es": 0.5},
    "ã": {"pt": 0.8}, "õ": {"pt": 0.8},
    "ç": {"fr": 0.3, "pt": 0.3}, "è": {"fr": 0.4, "it": 0.2}, "ê": {"fr": 0.4, "pt": 0.2},
    "à": {"fr": 0.3, "it": 0.1, "pt": 0.1}, "ù": {"fr": 0.3, "it": 0.2}, "â": {"fr": 0.3, "pt": 0.2},
    "î": {"fr": 0.4}, "ô": {"fr": 0.3, "pt": 0.2}, "û": {"fr": 0.4}, "ë": {"fr": 0.2, "nl": 0.3},
    "ï": {"fr": 0.3, "nl": 0.2}, "œ": {"fr": 0.8}, "é": {"fr": 0.4, "es": 0.1, "pt": 0.1, "it": 0.05},
    "á": {"es": 0.3, "pt": 0.3}, "í": {"es": 0.3, "pt": 0.2}, "ó": {"es": 0.3, "pt": 0.2, "it": 0.05},
    "ú": {"es": 0.3, "pt": 0.2}, "ì": {"it": 0.4}, "ò": {"it": 0.4},
}
_ASCII_PRIOR_PER_WORD = 0.2  # among our seven languages, accent-free Latin text leans English
_ASCII_PRIOR_MAX = 1.0

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ELISION_RE = re.compile(r"\b([ldjcnsmt]|qu)['’](?=[^\W\d_])")  # on lowercased text
_SAMPLE_CHARS = 1200  # ~200 words decide; keeps long articles cheap
_CUE_MAX_WORDS = 60  # spelling cues only matter for headlines and short summaries

MIN_SCORE = 0.6  # evidence needed to name a language without a hint
MIN_MARGIN = 1.25  # best score must beat the runner-up by this factor
OVERRIDE_SCORE = 3.0  # evidence needed to contradict the feed's hint


def _shared_weights(lists: dict[str, frozenset[str]], weight: float) -> dict[str, dict[str, float]]:
    """word → {lang: weight / number of languages listing the word}."""
    table: dict[str, dict[str, float]] = {}
    for word in set().union(*lists.values()):
        owners = [lang for lang in LANGS if word in lists[lang]]
        table[word] = {lang: weight / len(owners) for lang in owners}
    return table


_WORD_WEIGHTS = _shared_weights(HEADLINE_WORDS, 0.6)
_WORD_WEIGHTS.update(_shared_weights(STOPWORDS, 1.0))
_FOREIGN_STOPWORDS = frozenset().union(*(STOPWORDS[lang] for lang in LANGS if lang != "en")) - STOPWORDS["en"]


def language_scores(text: str) -> dict[str, float]:
    """Evidence per language; stopwords count fully, headline words and spelling cues a fraction."""
    sample = text[:_SAMPLE_CHARS].lower()
    scores = dict.fromkeys(LANGS, 0.0)
    # French elisions ("l'État", "qu'il") are strong and would otherwise hide inside one token.
    elisions = len(_ELISION_RE.findall(sample))
    if elisions:
        scores["fr"] += 0.75 * elisions
        sample = _ELISION_RE.sub(" ", sample)
    words = _WORD_RE.findall(sample)
    foreign = 0  # function words English does not have
    for word in words:
        weights = _WORD_WEIGHTS.get(word)
        if weights:
            for lang, weight in weights.items():
                scores[lang] += weight
            if word in _FOREIGN_STOPWORDS:
                foreign += 1
    if len(words) <= _CUE_MAX_WORDS:
        for word in words:
            if len(word) >= 4:
                hits = {lang for k in _SUFFIX_LENGTHS for lang in _SUFFIX_TABLE.get(word[-k:], ())}
                for lang in hits:
                    scores[lang] += 0.3
    if sample.isascii():
        if words and foreign < 2 and not (foreign and len(words) <= 4):
            scores["en"] += min(_ASCII_PRIOR_PER_WORD * len(words), _ASCII_PRIOR_MAX)
    else:
        for char, weights in _LETTERS.items():
            count = sample.count(char)
            if count:
                for lang, weight in weights.items():
                    scores[lang] += min(count, 8) * weight
    return scores


# Scripts that (nearly) name a language, for short non-Latin texts CLD2 will not call.
_SCRIPTS = (
    ("\u3040", "\u30ff", "ja"), ("\uac00", "\ud7af", "ko"), ("\u4e00", "\u9fff", "zh"), ("\u0400", "\u04ff", "ru"),
    ("\u0600", "\u06ff", "ar"), ("\u0590", "\u05ff", "he"), ("\u0370", "\u03ff", "el"), ("\u0e00", "\u0e7f", "th"),
    ("\u0900", "\u097f", "hi"),
)
_CLD_SAMPLE = 1000  # characters CLD2 sees: the lead decides, and CLD2's cost grows with length
_CLD_LONG = 200  # from this many characters a reliable CLD2 verdict beats hints and word lists


def _cld2(sample: str) -> str:
    """CLD2's reliable two-letter verdict on `sample`, "" when it has none."""
    try:
        reliable, _, details = pycld2.detect(sample, bestEffort=True)
    except (pycld2.error, UnicodeEncodeError):  # lone surrogates, invalid UTF-8: no opinion
        return ""
    code = details[0][1]
    return code[:2] if reliable and code != "un" and (len(code) == 2 or code[2] == "-") else ""


def _by_script(sample: str) -> str:
    """Language implied by the first letters of a non-Latin script, "" for Latin text."""
    if sample.isascii():
        return ""
    for char in sample:
        if char > "\u036f":
            for low, high, lang in _SCRIPTS:
                if low <= char <= high:
                    return lang
    return ""


def _east_asian(sample: str, hint_code: str) -> str:
    """ja, ko or zh where the script decides, "" otherwise. Kana only occur in Japanese and Hangul
    only in Korean; Han characters with neither are Chinese, unless the feed says Japanese (a
    kanji-only headline). CLD2 calls short Chinese headlines Japanese, filing them with stories they
    can never share a word with, so the script is asked first."""
    if sample.isascii() or _CJK_RE.search(sample) is None:
        return ""
    if _KANA_RE.search(sample):
        return "ja"
    if _HANGUL_RE.search(sample):
        return "ko"
    han = len(_HAN_RE.findall(sample))
    if not han or han * 2 < sum(1 for c in sample if c.isascii() and c.isalpha()):
        return ""  # a Latin text quoting a Chinese name
    return hint_code if hint_code in ("ja", "zh") else "zh"


_KANA_RE = re.compile("[\u3040-\u30ff]")
_HANGUL_RE = re.compile("[\uac00-\ud7af]")
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_CJK_RE = re.compile("[\u3040-\u30ff\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff]")


def _by_words(sample: str, hint_code: str) -> str:
    """The function-word verdict: a listed language, the hint when the words cannot decide, else ""."""
    scores = language_scores(sample)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], LANGS.index(kv[0])))
    (best, top), (_, second) = ranked[0], ranked[1]
    clear = top >= second * MIN_MARGIN
    if hint_code:
        return best if clear and top >= OVERRIDE_SCORE else hint_code
    return best if clear and top >= MIN_SCORE else ""


# ISO 639-2 (bibliographic and terminology) and 639-3 codes → ISO 639-1, for feeds that declare
# "spa" or "ger": cutting to two letters gave "sp", or "fi" (Finnish) for Filipino.
_THREE_LETTER = dict(
    pair.split("=") for pair in (
        "eng=en fra=fr fre=fr deu=de ger=de spa=es ita=it por=pt nld=nl dut=nl rus=ru ukr=uk pol=pl ces=cs "
        "cze=cs slk=sk slo=sk hun=hu ron=ro rum=ro bul=bg hrv=hr srp=sr slv=sl bos=bs ell=el gre=el tur=tr "
        "ara=ar heb=he fas=fa per=fa urd=ur hin=hi ben=bn pan=pa guj=gu mar=mr tam=ta tel=te kan=kn mal=ml "
        "nep=ne sin=si zho=zh chi=zh cmn=zh yue=zh jpn=ja kor=ko vie=vi tha=th ind=id msa=ms may=ms zsm=ms "
        "tgl=tl fil=tl mya=my bur=my khm=km lao=lo mon=mn swe=sv nor=no nob=nb nno=nn dan=da fin=fi isl=is "
        "ice=is est=et lav=lv lit=lt cat=ca eus=eu baq=eu glg=gl gle=ga cym=cy wel=cy afr=af swa=sw amh=am "
        "som=so hau=ha yor=yo ibo=ig zul=zu xho=xh kat=ka geo=ka hye=hy arm=hy aze=az kaz=kk uzb=uz bel=be "
        "mkd=mk mac=mk sqi=sq alb=sq lat=la epo=eo ltz=lb mlt=mt pus=ps kur=ku tgk=tg tuk=tk kir=ky"
    ).split()
)


def _hint_code(hint: str | None) -> str:
    """The two-letter code of a feed's language tag ("en-US", "spa", "ger"), or "" (unknown, malformed)."""
    primary = (hint or "").strip().lower().replace("_", "-").split("-", 1)[0]
    if not (primary.isascii() and primary.isalpha()):
        return ""
    if len(primary) == 3:
        return _THREE_LETTER.get(primary, "")
    return primary if len(primary) == 2 else ""


def detect_language(text: str, hint: str | None = None) -> str:
    """Two-letter code of `text`'s language; the hint when the text cannot decide; else "und"."""
    hint_code = _hint_code(hint)
    if not text:
        return hint_code or UNDETERMINED
    sample = text[:_CLD_SAMPLE]
    east_asian = _east_asian(sample, hint_code)
    if east_asian:
        return east_asian
    model = _cld2(sample)
    if model and len(sample) >= _CLD_LONG:
        return model
    words = _by_words(sample, hint_code)
    if hint_code:
        # A short text contradicts its feed only when the model and strong word evidence agree.
        return words if words == model else hint_code
    return words or model or _by_script(sample) or UNDETERMINED


__all__ = ["ALL_STOPWORDS", "CYRILLIC_STOPWORDS", "LANGS", "STOPWORDS", "detect_language", "language_scores"]
