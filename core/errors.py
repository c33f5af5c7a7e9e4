"""The one error a request the domain refuses raises, whatever app refuses it."""

from __future__ import annotations


class DomainError(Exception):
    """A request the domain's rules refuse; its message is shown to the user as it is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
