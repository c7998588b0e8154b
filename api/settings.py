"""Service settings, read once from the environment and then frozen.

==============================  ===========  ==============================================
variable                        default      meaning
==============================  ===========  ==============================================
``RIGHTSGRAPH_WRITE_TOKEN``     unset        bearer token for writes; unset = writes disabled
``RIGHTSGRAPH_QUERY_TIMEOUT``   ``10``       seconds a /sparql query may run before it is killed
``RIGHTSGRAPH_RESULT_LIMIT``    ``10000``    most rows (or triples) a /sparql answer may hold
``RIGHTSGRAPH_MAX_BODY``        ``10485760`` largest request body in bytes (10 MB)
``RIGHTSGRAPH_QUERY_WORKERS``   ``2``        worker processes kept ready for /sparql queries
==============================  ===========  ==============================================

>>> Settings.from_env({"RIGHTSGRAPH_QUERY_TIMEOUT": "2.5"}).query_timeout
2.5
>>> Settings.from_env({}).writes_enabled
False
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from rightsgraph.errors import UsageError

__all__ = ["Settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    write_token: str | None = None
    query_timeout: float = 10.0
    result_limit: int = 10_000
    max_body: int = 10 * 1024 * 1024
    query_workers: int = 2

    @property
    def writes_enabled(self) -> bool:
        return bool(self.write_token)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``environ`` (``os.environ`` when None); bad numbers raise UsageError."""
        env = os.environ if environ is None else environ
        return cls(
            write_token=env.get("RIGHTSGRAPH_WRITE_TOKEN") or None,
            query_timeout=_number(env, "RIGHTSGRAPH_QUERY_TIMEOUT", 10.0, float),
            result_limit=_number(env, "RIGHTSGRAPH_RESULT_LIMIT", 10_000, int),
            max_body=_number(env, "RIGHTSGRAPH_MAX_BODY", 10 * 1024 * 1024, int),
            query_workers=_number(env, "RIGHTSGRAPH_QUERY_WORKERS", 2, int),
        )


def _number(env: Mapping[str, str], name: str, default: float, kind: type) -> float:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise UsageError(f"{name} must be a number, not {raw!r}", details={"variable": name}) from None
    if value <= 0:
        raise UsageError(f"{name} must be positive, not {raw!r}", details={"variable": name})
    return value
