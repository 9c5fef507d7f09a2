"""Who is asking: anonymous, a read token or a write token (Authorization: Bearer …).

Anonymous users may read unless the server runs with --private; writing (confirm, reject,
merge, split) always needs a write token. Only write tokens see restricted reports and
sources: readers — anonymous or with a read token — never do.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sitrep.store import Store
from sitrep.store.serving import EVERYTHING, PUBLIC, Reader

_bearer = HTTPBearer(auto_error=False, description="A token from `sitrep token create`")


@dataclass(frozen=True, slots=True)
class Caller:
    scope: str | None  # None (anonymous), "read" or "write"
    token_note: str = ""

    @property
    def reader(self) -> Reader:
        return EVERYTHING if self.scope == "write" else PUBLIC


def store_of(request: Request) -> Store:
    return request.app.state.store


def caller(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> Caller:
    if credentials is None:
        if request.app.state.private:
            raise HTTPException(401, "this server needs a token: Authorization: Bearer <token>",
                                headers={"WWW-Authenticate": "Bearer"})
        return Caller(None)
    scope = store_of(request).token_scope(credentials.credentials)
    if scope is None:
        raise HTTPException(401, "unknown or revoked token", headers={"WWW-Authenticate": "Bearer"})
    return Caller(scope)


def writer(who: Caller = Depends(caller)) -> Caller:
    if who.scope != "write":
        raise HTTPException(403, "this needs a write token (`sitrep token create --scope write`)")
    return who
