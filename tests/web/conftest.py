"""Fixtures shared by the web tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.extensions import limiter
from planner.models import Meeting

REFERENCE_SYMBOL = "CTOC/COP/WG.4/2018/1"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app: Flask) -> Iterator[None]:
    """Each test starts with no sign-in attempts counted (the limiter counts per process)."""
    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def meeting(reference: Session) -> Meeting:
    """The reference meeting, imported."""
    found = reference.scalar(select(Meeting).where(Meeting.symbol == REFERENCE_SYMBOL))
    assert found is not None
    return found
