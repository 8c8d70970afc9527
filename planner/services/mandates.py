"""Mandate records: load them as plain data, write them from specs (meeting files and forms
alike), and find the ones a body works under or an annotation cites. Functions flush; the caller
commits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from planner.core.mandates import (
    BodyLinkData,
    MandateData,
    ParagraphData,
    adoption_order,
    citations,
    identity,
    matches,
    paragraph_order,
    resolve_texts,
)
from planner.core.meetingfile import (
    MandateLinkSpec,
    MandateSpec,
    MeetingFile,
    ParagraphSpec,
    dump,
)
from planner.core.plain import ItemData
from planner.models import (
    Body,
    Mandate,
    MandateBody,
    MandateParagraph,
    MandateParagraphText,
    MandateText,
)
from planner.services.sync import set_texts


def mandate_options() -> list[LoaderOption]:
    return [
        selectinload(Mandate.body).selectinload(Body.texts),
        selectinload(Mandate.texts),
        selectinload(Mandate.paragraphs).selectinload(MandateParagraph.texts),
        selectinload(Mandate.body_links).selectinload(MandateBody.body),
    ]


def mandates_query() -> Select[tuple[Mandate]]:
    return select(Mandate).options(*mandate_options())


def mandate_data(m: Mandate) -> MandateData:
    return MandateData(
        public_id=m.public_id,
        body=m.body.symbol,
        body_name=m.body.text("name"),
        body_short_name=m.body.text("short_name"),
        kind=m.kind,
        number=m.number,
        session=m.session,
        symbol=m.symbol,
        adopted=m.adopted,
        title=m.text("title"),
        paragraphs=tuple(ParagraphData(p.number, p.text("text")) for p in m.paragraphs),
        links=tuple(BodyLinkData(k.body.symbol, k.relation) for k in m.body_links),
    )


def all_mandates(session: Session) -> list[MandateData]:
    return [mandate_data(m) for m in session.scalars(mandates_query().order_by(Mandate.id))]


def by_public_id(session: Session, public_id: uuid.UUID) -> Mandate | None:
    return session.scalar(mandates_query().where(Mandate.public_id == public_id))


def find_record(session: Session, spec: MandateSpec) -> Mandate | None:
    """The record a spec describes: by adopting body, kind and number; a draft by its symbol."""
    if spec.kind == "draft" or not spec.number:
        if spec.symbol:
            return session.scalar(select(Mandate).where(Mandate.symbol == spec.symbol))
        wanted = identity(spec.data())
        drafts = session.scalars(
            mandates_query()
            .join(Mandate.body)
            .where(Body.symbol == spec.body, Mandate.kind == "draft", Mandate.symbol.is_(None))
        )
        return next((d for d in drafts if identity(mandate_data(d)) == wanted), None)
    return session.scalar(
        select(Mandate)
        .join(Mandate.body)
        .where(Body.symbol == spec.body, Mandate.kind == spec.kind, Mandate.number == spec.number)
    )


def _body(session: Session, symbol: str) -> Body:
    body = session.scalar(select(Body).where(Body.symbol == symbol))
    if body is None:  # the callers check the symbols first
        raise LookupError(symbol)
    return body


def apply_spec(session: Session, mandate: Mandate, spec: MandateSpec) -> None:
    """Make ``mandate`` say what ``spec`` says, keeping the identifiers of its paragraphs (by
    the id the spec carries, else by number, else, for unnumbered paragraphs, by order)."""
    with session.no_autoflush:
        _apply(session, mandate, spec)


def _apply(session: Session, mandate: Mandate, spec: MandateSpec) -> None:
    mandate.body = _body(session, spec.body)
    mandate.kind = spec.kind
    mandate.number = spec.number or None
    mandate.session = spec.session
    mandate.symbol = spec.symbol or None
    mandate.adopted = spec.adopted
    set_texts(mandate.texts, lambda lang: MandateText(lang=lang), {"title": spec.title})

    old = list(mandate.paragraphs)
    by_id = {p.public_id: p for p in old}
    by_number = {p.number: p for p in old if p.number is not None}
    preamble = iter([p for p in old if p.number is None])  # unnumbered: matched in order
    used: set[int] = set()
    kept: list[MandateParagraph] = []
    for position, wanted in enumerate(spec.paragraphs):
        row = by_id.get(wanted.id) if wanted.id is not None else None
        if row is None or id(row) in used:
            if wanted.number is not None:
                row = by_number.get(wanted.number)
            else:
                row = next((p for p in preamble if id(p) not in used), None)
        if row is None or id(row) in used:
            row = MandateParagraph()
            if wanted.id is not None:
                row.public_id = wanted.id
        used.add(id(row))
        row.number = wanted.number
        row.position = position
        set_texts(row.texts, lambda lang: MandateParagraphText(lang=lang), {"text": wanted.text})
        kept.append(row)
    mandate.paragraphs[:] = kept

    links = {k.body.symbol if k.body else "": k for k in mandate.body_links}
    wanted_links: list[MandateBody] = []
    for position, link in enumerate(spec.bodies):
        row_link = links.get(link.body)
        if row_link is None:
            row_link = MandateBody(body=_body(session, link.body))
        row_link.relation = link.relation
        row_link.position = position
        wanted_links.append(row_link)
    mandate.body_links[:] = wanted_links


def mandate_spec(m: Mandate) -> MandateSpec:
    return MandateSpec(
        body=m.body.symbol,
        kind=m.kind,
        number=m.number,
        session=m.session,
        symbol=m.symbol,
        adopted=m.adopted,
        title=m.text("title"),
        paragraphs=tuple(
            ParagraphSpec(number=p.number, text=p.text("text"), id=p.public_id)
            for p in m.paragraphs
        ),
        bodies=tuple(MandateLinkSpec(k.body.symbol, k.relation) for k in m.body_links),
        id=m.public_id,
    )


def mandate_file(m: Mandate) -> str:
    """One mandate as a meeting file (its bodies named, not included): the history's snapshot."""
    return dump(MeetingFile(mandates=(mandate_spec(m),)))


def body_mandates(session: Session, body: Body) -> list[Mandate]:
    """The mandates that establish or steer ``body``: the establishing one first, then in order
    of adoption."""
    found = session.scalars(
        mandates_query()
        .join(MandateBody, MandateBody.mandate_id == Mandate.id)
        .where(MandateBody.body_id == body.id)
    ).unique()
    return sorted(found, key=lambda m: adoption_order(mandate_data(m), body.symbol))


def sorted_paragraphs(m: Mandate) -> list[MandateParagraph]:
    return sorted(m.paragraphs, key=lambda p: (paragraph_order(p.number), p.position))


def cited(
    texts: Iterable[Mapping[str, str]], mandates: Sequence[tuple[Mandate, MandateData]]
) -> list[Mandate]:
    """The records that the placeholders of ``texts`` name, in the order first cited."""
    data = [d for _m, d in mandates]
    out: dict[int, Mandate] = {}
    for multilingual in texts:
        for text in multilingual.values():
            for c in citations(text):
                found = matches(c.key, data)
                if len(found) == 1:
                    record = next(m for m, d in mandates if d is found[0])
                    out.setdefault(record.id, record)
    return list(out.values())


def has_citation(items: Iterable[ItemData]) -> bool:
    return any(
        any("{mandate:" in text for text in item.annotation.values()) or has_citation(item.children)
        for item in items
    )


def _resolved(item: ItemData, mandates: Sequence[MandateData]) -> ItemData:
    return replace(
        item,
        annotation=resolve_texts(item.annotation, mandates),
        children=tuple(_resolved(child, mandates) for child in item.children),
    )


def resolve_citations(session: Session, agenda: tuple[ItemData, ...]) -> tuple[ItemData, ...]:
    """The agenda with the mandate placeholders of its annotations written out in each language
    (one query for the mandates, only when an annotation cites one)."""
    if not has_citation(agenda):
        return agenda
    return resolve_agenda(agenda, all_mandates(session))


def resolve_agenda(
    agenda: tuple[ItemData, ...], mandates: Sequence[MandateData]
) -> tuple[ItemData, ...]:
    return tuple(_resolved(item, mandates) for item in agenda)


def mandates_naming(session: Session, body: Body) -> list[str]:
    """The mandates adopted by ``body`` or linked to it: "CTOC/COP resolution 7/1"."""
    linked = select(MandateBody.mandate_id).where(MandateBody.body_id == body.id)
    found = session.scalars(
        mandates_query().where((Mandate.body_id == body.id) | Mandate.id.in_(linked))
    ).all()
    return sorted(f"{m.body.symbol} {m.label()}" for m in found)
