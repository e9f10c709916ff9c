"""Made-up but believable comments, as a Front board would type them from its meeting minutes.

``generate_comments`` is pure and deterministic: the same ``random.Random`` state, ``n`` and
``sections`` always give the same comments. A comment is built from a phrase template of its stance
(agree, amend, add, disagree, other) whose slots (topic, result, problem, proposal, indicator,
place, group of people…) are filled from a bank of topics that matter to Kiên Giang and to the
draft documents: rice, shrimp, pineapple and Phú Quốc pepper, the sea economy, tourism, the Khmer
community, religion, land, corruption and "tự diễn biến, tự chuyển hóa", Party building,
grassroots democracy, rural roads, schools, health insurance, salinity and drought, climate
change, youth employment, administrative reform and digital transformation.

When a section number belongs to one of ``ykien.demo.documents.DOCUMENTS`` the topics follow its
heading, so a comment on the section about tourism talks about tourism. About a third of the
comments restate an earlier opinion in other words (another template of the same kind, another
lead-in, small changes of wording and punctuation), as happens when many residential areas raise
the same point: these are the near-duplicates a synthesis groups together.

The words (topics, templates, lead-ins, closers…) are data, in ``data/phrases.json``; this module
holds the weights and the rules that put them together.
"""

import random
import string
import unicodedata
from dataclasses import dataclass
from typing import Any

from ykien.demo.documents import DOCUMENTS
from ykien.demo.fixtures import read_data

STANCES: dict[str, float] = {
    "agree": 40,
    "amend": 25,
    "add": 25,
    "disagree": 5,
    "other": 5,
}
CATEGORIES: dict[str, float] = {
    "citizen": 55,
    "party_member": 10,
    "cadre": 8,
    "front_committee_member": 8,
    "member_organization": 8,
    "notable_person": 5,
    "advisory_council": 3,
    "other": 3,
}
CHANNELS: dict[str, float] = {"meeting": 78, "written": 9, "online": 7, "media": 2, "other": 4}
MEMBER_ORGANIZATIONS: dict[str, float] = {
    "farmers_union": 30,
    "womens_union": 25,
    "veterans_association": 18,
    "youth_union": 15,
    "trade_union": 10,
    "other": 2,
}
PEOPLE: dict[int, float] = {
    1: 72,
    2: 8,
    3: 6,
    4: 3,
    5: 4,
    6: 1.5,
    7: 1,
    8: 1,
    10: 1,
    12: 0.8,
    15: 0.7,
}

WHOLE_DOCUMENT_SHARE = 0.2  # comments on the whole document, with no section
REPEAT_SHARE = 0.35  # comments that restate an earlier opinion in other words


@dataclass(frozen=True)
class _Topic:
    key: str
    names: tuple[str, ...]  # "phát triển du lịch": follows "nội dung về", "phần"
    keywords: tuple[str, ...]  # lower-case pieces of section headings that point at the topic
    achievements: tuple[str, ...]  # follows "kết quả"
    issues: tuple[str, ...]  # a problem, noun phrase: follows "đánh giá về", "nêu rõ"
    proposals: tuple[str, ...]  # verb phrase: follows "giải pháp", "Đề nghị"
    remedies: tuple[tuple[str, str], ...]  # (issue, proposal that answers it)
    targets: tuple[str, ...]  # an indicator: follows "Chưa đồng tình với"
    pairs: tuple[tuple[str, str], ...]  # wording to change: (from, to)
    places: tuple[str, ...]  # follows "ở", "tại"
    groups: tuple[str, ...]  # people concerned


@dataclass(frozen=True)
class _Family:
    """Templates that say the same thing in different words; the slots they share."""

    stance: str
    weight: float
    variants: tuple[str, ...]
    focus: str = ""  # "target", "issue" or "review": favoured in sections about that
    excluded: tuple[str, ...] = ()  # topics it reads wrong with


def _pairs(rows: list[list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((old, new) for old, new in rows)


def _strings(rows: list[str]) -> tuple[str, ...]:
    return tuple(rows)


def _by_key(rows: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in rows.items()}


_DATA: dict[str, Any] = read_data("phrases.json")
TOPICS: tuple[_Topic, ...] = tuple(
    _Topic(
        key=t["key"],
        names=_strings(t["names"]),
        keywords=_strings(t["keywords"]),
        achievements=_strings(t["achievements"]),
        issues=_strings(t["issues"]),
        proposals=_strings(t["proposals"]),
        remedies=_pairs(t["remedies"]),
        targets=_strings(t["targets"]),
        pairs=_pairs(t["pairs"]),
        places=_strings(t["places"]),
        groups=_strings(t["groups"]),
    )
    for t in _DATA["topics"]
)
_TOPIC_BY_KEY = {topic.key: topic for topic in TOPICS}
FAMILIES: tuple[_Family, ...] = tuple(
    _Family(
        stance=f["stance"],
        weight=f["weight"],
        variants=_strings(f["variants"]),
        focus=f["focus"],
        excluded=_strings(f["excluded"]),
    )
    for f in _DATA["families"]
)
# Places usable for any topic, after "ở" / "tại".
PLACES = _strings(_DATA["places"])
# "vì …": why an indicator or a direction is not agreed with.
REASONS = _strings(_DATA["reasons"])
# "vì …", "thực tế …": why an assessment of results is not agreed with.
REASONS_EVAL = _strings(_DATA["reasons_eval"])
# Requests about the commune, often voiced at an area meeting whatever the agenda.
LOCAL_REQUESTS = _strings(_DATA["local_requests"])
LOCAL_ISSUES = _strings(_DATA["local_issues"])
LOCAL_PLACES = _strings(_DATA["local_places"])
# Comments on a document as a whole (no section), by stance.
WHOLE_DOCUMENT = _by_key(_DATA["whole_document"])
# Opening sentences.
LEADS_AGREE = _strings(_DATA["leads_agree"])
LEADS_PARTIAL = _strings(_DATA["leads_partial"])
LEADS_BY_CATEGORY = _by_key(_DATA["leads_by_category"])
LEADS_BY_ORGANIZATION = _by_key(_DATA["leads_by_organization"])
# Closing sentences.
CLOSERS = _by_key(_DATA["closers"])
# Small rewordings applied to a restated opinion: (old, new), first occurrence only.
REWORDINGS = _pairs(_DATA["rewordings"])
# Topics a member organisation or a category of people speaks of more often.
_AFFINITY = _by_key(_DATA["affinity"])
# How people name each demo document in a sentence.
_DOCUMENT_NAMES = _by_key(_DATA["document_names"])
_GENERIC_DOCUMENT_NAMES = _strings(_DATA["generic_document_names"])


def _walk(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for section in sections:
        found.append(section)
        found.extend(_walk(section.get("children", [])))
    return found


def _topics_for(heading: str) -> tuple[str, ...]:
    lowered = heading.lower()
    return tuple(t.key for t in TOPICS if any(k in lowered for k in t.keywords))


def _section_index() -> tuple[dict[tuple[str, str], tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Topics of every known section, and of every known document (union, in topic order)."""
    by_section: dict[tuple[str, str], tuple[str, ...]] = {}
    by_document: dict[str, tuple[str, ...]] = {}
    for document in DOCUMENTS:
        code = document["code"]
        for section in _walk(document["sections"]):
            by_section[(code, section["number"])] = _topics_for(section["heading"])
        for (doc, number), keys in list(by_section.items()):
            if doc == code and not keys and "." in number:  # fall back to the parent's topics
                by_section[(doc, number)] = by_section.get((doc, number.rsplit(".", 1)[0]), ())
        seen = {k for (doc, _), keys in by_section.items() if doc == code for k in keys}
        by_document[code] = tuple(t.key for t in TOPICS if t.key in seen)
    return by_section, by_document


_SECTION_TOPICS, _DOCUMENT_TOPICS = _section_index()
_HEADINGS: dict[tuple[str, str], str] = {
    (d["code"], s["number"]): s["heading"] for d in DOCUMENTS for s in _walk(d["sections"])
}
_PROVINCIAL = frozenset(d["code"] for d in DOCUMENTS if "tỉnh" in d["title"])
_FIELDS = string.Formatter()


def _slots(template: str) -> set[str]:
    return {name for _, name, _, _ in _FIELDS.parse(template) if name}


_SLOT_FIELD = {
    "ach": "achievements",
    "issue": "issues",
    "prop": "proposals",
    "target": "targets",
    "r_issue": "remedies",
    "r_prop": "remedies",
}


def _eligible(family: _Family, topic: _Topic) -> bool:
    needed = set().union(*(_slots(v) for v in family.variants))
    if topic.key in family.excluded:
        return False
    return all(getattr(topic, _SLOT_FIELD[s]) for s in needed if s in _SLOT_FIELD)


def _pick(rng: random.Random, weights: dict[Any, float]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _capitalize(sentence: str) -> str:
    for i, char in enumerate(sentence):
        if char.isalpha():
            return sentence[:i] + char.upper() + sentence[i + 1 :]
    return sentence


def _values(rng: random.Random, topic: _Topic, code: str) -> dict[str, str]:
    old, new = rng.choice(topic.pairs)
    r_issue, r_prop = rng.choice(topic.remedies)
    place_pool = topic.places if rng.random() < 0.75 else PLACES
    names = _DOCUMENT_NAMES.get(code, _GENERIC_DOCUMENT_NAMES)
    return {
        "topic": rng.choice(topic.names),
        "ach": rng.choice(topic.achievements),
        "issue": rng.choice(topic.issues),
        "prop": rng.choice(topic.proposals),
        "target": rng.choice(topic.targets) if topic.targets else "các chỉ tiêu chủ yếu",
        "old": old,
        "new": new,
        "r_issue": r_issue,
        "r_prop": r_prop,
        "place": rng.choice(place_pool),
        "group": rng.choice(topic.groups),
        "reason": rng.choice(REASONS),
        "reason_eval": rng.choice(REASONS_EVAL),
        "local_req": rng.choice(LOCAL_REQUESTS),
        "local_issue": rng.choice(LOCAL_ISSUES),
        "local_place": rng.choice(LOCAL_PLACES),
        "page": str(rng.randint(2, 48)),
        "line": str(rng.randint(1, 30)),
        "doc": rng.choice(names),
        "auth": "tỉnh" if code in _PROVINCIAL or code not in _DOCUMENT_TOPICS else "Trung ương",
    }


def _choose_topic(
    rng: random.Random, code: str, section: str | None, affinity: tuple[str, ...]
) -> _Topic:
    if section is not None and (code, section) in _SECTION_TOPICS:
        keys = _SECTION_TOPICS[(code, section)]
    else:
        keys = _DOCUMENT_TOPICS.get(code, ())
    if keys == ("chung",) and rng.random() < 0.65:
        keys = _DOCUMENT_TOPICS.get(code, ())  # a general section: any field of the document
    if not keys:
        keys = tuple(t.key for t in TOPICS)
    preferred = [k for k in keys if k in affinity]
    if preferred and rng.random() < 0.5:
        return _TOPIC_BY_KEY[rng.choice(preferred)]
    return _TOPIC_BY_KEY[rng.choice(keys)]


def _choose_family(rng: random.Random, stance: str, topic: _Topic, heading: str) -> int:
    lowered = heading.lower()
    focus = {
        "target": "chỉ tiêu" in lowered or "mục tiêu" in lowered,
        "issue": "hạn chế" in lowered or "yếu kém" in lowered,
        "review": "kết quả" in lowered or "đánh giá" in lowered,
    }
    weights: dict[int, float] = {}
    for index, family in enumerate(FAMILIES):
        if family.stance == stance and _eligible(family, topic):
            boost = 4.0 if family.focus and focus[family.focus] else 1.0
            weights[index] = family.weight * boost
    return int(_pick(rng, weights))


def _new_idea(
    rng: random.Random, sections: dict[str, list[str]], affinity: tuple[str, ...]
) -> dict[str, Any]:
    codes = list(sections)
    code = rng.choices(codes, weights=[1 + len(sections[c]) / 10 for c in codes])[0]
    numbers = sections[code]
    section = None if not numbers or rng.random() < WHOLE_DOCUMENT_SHARE else rng.choice(numbers)
    stance = str(_pick(rng, STANCES))
    topic = _choose_topic(rng, code, section, affinity)
    idea: dict[str, Any] = {
        "document_code": code,
        "section_number": section,
        "stance": stance,
        "topic": topic.key,
        "values": _values(rng, topic, code),
    }
    if section is None and rng.random() < 0.5:
        idea["whole"] = rng.randrange(len(WHOLE_DOCUMENT[stance]))
    else:
        heading = _HEADINGS.get((code, section), "") if section is not None else ""
        family = _choose_family(rng, stance, topic, heading)
        idea["family"] = family
        idea["variant"] = rng.randrange(len(FAMILIES[family].variants))
    return idea


def _core(idea: dict[str, Any], rng: random.Random, restated: bool) -> str:
    values: dict[str, str] = idea["values"]
    if "whole" in idea:
        templates = WHOLE_DOCUMENT[idea["stance"]]
        index = (
            idea["whole"] if not restated or rng.random() < 0.7 else rng.randrange(len(templates))
        )
        return _capitalize(templates[index].format(**values))
    variants = FAMILIES[idea["family"]].variants
    index = idea["variant"] if not restated or rng.random() < 0.5 else rng.randrange(len(variants))
    return _capitalize(variants[index].format(**values))


def _reword(text: str, rng: random.Random) -> str:
    for old, new in REWORDINGS:
        if old in text and new not in text and rng.random() < 0.3:
            text = text.replace(old, new, 1)
    if rng.random() < 0.1 and text.endswith("."):
        text = text[:-1]
    return text


def _render(
    idea: dict[str, Any], rng: random.Random, category: str, organization: str, restated: bool
) -> str:
    stance: str = idea["stance"]
    core = _core(idea, rng, restated)
    section = idea["section_number"]
    if section is not None and rng.random() < 0.15:
        heading = _HEADINGS.get((idea["document_code"], section), "")
        if heading.startswith("Phần thứ"):  # "Phần thứ hai. Tổng kết …" -> "Tổng kết …"
            heading = heading.split(". ", 1)[-1]
        if heading and len(heading) <= 60 and rng.random() < 0.5:
            core = f"Phần “{heading}”: {core}"
        else:
            core = f"{rng.choice(('Mục', 'Tại mục'))} {section}: {core}"
    sentences = [core]
    if "family" in idea and rng.random() < 0.12:  # a second point on the same topic
        topic = _TOPIC_BY_KEY[idea["topic"]]
        options = [
            i
            for i, f in enumerate(FAMILIES)
            if f.stance == stance and i != idea["family"] and not f.focus and _eligible(f, topic)
        ]
        if options:
            variants = FAMILIES[rng.choice(options)].variants
            values = _values(rng, topic, idea["document_code"])
            sentences.append(_capitalize(rng.choice(variants).format(**values)))
    lead_pool: tuple[str, ...] = ()
    roll = rng.random()
    if roll < 0.08:
        lead_pool = LEADS_BY_CATEGORY.get(category, ()) or LEADS_BY_ORGANIZATION.get(
            organization, ()
        )
    elif roll < 0.25 and stance != "other":
        lead_pool = LEADS_AGREE if stance == "agree" else LEADS_PARTIAL
    if lead_pool:
        sentences.insert(0, rng.choice(lead_pool))
    if rng.random() < 0.25:
        closer = rng.choice(CLOSERS[stance])
        opening = " ".join(closer.lower().split()[:3])
        if opening not in " ".join(sentences).lower():  # no "không có ý kiến" twice
            sentences.append(closer)
    text = " ".join(sentences)
    if restated:
        text = _reword(text, rng)
    while len(text) < 40:
        text = f"{text.rstrip('.')}. {rng.choice(CLOSERS[stance])}"
    if len(text) > 600:
        text = core
    return unicodedata.normalize("NFC", text)


def generate_comments(
    rng: random.Random, n: int, sections: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """``n`` comments on the documents of ``sections`` (document code -> its section numbers).

    Each is a dict with ``document_code``, ``section_number`` (``None`` for the whole document),
    ``stance``, ``category``, ``channel``, ``organization``, ``people`` and ``content``.
    """
    if n <= 0:
        return []
    if not sections:
        raise ValueError("no documents to comment on")
    ideas: list[dict[str, Any]] = []
    comments: list[dict[str, Any]] = []
    for _ in range(n):
        category = str(_pick(rng, CATEGORIES))
        if category == "member_organization":
            organization = str(_pick(rng, MEMBER_ORGANIZATIONS))
        elif rng.random() < 0.88:
            organization = "front"
        else:
            organization = str(_pick(rng, MEMBER_ORGANIZATIONS))
        channel = str(_pick(rng, CHANNELS))
        people = 1 if channel == "media" else int(_pick(rng, PEOPLE))
        affinity = _AFFINITY.get(organization, ()) + _AFFINITY.get(category, ())
        restated = bool(ideas) and rng.random() < REPEAT_SHARE
        idea = rng.choice(ideas) if restated else _new_idea(rng, sections, affinity)
        ideas.append(idea)  # popular opinions come back more often
        comments.append(
            {
                "document_code": idea["document_code"],
                "section_number": idea["section_number"],
                "stance": idea["stance"],
                "category": category,
                "channel": channel,
                "organization": organization,
                "people": people,
                "content": _render(idea, rng, category, organization, restated),
            }
        )
    return comments
