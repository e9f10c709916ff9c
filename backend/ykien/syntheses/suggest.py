"""Suggestions: groups of near-identical comments (and child items) a synthesis may merge in one go.

Pure and deterministic, no database: the syntheses service hands over the texts not yet merged and
shows the groups with their original wording. Matching works on the folded text (no diacritics,
đ→d, case-folded; ``ykien.core.text.fold``), so "sat lo" typed without marks meets "sạt lở".

How two texts are compared:

1. Boilerplate goes first. Section references ("Mục II.1.d:"), lead-ins and fillers of meeting
   minutes ("đề nghị", "cần", "nên", "bổ sung", "dự thảo", "bà con", "tiếp thu"…) and function
   words are dropped, because they are what *different* proposals share. Expressions of agreement
   ("thống nhất", "nhất trí", "đồng ý", "tán thành"…) become one light token and those of
   disagreement ("không tán thành", "chưa đồng tình"…) another, so plain agreements group together
   ("Thống nhất cao với dự thảo" ≈ "Nhất trí với nội dung dự thảo") but an agreement never joins
   a proposal on the same subject through that token alone. A few common multi-syllable words
   whose syllables collide with fillers once folded ("cán bộ", "cận nghèo"…) are kept whole.
2. What is left is a bag of syllables (Vietnamese writes one syllable per word-piece) plus the
   bigrams of consecutive syllables, which stand for two-syllable words ("sạt lở", "bờ biển") and
   keep "thu hồi tài sản" apart from "tài sản thu hồi"-free texts. Unigrams make the comparison
   blind to word order, bigrams to the order of syllables inside a word.
3. Each feature is weighted by its inverse document frequency over the texts at hand (rare words
   say what a comment is about), and texts are compared by cosine similarity.
4. Pairs at or above ``THRESHOLD`` are joined; groups are the connected components.

Speed (≈ 20,000 texts in well under 2 s in pure Python): identical feature sets are collapsed
first; candidate pairs come from an inverted index probed only with each text's *prefix*, its
heaviest features whose weight accounts for all but ``THRESHOLD`` of its norm. Two texts whose
cosine reaches the threshold must share a prefix feature of at least one of them (the rest of the
text cannot contribute ``THRESHOLD`` alone), so no pair is missed. A text already in the same
component as a candidate is not compared again.
"""

import heapq
import itertools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ykien.core.text import fold

THRESHOLD = 0.5
"""Cosine at or above which two texts are near-identical (chosen on the labelled set)."""

BIGRAM_WEIGHT = 1.0
"""Weight of a syllable bigram relative to a unigram of the same rarity."""

LIGHT_WEIGHT = 0.3
"""Weight of the light tokens: agreement, disagreement and places too common to tell apart."""

PROBE_BUDGET = 60
"""Candidate clusters come from a text's prefix, rarest feature first, until this many postings
were read. Small inputs never reach it (the search is then exhaustive); in large ones it bounds the
work per text, at the cost of missing a cluster met only through common words."""

VERIFY = 3
"""Of those, the VERIFY with the largest partial cosine are compared in full."""

_AGREE = "<agree>"
_DISAGREE = "<disagree>"
_DROP = ""

# Phrases, folded, mapped to a token ("" drops them). Matched greedily, longest first.
_PHRASES: dict[str, str] = {
    # disagreement before agreement, so "không tán thành" is not read as "tán thành"
    **dict.fromkeys(
        (
            "khong tan thanh",
            "khong dong y",
            "khong dong tinh",
            "khong thong nhat",
            "khong nhat tri",
            "chua tan thanh",
            "chua dong y",
            "chua dong tinh",
            "chua thong nhat",
            "chua nhat tri",
            "phan doi",
        ),
        _DISAGREE,
    ),
    **dict.fromkeys(
        (
            "thong nhat cao",
            "nhat tri cao",
            "thong nhat",
            "nhat tri",
            "dong y",
            "tan thanh",
            "dong tinh",
            "ung ho",
            "hoan toan dong y",
            "rat tan thanh",
            "rat dong tinh",
        ),
        _AGREE,
    ),
    # words whose syllables would otherwise be taken for fillers
    "can bo": "can_bo",
    "can ngheo": "can_ngheo",
    "can thiet": "can_thiet",
    "can cu": "can_cu",
    "nen tang": "nen_tang",
    "co che": "co_che",
    "co so": "co_so",
    "co hoi": "co_hoi",
    "co cau": "co_cau",
    "de an": "de_an",
    "van de": "van_de",
    "chu de": "chu_de",
    "ban hanh": "ban_hanh",
    "dang vien": "dang_vien",
    "dang bo": "dang_bo",
    # common two-syllable words that say little about the proposal: one light token each
    "giai phap": "giai_phap",
    "chinh sach": "chinh_sach",
    "tang cuong": "tang_cuong",
    "dau tu": "dau_tu",
    "nang cao": "nang_cao",
    "phat trien": "phat_trien",
    "ho tro": "ho_tro",
    "phat huy": "phat_huy",
    # lead-ins, fillers and closing formulas of meeting minutes
    **dict.fromkeys(
        (
            "de nghi",
            "kien nghi",
            "de xuat",
            "mong muon",
            "mong",
            "bo sung",
            "them",
            "du thao",
            "van kien",
            "noi dung",
            "bao cao chinh tri",
            "ban soan thao",
            "nghien cuu",
            "tiep thu",
            "xem xet",
            "chinh sua",
            "y kien",
            "khong co y kien",
            "khong co y kien gi them",
            "khong co y kien bo sung",
            "ba con",
            "nhan dan",
            "nguoi dan",
            "phan anh",
            "tinh trang",
            "viec",
            "hien nay",
            "hon nua",
            "nhat la",
            "dac biet",
            "cu the",
            "ro",
            "hoan toan",
            "toan bo",
            "nhin chung",
            "ve co ban",
            "tuy nhien",
            "quan tam",
            "can duoc",
            "phai",
            "can",
            "nen",
        ),
        _DROP,
    ),
}

# Abbreviations of meeting minutes, spelled out before anything else.
_ABBREVIATIONS: dict[str, str] = {
    "bhyt": "bao hiem y te",
    "bhxh": "bao hiem xa hoi",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ntm": "nong thon moi",
    "dtts": "dan toc thieu so",
    "csxh": "chinh sach xa hoi",
    "cntt": "cong nghe thong tin",
    "tthc": "thu tuc hanh chinh",
}

# Syllables dropped wherever they stand: function words and the vaguest verbs.
_STOP = frozenset(
    [
        "va",
        "voi",
        "cua",
        "cac",
        "nhung",
        "la",
        "co",
        "duoc",
        "cho",
        "trong",
        "de",
        "ve",
        "o",
        "tai",
        "tu",
        "den",
        "nay",
        "do",
        "thi",
        "ma",
        "da",
        "dang",
        "se",
        "rat",
        "hon",
        "nua",
        "cung",
        "con",
        "nhu",
        "mot",
        "so",
        "nhieu",
        "khi",
        "vi",
        "neu",
        "thanh",
        "bang",
        "hay",
        "hoac",
        "moi",
        "gi",
        "nao",
        "ai",
        "dieu",
        "nhu",
        "vay",
        "theo",
        "tren",
        "duoi",
        "sau",
        "truoc",
        "ra",
        "vao",
        "len",
        "xuong",
        "lai",
        "nay",
        "kia",
        "day",
        "the",
        "nhe",
        "a",
        "oi",
        "u",
    ]
)

# Tokens that say little about what a comment proposes: kept, but light.
_LIGHT = frozenset(
    {
        _AGREE,
        _DISAGREE,
        "ap",
        "xa",
        "huyen",
        "tinh",
        "khu",
        "pho",
        "co_so",
        "co_che",
        "giai_phap",
        "chinh_sach",
        "tang_cuong",
        "dau_tu",
        "nang_cao",
        "phat_trien",
        "ho_tro",
        "phat_huy",
    }
)

_SECTION_WORDS = frozenset({"muc", "phan", "chuong", "diem", "khoan"})
_NUMBERING = re.compile(r"[ivxlc]+|\d+|[a-z]")
_WORD = re.compile(r"\w+")
# phrases by their first syllable, longest first, for the greedy match
_PHRASES_BY_FIRST: dict[str, list[tuple[int, tuple[str, ...], str]]] = defaultdict(list)
for _phrase, _token in _PHRASES.items():
    _words = tuple(_phrase.split())
    _PHRASES_BY_FIRST[_words[0]].append((len(_words), _words, _token))
for _candidates in _PHRASES_BY_FIRST.values():
    _candidates.sort(key=lambda c: -c[0])


@dataclass(frozen=True)
class SuggestInput:
    """One text a synthesis may merge: a comment ("c:<uuid>") or a child item ("i:<uuid>")."""

    key: str
    text: str
    comments: int  # 1 for a comment; a child item's count
    people: int


@lru_cache(maxsize=1 << 16)
def _syllables(word: str) -> tuple[str, ...]:
    # comments reuse a small vocabulary: folding word by word, cached, is many times faster
    folded = fold(word)
    return tuple(_ABBREVIATIONS.get(folded, folded).split())


def tokens(text: str) -> list[str]:
    """The folded syllables of ``text`` with boilerplate dropped and stance phrases unified."""
    words = [
        syllable
        for word in _WORD.findall(unicodedata.normalize("NFC", text).casefold())
        for syllable in _syllables(word)
    ]
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        if word in _SECTION_WORDS and i + 1 < n and _NUMBERING.fullmatch(words[i + 1]):
            i += 2  # "Mục II.1.d:", a reference to the section, not an opinion
            while i < n and _NUMBERING.fullmatch(words[i]):
                i += 1
            continue
        for size, phrase, token in _PHRASES_BY_FIRST.get(word, ()):
            if tuple(words[i : i + size]) == phrase:
                if token:
                    out.append(token)
                i += size
                break
        else:
            if word not in _STOP:
                out.append(word)
            i += 1
    return out


def features(text: str) -> frozenset[str]:
    """Unigrams and consecutive bigrams of ``tokens(text)``; stance tokens make no bigrams."""
    toks = tokens(text)
    feats = set(toks)
    for a, b in itertools.pairwise(toks):
        if a[0] != "<" and b[0] != "<":
            feats.add(a + " " + b)
    return frozenset(feats)


def _base_weight(feature: str) -> float:
    if " " in feature:
        a, b = feature.split(" ", 1)
        return BIGRAM_WEIGHT * min(_base_weight(a), _base_weight(b))
    return LIGHT_WEIGHT if feature in _LIGHT else 1.0


def _vectors(sets: Sequence[frozenset[str]]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors (binary term frequency) of the feature sets."""
    df: dict[str, int] = defaultdict(int)
    for feats in sets:
        for f in feats:
            df[f] += 1
    n = len(sets)
    weight = {f: _base_weight(f) * (math.log((n + 1) / (c + 1)) + 1.0) for f, c in df.items()}
    vectors: list[dict[str, float]] = []
    for feats in sets:
        vec = {f: weight[f] for f in feats}
        norm = math.sqrt(sum(w * w for w in vec.values()))
        vectors.append({f: w / norm for f, w in vec.items()} if norm else {})
    return vectors


def _prefix(vec: dict[str, float], threshold: float) -> tuple[list[tuple[str, float]], float]:
    """The heaviest features of a unit vector until what remains weighs less than ``threshold``,
    and the norm of what remains.

    Whatever reaches cosine ``threshold`` with ``vec`` shares at least one of them: the rest of
    ``vec`` contributes at most its own norm (Cauchy-Schwarz), which is below ``threshold``.
    """
    limit = threshold * threshold
    rest = 1.0
    out: list[tuple[str, float]] = []
    for f, w in sorted(vec.items(), key=lambda fw: (-fw[1], fw[0])):
        if rest < limit:
            break
        out.append((f, w))
        rest -= w * w
    return out, math.sqrt(max(rest, 0.0))


def _clusters(vectors: Sequence[dict[str, float]], threshold: float) -> list[int]:
    """Cluster of each vector: joins the cluster whose centroid is nearest, if within threshold.

    A single pass in the given order. Comparing with the centroid (the sum of the members) rather
    than with any member keeps a comment that says two things from chaining two opinions together,
    as single-link grouping would. Candidates are the clusters met through the prefix; the dot
    product over the prefix plus the norm of the rest bounds the cosine, so most are discarded
    before the full product is computed.
    """
    sums: list[dict[str, float]] = []  # cluster -> sum of its members' vectors
    norms2: list[float] = []  # cluster -> squared norm of that sum
    inv_norms: list[float] = []  # cluster -> 1 / norm of that sum
    index: dict[str, list[int]] = defaultdict(list)  # feature -> clusters whose sum holds it
    out: list[int] = []
    floor = threshold - 1e-9
    for vec in vectors:
        prefix, _ = _prefix(vec, threshold)
        visits = 0
        partial: dict[int, float] = {}
        for f, w in prefix:
            if visits >= PROBE_BUDGET:
                break  # enough candidates from the rarer features; the common ones add noise
            posting = index[f]
            visits += len(posting)
            for c in posting:
                partial[c] = partial.get(c, 0.0) + w * sums[c][f]
        best, best_cos = -1, floor
        ranked = heapq.nsmallest(VERIFY, ((-p * inv_norms[c], c) for c, p in partial.items()))
        for _, c in ranked:
            inv = inv_norms[c]
            total = sums[c]
            cos = sum(w * total[g] for g, w in vec.items() if g in total) * inv
            if cos > best_cos:
                best, best_cos = c, cos
        if best < 0:
            best = len(sums)
            sums.append({})
            norms2.append(0.0)
            inv_norms.append(0.0)
        total = sums[best]
        dot = sum(w * total[g] for g, w in vec.items() if g in total)
        norms2[best] += 2 * dot + 1.0
        inv_norms[best] = 1.0 / math.sqrt(norms2[best])
        for f, w in vec.items():
            if f in total:
                total[f] += w
            else:
                total[f] = w
                index[f].append(best)
        out.append(best)
    return out


def group_similar(
    items: Sequence[SuggestInput], *, threshold: float = THRESHOLD
) -> list[list[str]]:
    """Groups of keys of near-identical texts (each group ≥ 2 items), largest first (by total
    comments, then people). Deterministic."""
    ordered = sorted(items, key=lambda it: it.key)
    # identical feature sets are one node: restatements often differ only by fillers
    node_of: dict[frozenset[str], int] = {}
    members: list[list[SuggestInput]] = []
    for item in ordered:
        feats = features(item.text)
        if not feats:
            continue  # nothing left but boilerplate ("Đề nghị bổ sung.")
        node = node_of.setdefault(feats, len(members))
        if node == len(members):
            members.append([])
        members[node].append(item)
    sets_ = list(node_of)
    # frequent texts first, then short ones: they make the best seeds of a cluster
    order = sorted(
        range(len(members)),
        key=lambda n: (-len(members[n]), len(sets_[n]), members[n][0].key),
    )
    vectors = _vectors([sets_[n] for n in order])
    by_cluster: dict[int, list[SuggestInput]] = defaultdict(list)
    for node, cluster in zip(order, _clusters(vectors, threshold), strict=True):
        by_cluster[cluster].extend(members[node])
    groups = [g for g in by_cluster.values() if len(g) >= 2]
    for g in groups:
        g.sort(key=lambda it: (-it.comments, -it.people, it.key))
    groups.sort(
        key=lambda g: (
            -sum(it.comments for it in g),
            -sum(it.people for it in g),
            g[0].key,
        )
    )
    return [[it.key for it in g] for g in groups]


def pairwise_precision_recall(
    predicted: Sequence[Sequence[str]], expected: Sequence[Sequence[str]]
) -> tuple[float, float]:
    """Pairwise precision and recall of ``predicted`` groups against ``expected`` ones.

    A pair is two keys in the same group; precision is the share of predicted pairs a human also
    made, recall the share of the human's pairs that were predicted. How suggestions are measured
    on the labelled set (tests and ``bench/suggest.py``).
    """

    def pairs(groups: Sequence[Sequence[str]]) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        for group in groups:
            keys = sorted(group)
            out.update((a, b) for i, a in enumerate(keys) for b in keys[i + 1 :])
        return out

    got, want = pairs(predicted), pairs(expected)
    hits = len(got & want)
    precision = hits / len(got) if got else 1.0
    recall = hits / len(want) if want else 1.0
    return precision, recall
