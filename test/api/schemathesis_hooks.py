"""schemathesis hooks of the contract test (test/api/contract.test.ts), loaded through SCHEMATHESIS_HOOKS.

A fresh Idempotency-Key per request: the generator draws the same few UUIDs again and again, and the
API rightly answers a key reused for a different request with 422 IDEMPOTENCY_KEY_REUSED before it
looks at the request — which would hide every write's own answers. A drawn key that is a valid UUID
(a positive case) is replaced by the next one of a deterministic series; negative cases are sent
as drawn.
"""
import itertools
import re
import uuid

import schemathesis

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")
_SERIES = itertools.count()
_NAMESPACE = uuid.UUID("6f1c2a52-0c51-4f2e-9d1e-5d0c7f3b9a10")


def _fresh(headers):
    for name in list(headers or {}):
        if name.lower() == "idempotency-key" and isinstance(headers[name], str) and _UUID.match(headers[name]):
            headers[name] = str(uuid.uuid5(_NAMESPACE, str(next(_SERIES))))


@schemathesis.hook
def before_call(context, case, kwargs):
    # Positive cases only: an edit makes schemathesis revalidate the case, which would turn a
    # negative one (e.g. "the Authorization header left out") back into an ordinary request.
    meta = case.meta
    if meta is not None and not meta.generation.mode.is_positive:
        return
    scenario = getattr(getattr(getattr(meta, "phase", None), "data", None), "scenario", None)
    if scenario is not None and "MISSING" in str(scenario).upper():
        return
    _fresh(case.headers)
