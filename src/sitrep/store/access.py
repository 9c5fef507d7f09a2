"""Who may read and write what (mixed into Store): API tokens and restricted material.

A token is shown once, when it is made; the store keeps only the SHA-256 of its secret, so
a copy of the database gives nobody a working token. Restricting a document or a source
hides it from every reader and export at once (incident flags are recomputed by the caller).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update

from sitrep.store.schema import documents, restricted_sources, tokens

SCOPES = ("read", "write")


class AccessRepository:
    engine: Engine
    _writer: Engine

    def create_token(self, scope: str, note: str, agent: str) -> str:
        """A new token (the only time its secret exists outside the holder's hands)."""
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
        token_id = secrets.token_hex(4)
        secret = f"sitrep_{token_id}_{secrets.token_urlsafe(24)}"
        with self._writer.begin() as connection:
            connection.execute(tokens.insert().values(
                id=token_id, secret_sha256=_digest(secret), scope=scope, note=note,
                created_at=datetime.now(UTC), created_by=agent, revoked=False))
        return secret

    def token_scope(self, secret: str) -> str | None:
        """The scope of a live token, or None for an unknown or revoked one."""
        query = select(tokens.c.scope).where(tokens.c.secret_sha256 == _digest(secret), tokens.c.revoked.is_(False))
        with self.engine.connect() as connection:
            return connection.scalar(query)

    def revoke_token(self, token_id: str) -> bool:
        with self._writer.begin() as connection:
            return bool(connection.execute(update(tokens).where(tokens.c.id == token_id).values(revoked=True)).rowcount)

    def list_tokens(self) -> list[dict]:
        query = select(tokens.c.id, tokens.c.scope, tokens.c.note, tokens.c.created_at, tokens.c.created_by,
                       tokens.c.revoked).order_by(tokens.c.created_at)
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    def restrict_documents(self, hashes: list[str], restricted: bool = True) -> int:
        with self._writer.begin() as connection:
            return connection.execute(update(documents).where(documents.c.sha256.in_(hashes))
                                      .values(restricted=restricted)).rowcount or 0

    def restrict_source(self, name: str, restricted: bool = True) -> None:
        with self._writer.begin() as connection:
            connection.execute(restricted_sources.delete().where(restricted_sources.c.name == name))
            if restricted:
                connection.execute(restricted_sources.insert().values(name=name))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
