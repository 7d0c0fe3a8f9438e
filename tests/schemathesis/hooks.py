"""What the API document names but JSON Schema cannot generate by itself.

- `format: phone`: a phone number valid in its country's numbering plan. No regular expression
  can say that, so valid numbers are drawn from real ones (written as people write them).
- `format: new-password`: the staff password policy, whose last rules (at least 5 different
  characters, not mostly a common password or the account name) are not a regular language;
  drawn from random text that meets them.
- `image/jpeg` and `image/png` bodies: the server checks the bytes are an image of the type
  named, so the bodies are real ID-card portraits from the test fixtures
  (tests/fixtures/LICENSES.md).

Everything else schemathesis generates from the document alone.

Also a workaround for a CPython bug, not for anything in the API: CPython 3.11 (Debian's
3.11.2 and 3.11.7 at least) sometimes fails `ast.parse` with "SystemError: AST constructor
recursion depth mismatch". Hypothesis parses source files only to describe a filter's lambda
in a strategy's repr, so there the error is caught and the lambda described as unknown.
"""

from pathlib import Path

import schemathesis
from hypothesis import strategies as st
from hypothesis.internal import lambda_sources

_describe_lambda = lambda_sources._lambda_description


def _describe_lambda_despite_cpython_ast_bug(f):
    try:
        return _describe_lambda(f)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _describe_lambda_despite_cpython_ast_bug

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# Valid per libphonenumber (the `phonenumber` crate the server uses), in several countries
# and spellings.
PHONES = [
    "+49 30 901820",
    "+4930901820",
    "+84 28 3829 5555",
    "+44 20 7946 0958",
    "+33 1 42 68 53 00",
    "+1 650 253 0000",
    "+41 44 668 18 00",
    "+49 151 23456789",
]

schemathesis.openapi.format("phone", st.sampled_from(PHONES))

PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!#%+"
schemathesis.openapi.format(
    "new-password",
    st.text(alphabet=PASSWORD_ALPHABET, min_size=16, max_size=40).filter(lambda p: len(set(p.lower())) >= 8),
)

JPEGS = sorted((FIXTURES / "idcard_sim").glob("*.jpg"))
PNGS = [FIXTURES / "faces" / "ibm_max_Bryan.png"]

schemathesis.openapi.media_type("image/jpeg", st.sampled_from([p.read_bytes() for p in JPEGS]))
schemathesis.openapi.media_type("image/png", st.sampled_from([p.read_bytes() for p in PNGS]))
