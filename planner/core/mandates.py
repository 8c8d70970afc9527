"""Mandates: the resolutions and decisions that establish and steer a body, and their citations.

Plain data and rules, no Flask and no database. The same rules (:func:`mandate_problems`) serve
the meeting-file reader and the forms, so both refuse the same things; each problem is a code and
parameters that the caller words in its own way (English for files, the interface language for
forms).

Citations. An annotation cites a mandate with a placeholder in its text, resolved to the
language's citation when the document is rendered::

    {mandate:7/1}            In its resolution 7/1, entitled “…”, the Conference of the Parties …
    {mandate:8/2|in}         In its resolution 8/2, the Conference
    {mandate:5/5|ref}        resolution 5/5 of the Conference
    {mandate:4/4#9}          In paragraph 9 of its decision 4/4, entitled “…”, the Conference …
    {mandate:decision 4/4}   the kind, where a number alone is ambiguous
    {mandate:CTOC/COP resolution 7/1}   the adopting body too
    {mandate:CTOC/COP/2020/L.6/Rev.1|ref}  a draft, by its symbol (drafts are cited by reference)

Each language has its own whole patterns (:data:`PATTERNS`), one per kind, form and with or
without a paragraph; nothing is assembled from translated fragments. The patterns other than
English and Chinese are the project's reading of UN usage and are listed for review in
``docs/mandate-citations.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal
from uuid import UUID

from planner.core.languages import LANGUAGES, Texts
from planner.core.symbols import SymbolError, parse_body_prefix, parse_symbol

#: What a mandate is. A draft (a draft resolution, not yet adopted) has a symbol and no number.
MANDATE_KINDS: Final = ("resolution", "decision", "draft")
#: How a mandate bears on a body.
RELATIONS: Final = ("establishes", "steers")
#: How a citation reads: with the title (``full``), without it (``in``), or as a reference in
#: running text (``ref``).
CITATION_FORMS: Final = ("full", "in", "ref")

CitationForm = Literal["full", "in", "ref"]

#: "7/1", "64/178", "2017/18"; Security Council style "2331 (2016)".
NUMBER_RE: Final = re.compile(r"[0-9]{1,4}/[0-9]{1,4}|[0-9]{1,5} \([0-9]{4}\)")
#: An operative paragraph: "9", "10 (a)".
PARAGRAPH_RE: Final = re.compile(r"[0-9]{1,3}( \([a-z]{1,4}\))?")

CITATION_RE: Final = re.compile(
    r"\{mandate:\s*(?P<key>[^#|{}]+?)\s*(?:#\s*(?P<paragraph>[^|{}]+?)\s*)?"
    r"(?:\|\s*(?P<form>[a-z]+)\s*)?\}"
)


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphData:
    """A paragraph of a mandate that concerns a body; ``number`` is None for a preambular one."""

    number: str | None
    text: Texts


@dataclass(frozen=True)
class BodyLinkData:
    body: str  # symbol
    relation: str  # one of RELATIONS


@dataclass(frozen=True, kw_only=True)
class MandateData:
    """One mandate as plain data; ``body_name`` and ``body_short_name`` are the adopting body's
    texts, which its citations name."""

    public_id: UUID | None = None
    body: str  # symbol of the adopting body
    body_name: Texts = field(default_factory=dict)
    body_short_name: Texts = field(default_factory=dict)
    kind: str
    number: str | None = None
    session: int | None = None
    symbol: str | None = None
    adopted: date | None = None
    title: Texts = field(default_factory=dict)
    paragraphs: tuple[ParagraphData, ...] = ()
    links: tuple[BodyLinkData, ...] = ()

    def label(self) -> str:
        """How the mandate is named in messages: "resolution 7/1", "draft CTOC/COP/2020/L.6"."""
        if self.number:
            return f"{self.kind} {self.number}"
        return f"draft {self.symbol or ''}".strip()


# --------------------------------------------------------------------------------------------
# Rules shared by the meeting-file reader and the forms
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MandateProblem:
    """What is wrong, where: ``where`` is a field ("number", "paragraphs[1].number")."""

    where: str
    code: str
    params: Mapping[str, str] = field(default_factory=dict)


#: The English wording of each problem (the meeting-file reader's; forms translate their own).
MESSAGES_EN: Final = {
    "kind": "{value} is not a kind of mandate. Use one of: resolution, decision, draft.",
    "number_required": "A resolution or decision needs its number as cited, such as 7/1.",
    "number_format": "{value} is not a resolution or decision number; write it as cited, "
    "such as 7/1 or 64/178.",
    "draft_number": "A draft has no number yet; give its symbol instead.",
    "symbol_required": "A draft needs its document symbol, such as CTOC/COP/2020/L.6/Rev.1, "
    "or, where the symbol is not known, its title.",
    "symbol": "{message}",
    "session": "session must be a whole number, such as 7 for the seventh session.",
    "paragraph_format": "{value} is not a paragraph number; write it such as 9 or 10 (a).",
    "paragraph_twice": "Paragraph {value} is given twice.",
    "paragraph_text": "The paragraph needs its text in at least one language.",
    "relation": "{value} is not a relation. Use establishes or steers.",
    "body_twice": "The body {value} is linked twice; link each body once.",
    "draft_establishes": "A draft establishes nothing until it is adopted; use steers.",
    "body_format": "{message}",
}


def message_en(problem: MandateProblem) -> str:
    return MESSAGES_EN[problem.code].format(**problem.params)


def mandate_problems(m: MandateData) -> list[MandateProblem]:
    """Everything wrong with a mandate that can be told without the database."""
    out: list[MandateProblem] = []
    if m.kind not in MANDATE_KINDS:
        out.append(MandateProblem("kind", "kind", {"value": m.kind}))
    if m.kind == "draft":
        if m.number:
            out.append(MandateProblem("number", "draft_number"))
        if not m.symbol and not m.title:
            out.append(MandateProblem("symbol", "symbol_required"))
    elif not m.number:
        out.append(MandateProblem("number", "number_required"))
    elif not NUMBER_RE.fullmatch(m.number):
        out.append(MandateProblem("number", "number_format", {"value": m.number}))
    if m.symbol:
        try:
            parse_symbol(m.symbol)
        except SymbolError as err:
            out.append(MandateProblem("symbol", "symbol", {"message": err.message}))
    if m.session is not None and m.session < 1:
        out.append(MandateProblem("session", "session"))
    seen: set[str] = set()
    for i, paragraph in enumerate(m.paragraphs):
        where = f"paragraphs[{i}]"
        if paragraph.number is not None:
            if not PARAGRAPH_RE.fullmatch(paragraph.number):
                value = {"value": paragraph.number}
                out.append(MandateProblem(f"{where}.number", "paragraph_format", value))
            elif paragraph.number in seen:
                value = {"value": paragraph.number}
                out.append(MandateProblem(f"{where}.number", "paragraph_twice", value))
            seen.add(paragraph.number)
        if not any(t.strip() for t in paragraph.text.values()):
            out.append(MandateProblem(f"{where}.text", "paragraph_text"))
    linked: set[str] = set()
    for i, link in enumerate(m.links):
        where = f"bodies[{i}]"
        try:
            parse_body_prefix(link.body)
        except SymbolError as err:
            out.append(MandateProblem(f"{where}.body", "body_format", {"message": err.message}))
        if link.body in linked:
            out.append(MandateProblem(f"{where}.body", "body_twice", {"value": link.body}))
        linked.add(link.body)
        if link.relation not in RELATIONS:
            out.append(MandateProblem(f"{where}.relation", "relation", {"value": link.relation}))
        elif link.relation == "establishes" and m.kind == "draft":
            out.append(MandateProblem(f"{where}.relation", "draft_establishes"))
    return out


def identity(m: MandateData) -> tuple[str, str, str]:
    """What makes a mandate one record: adopting body, kind and number; a draft's symbol, or
    for a draft whose symbol is not known, its adopting body and its title."""
    if m.kind == "draft" or not m.number:
        if m.symbol:
            return ("", "draft", m.symbol)
        return (m.body, "draft", first_title(m.title))
    return (m.body, m.kind, m.number)


def first_title(title: Texts) -> str:
    """The title in the first of the six languages that has it (UN order), for identity."""
    return next((title[lang] for lang in LANGUAGES if title.get(lang)), "")


def paragraph_order(number: str | None) -> tuple[int, int, str]:
    """Preambular paragraphs first, then operative ones in number order ("2" before "10")."""
    if number is None:
        return (0, 0, "")
    head = re.match(r"[0-9]+", number)
    return (1, int(head.group(0)) if head else 0, number)


def adoption_order(m: MandateData, body: str) -> tuple[int, date, str]:
    """Sort key of a body's mandates: the one establishing ``body`` first, then by date (a
    mandate without a date last), then by number."""
    establishes = any(k.body == body and k.relation == "establishes" for k in m.links)
    return (0 if establishes else 1, m.adopted or date.max, m.number or m.symbol or "")


# --------------------------------------------------------------------------------------------
# Citations
# --------------------------------------------------------------------------------------------

#: Patterns by language, kind and form: (without a paragraph, with a paragraph). Slots:
#: {number}, {symbol}, {title}, {paragraph}; {name} and {short} (the adopting body's name and
#: short name); {of_short} ("de la Conférence", "del Consejo": the short name after "de");
#: {the_name} (French and Spanish: the name with the article its short name carries, "la
#: Conférence des Parties à …", "el Consejo Económico y Social").
_Pair = tuple[str, str]
_QUOTES: Final = {
    "en": ("“", "”"),
    "zh": ("“", "”"),
    "fr": ("«\u00a0", "\u00a0»"),
    "es": ("“", "”"),
    "ru": ("«", "»"),
    "ar": ('"', '"'),
}

PATTERNS: Final[dict[str, dict[str, dict[str, _Pair]]]] = {
    "en": {
        "resolution": {
            "full": (
                "In its resolution {number}, entitled {title}, the {name}",
                "In paragraph {paragraph} of its resolution {number}, entitled {title}, the {name}",
            ),
            "in": (
                "In its resolution {number}, {short}",
                "In paragraph {paragraph} of its resolution {number}, {short}",
            ),
            "ref": (
                "resolution {number} of {short}",
                "paragraph {paragraph} of resolution {number} of {short}",
            ),
        },
        "decision": {
            "full": (
                "In its decision {number}, entitled {title}, the {name}",
                "In paragraph {paragraph} of its decision {number}, entitled {title}, the {name}",
            ),
            "in": (
                "In its decision {number}, {short}",
                "In paragraph {paragraph} of its decision {number}, {short}",
            ),
            "ref": (
                "decision {number} of {short}",
                "paragraph {paragraph} of decision {number} of {short}",
            ),
        },
        "draft": {
            "ref": (
                "draft resolution {symbol}",
                "paragraph {paragraph} of draft resolution {symbol}",
            ),
        },
    },
    "zh": {
        "resolution": {
            "full": (
                "{name}在其题为{title}的第 {number} 号决议中",
                "{name}在其题为{title}的第 {number} 号决议第 {paragraph} 段中",
            ),
            "in": (
                "{short}在第 {number} 号决议中",
                "{short}在第 {number} 号决议第 {paragraph} 段中",
            ),
            "ref": (
                "{short}第 {number} 号决议",
                "{short}第 {number} 号决议第 {paragraph} 段",
            ),
        },
        "decision": {
            "full": (
                "{name}在其题为{title}的第 {number} 号决定中",
                "{name}在其题为{title}的第 {number} 号决定第 {paragraph} 段中",
            ),
            "in": (
                "{short}在第 {number} 号决定中",
                "{short}在第 {number} 号决定第 {paragraph} 段中",
            ),
            "ref": (
                "{short}第 {number} 号决定",
                "{short}第 {number} 号决定第 {paragraph} 段",
            ),
        },
        "draft": {
            "ref": (
                "{symbol} 号文件所载决议草案",
                "{symbol} 号文件所载决议草案第 {paragraph} 段",
            ),
        },
    },
    "fr": {
        "resolution": {
            "full": (
                "Dans sa résolution {number}, intitulée {title}, {the_name}",
                "Au paragraphe {paragraph} de sa résolution {number}, intitulée {title}, "
                "{the_name}",
            ),
            "in": (
                "Dans sa résolution {number}, {short}",
                "Au paragraphe {paragraph} de sa résolution {number}, {short}",
            ),
            "ref": (
                "la résolution {number} {of_short}",
                "le paragraphe {paragraph} de la résolution {number} {of_short}",
            ),
        },
        "decision": {
            "full": (
                "Dans sa décision {number}, intitulée {title}, {the_name}",
                "Au paragraphe {paragraph} de sa décision {number}, intitulée {title}, {the_name}",
            ),
            "in": (
                "Dans sa décision {number}, {short}",
                "Au paragraphe {paragraph} de sa décision {number}, {short}",
            ),
            "ref": (
                "la décision {number} {of_short}",
                "le paragraphe {paragraph} de la décision {number} {of_short}",
            ),
        },
        "draft": {
            "ref": (
                "le projet de résolution {symbol}",
                "le paragraphe {paragraph} du projet de résolution {symbol}",
            ),
        },
    },
    "es": {
        "resolution": {
            "full": (
                "En su resolución {number}, titulada {title}, {the_name}",
                "En el párrafo {paragraph} de su resolución {number}, titulada {title}, {the_name}",
            ),
            "in": (
                "En su resolución {number}, {short}",
                "En el párrafo {paragraph} de su resolución {number}, {short}",
            ),
            "ref": (
                "la resolución {number} {of_short}",
                "el párrafo {paragraph} de la resolución {number} {of_short}",
            ),
        },
        "decision": {
            "full": (
                "En su decisión {number}, titulada {title}, {the_name}",
                "En el párrafo {paragraph} de su decisión {number}, titulada {title}, {the_name}",
            ),
            "in": (
                "En su decisión {number}, {short}",
                "En el párrafo {paragraph} de su decisión {number}, {short}",
            ),
            "ref": (
                "la decisión {number} {of_short}",
                "el párrafo {paragraph} de la decisión {number} {of_short}",
            ),
        },
        "draft": {
            "ref": (
                "el proyecto de resolución {symbol}",
                "el párrafo {paragraph} del proyecto de resolución {symbol}",
            ),
        },
    },
    "ru": {
        "resolution": {
            "full": (
                "В своей резолюции {number}, озаглавленной {title}, {name}",
                "В пункте {paragraph} своей резолюции {number}, озаглавленной {title}, {name}",
            ),
            "in": (
                "В своей резолюции {number} {short}",
                "В пункте {paragraph} своей резолюции {number} {short}",
            ),
            "ref": ("резолюции {number}", "пункта {paragraph} резолюции {number}"),
        },
        "decision": {
            "full": (
                "В своем решении {number}, озаглавленном {title}, {name}",
                "В пункте {paragraph} своего решения {number}, озаглавленного {title}, {name}",
            ),
            "in": (
                "В своем решении {number} {short}",
                "В пункте {paragraph} своего решения {number} {short}",
            ),
            "ref": ("решения {number}", "пункта {paragraph} решения {number}"),
        },
        "draft": {
            "ref": ("проекта резолюции {symbol}", "пункта {paragraph} проекта резолюции {symbol}"),
        },
    },
    "ar": {
        "resolution": {
            "full": (
                "{name}، في قراره {number} المعنون {title}،",
                "{name}، في الفقرة {paragraph} من قراره {number} المعنون {title}،",
            ),
            "in": (
                "{short}، في قراره {number}،",
                "{short}، في الفقرة {paragraph} من قراره {number}،",
            ),
            "ref": (
                "القرار {number} الصادر عن {short}",
                "الفقرة {paragraph} من القرار {number} الصادر عن {short}",
            ),
        },
        "decision": {
            "full": (
                "{name}، في مقرره {number} المعنون {title}،",
                "{name}، في الفقرة {paragraph} من مقرره {number} المعنون {title}،",
            ),
            "in": (
                "{short}، في مقرره {number}،",
                "{short}، في الفقرة {paragraph} من مقرره {number}،",
            ),
            "ref": (
                "المقرر {number} الصادر عن {short}",
                "الفقرة {paragraph} من المقرر {number} الصادر عن {short}",
            ),
        },
        "draft": {
            "ref": ("مشروع القرار {symbol}", "الفقرة {paragraph} من مشروع القرار {symbol}"),
        },
    },
}

#: French and Spanish contract "de" with a masculine article: de + le → du, de + el → del.
_CONTRACTIONS: Final = {
    "fr": (("le ", "du "), ("les ", "des ")),
    "es": (("el ", "del "),),
}


#: The articles that a French or Spanish short name begins with ("la Conférence", "l’Assemblée").
_ARTICLES: Final = {
    "fr": ("la ", "le ", "les ", "l’", "l'"),
    "es": ("la ", "el ", "las ", "los "),
}


def with_article(lang: str, name: str, short: str) -> str:
    """The body's ``name`` preceded by the article that its ``short`` name begins with, in a
    language that puts one before a body's name ("la Conférence des Parties à …"); the name
    alone where the short name carries no article."""
    for article in _ARTICLES.get(lang, ()):
        if short.startswith(article):
            return article + name
    return name


def after_de(lang: str, phrase: str) -> str:
    """``phrase`` after the preposition "de" in French or Spanish ("de la Conférence", "du
    Conseil", "del Consejo", "de l’Assemblée")."""
    for article, contracted in _CONTRACTIONS.get(lang, ()):
        if phrase.startswith(article):
            return contracted + phrase[len(article) :]
    return "de " + phrase


@dataclass(frozen=True)
class Citation:
    """A placeholder found in a text."""

    key: str
    paragraph: str | None
    form: str  # may be invalid; see citation_problems
    start: int
    end: int
    raw: str


def citations(text: str) -> list[Citation]:
    """The mandate placeholders of a text, in order."""
    return [
        Citation(
            key=m.group("key"),
            paragraph=m.group("paragraph"),
            form=m.group("form") or "full",
            start=m.start(),
            end=m.end(),
            raw=m.group(0),
        )
        for m in CITATION_RE.finditer(text)
    ]


def matches(key: str, mandates: Iterable[MandateData]) -> list[MandateData]:
    """The mandates a citation key names: "7/1", "decision 4/4", "CTOC/COP resolution 7/1", or a
    symbol ("A/RES/64/178", "CTOC/COP/2020/L.6/Rev.1")."""
    words = key.split()
    body = kind = None
    if len(words) == 3:
        body, kind, number = words
    elif len(words) == 2:
        kind, number = words
    elif len(words) == 1:
        number = words[0]
    else:
        number = key
    out = []
    for m in mandates:
        if m.symbol == key or (
            m.number == number
            and (kind is None or m.kind == kind)
            and (body is None or m.body == body)
        ):
            out.append(m)
    return out


def _pattern(m: MandateData, lang: str, form: str, paragraph: str | None) -> str | None:
    by_form = PATTERNS.get(lang, {}).get(m.kind, {})
    pair = by_form.get(form)
    if pair is None:
        return None
    return pair[1] if paragraph else pair[0]


def needs(m: MandateData, lang: str, form: str) -> tuple[str, ...]:
    """The texts of ``m`` that a citation in ``lang`` and ``form`` prints (for the checks)."""
    pattern = _pattern(m, lang, form, None) or ""
    out = []
    if "{title}" in pattern:
        out.append("title")
    if "{name}" in pattern or "{the_name}" in pattern:
        out.append("body_name")
    if "{short}" in pattern or "{of_short}" in pattern or "{the_name}" in pattern:
        out.append("body_short_name")
    return tuple(out)


def cite(m: MandateData, lang: str, form: str = "full", paragraph: str | None = None) -> str | None:
    """The citation of ``m`` in ``lang`` and ``form``; None when a text it needs (the title, the
    body's name) is missing in that language, or the kind is not cited in that form."""
    pattern = _pattern(m, lang, form, paragraph)
    if pattern is None:
        return None
    title = m.title.get(lang)
    name = m.body_name.get(lang)
    short = m.body_short_name.get(lang)
    values = {
        "number": m.number or "",
        "symbol": m.symbol or "",
        "paragraph": paragraph or "",
    }
    if "{title}" in pattern:
        if not title:
            return None
        opening, closing = _QUOTES[lang]
        values["title"] = f"{opening}{title}{closing}"
    if "{name}" in pattern:
        if not name:
            return None
        values["name"] = name
    if "{the_name}" in pattern:
        if not name or not short:
            return None
        values["the_name"] = with_article(lang, name, short)
    if "{short}" in pattern or "{of_short}" in pattern:
        if not short:
            return None
        values["short"] = short
        values["of_short"] = after_de(lang, short)
    return pattern.format(**values)


def resolve(text: str, lang: str, mandates: Sequence[MandateData]) -> str:
    """``text`` with each placeholder replaced by its citation in ``lang``.

    A full citation whose title is missing in ``lang`` falls back to the form without the title;
    a placeholder that cannot be resolved (unknown or ambiguous mandate, missing texts) is left
    as typed, so that the reader of a draft sees it and ``planner check`` names it.
    """
    if "{mandate:" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        found = matches(match.group("key"), mandates)
        form = match.group("form") or "full"
        paragraph = match.group("paragraph")
        if len(found) != 1 or form not in CITATION_FORMS:
            return match.group(0)
        out = cite(found[0], lang, form, paragraph)
        if out is None and form == "full":
            out = cite(found[0], lang, "in", paragraph)
        return out if out is not None else match.group(0)

    return CITATION_RE.sub(replace, text)


def resolve_texts(texts: Texts, mandates: Sequence[MandateData]) -> dict[str, str]:
    """A multilingual text with every language's placeholders resolved in that language."""
    return {lang: resolve(text, lang, mandates) for lang, text in texts.items()}


# --------------------------------------------------------------------------------------------
# Checks of citations (for ``planner check`` and the meeting-file reader)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitationProblem:
    severity: Literal["error", "warning"]
    code: str  # unknown, ambiguous, form, draft_form, missing_title, missing_body_name
    where: str  # the item's number, or a key path
    lang: str
    citation: str
    params: Mapping[str, str] = field(default_factory=dict)


def citation_problems(
    texts: Iterable[tuple[str, Texts]],
    mandates: Sequence[MandateData],
    languages: Callable[[Texts], Iterable[str]] = lambda t: t.keys(),
) -> list[CitationProblem]:
    """Problems of the placeholders in ``texts`` (place, multilingual text), checked in each
    language the text is written in (or that ``languages`` gives)."""
    out: list[CitationProblem] = []
    for where, multilingual in texts:
        for lang in languages(multilingual):
            for c in citations(multilingual.get(lang, "")):
                out.extend(_problems_of(c, where, lang, mandates))
    return out


def _problems_of(
    c: Citation, where: str, lang: str, mandates: Sequence[MandateData]
) -> list[CitationProblem]:
    def problem(code: str, params: Mapping[str, str] | None = None) -> CitationProblem:
        return CitationProblem("error", code, where, lang, c.raw, params or {})

    if c.form not in CITATION_FORMS:
        return [problem("form", {"form": c.form})]
    found = matches(c.key, mandates)
    if not found:
        return [problem("unknown", {"key": c.key})]
    if len(found) > 1:
        labels = ", ".join(f"{m.body} {m.label()}" for m in found)
        return [problem("ambiguous", {"key": c.key, "found": labels})]
    m = found[0]
    if _pattern(m, lang, c.form, None) is None:
        return [problem("draft_form")]
    label = {"mandate": f"{m.body} {m.label()}"}
    out = []
    if "title" in needs(m, lang, c.form) and not m.title.get(lang):
        out.append(problem("missing_title", label))
    if "body_name" in needs(m, lang, c.form) and not m.body_name.get(lang):
        out.append(problem("missing_body_name", label))
    if "body_short_name" in needs(m, lang, c.form) and not m.body_short_name.get(lang):
        out.append(problem("missing_body_short_name", label))
    return out
