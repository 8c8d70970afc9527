"""Staff accounts: viewers read restricted meetings, editors plan their bodies' meetings, admins
manage users, bodies and assignments."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.models.base import Base, UTCDateTime, one_of, public_id_column, utcnow
from planner.models.bodies import Body

ROLES = ("viewer", "editor", "admin")

user_bodies = Table(
    "user_bodies",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("body_id", ForeignKey("bodies.id", ondelete="CASCADE"), primary_key=True),
)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (one_of("role", ROLES, "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[uuid.UUID] = public_id_column()
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    role: Mapped[str] = mapped_column(String(16), default="viewer")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Private feed addresses are derived from this; raising it revokes them all.
    feed_token_serial: Mapped[int] = mapped_column(default=0)
    # Signed-in sessions carry this; raising it (password change, deactivation) ends them all.
    session_serial: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Raised by every save: two admins editing one account cannot overwrite each other.
    version: Mapped[int] = mapped_column(default=1)

    bodies: Mapped[list[Body]] = relationship(secondary=user_bodies)

    __mapper_args__ = {"version_id_col": version}

    def can_read_restricted(self) -> bool:
        return self.active and self.role in ROLES

    def can_edit(self, body: Body) -> bool:
        """Admins edit everything; editors the bodies they are assigned to (and their
        subsidiary bodies)."""
        if not self.active:
            return False
        if self.role == "admin":
            return True
        if self.role != "editor":
            return False
        node: Body | None = body
        while node is not None:
            if node in self.bodies:
                return True
            node = node.parent
        return False

    # Flask-Login's user protocol, without importing Flask into the models.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.public_id}:{self.session_serial}"
