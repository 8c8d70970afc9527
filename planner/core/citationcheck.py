"""``planner check`` on the mandate citations of a meeting's annotations.

Kept apart from :mod:`planner.core.checks` (which the check command also runs): this module
reads the annotations as typed, with their ``{mandate:...}`` placeholders, and reports each
placeholder that cannot be written out in a language the annotation is prepared in: a mandate
that is not recorded or that several records match, a form the mandate is not cited in, and,
above all, a cited mandate whose title (or adopting body's name) is missing in that language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from planner.core.agenda import number_agenda
from planner.core.languages import LANGUAGE_NAMES_EN
from planner.core.mandates import CitationProblem, MandateData, citation_problems
from planner.core.plain import ItemData

_LANGUAGE_NAMES_ZH: Final = {
    "ar": "阿拉伯文",
    "zh": "中文",
    "en": "英文",
    "fr": "法文",
    "ru": "俄文",
    "es": "西班牙文",
}

_TEMPLATES_EN: Final = {
    "unknown": "Item {where}, {language} annotation: {citation} names no recorded mandate.",
    "ambiguous": "Item {where}, {language} annotation: {citation} could be any of {found}; add "
    "the kind or the adopting body, such as {{mandate:CTOC/COP resolution 7/1}}.",
    "form": "Item {where}, {language} annotation: {citation} has no form {form}; use full, in "
    "or ref.",
    "draft_form": "Item {where}, {language} annotation: {citation} cites a draft, which is "
    "cited by reference only (add |ref).",
    "missing_title": "Item {where}, {language} annotation: {citation} cites {mandate}, which "
    "has no {language} title; add it to the mandate.",
    "missing_body_name": "Item {where}, {language} annotation: {citation} cites {mandate}, "
    "whose adopting body has no {language} name; add it to the body.",
    "missing_body_short_name": "Item {where}, {language} annotation: {citation} cites "
    "{mandate}, whose adopting body has no {language} short name; add it to the body.",
}

_TEMPLATES_ZH: Final = {
    "unknown": "项目 {where}，{language}说明：{citation} 所指的授权文书未登记。",
    "ambiguous": "项目 {where}，{language}说明：{citation} 可指 {found}；请注明类别或通过机构，"
    "如 {{mandate:CTOC/COP resolution 7/1}}。",
    "form": "项目 {where}，{language}说明：{citation} 的形式 {form} 不存在；请用 full、in 或 ref。",
    "draft_form": "项目 {where}，{language}说明：{citation} 引用的是草案，"
    "草案只能以 |ref 形式引用。",
    "missing_title": "项目 {where}，{language}说明：{citation} 引用的 {mandate} 没有{language}"
    "标题；请在该授权文书中补上。",
    "missing_body_name": "项目 {where}，{language}说明：{citation} 引用的 {mandate} 的通过机构"
    "没有{language}名称；请在该机构中补上。",
    "missing_body_short_name": "项目 {where}，{language}说明：{citation} 引用的 {mandate} 的"
    "通过机构没有{language}简称；请在该机构中补上。",
}


def check_citations(
    agenda: Sequence[ItemData], mandates: Sequence[MandateData]
) -> list[CitationProblem]:
    """Problems of the placeholders in the annotations of ``agenda`` (as typed, not written
    out), each checked in every language the annotation is written in."""
    texts = [(n.number, n.item.annotation) for n in number_agenda(agenda) if n.item.annotation]
    return citation_problems(texts, mandates)


def describe_citation(problem: CitationProblem, lang: str) -> str:
    """The problem as a sentence in ``lang`` (English for the languages without templates)."""
    templates: Mapping[str, str] = _TEMPLATES_ZH if lang == "zh" else _TEMPLATES_EN
    names = _LANGUAGE_NAMES_ZH if lang == "zh" else LANGUAGE_NAMES_EN
    return templates[problem.code].format(
        where=problem.where,
        language=names.get(problem.lang, problem.lang),
        citation=problem.citation,
        **{k: v for k, v in problem.params.items() if k not in ("where", "language")},
    )
