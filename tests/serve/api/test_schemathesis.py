"""Property-based tests of the GET endpoints against the server's own /openapi.json:
no input the schema allows makes the server fail, and every answer (errors included)
matches the status codes, content type and schema it documents.

One test per GET operation. The operations are listed from the application itself
(no server needed to collect them); the cases come from the live server's
/openapi.json. (schemathesis' `from_fixture` does not run on pytest 9, hence the
strategies used directly.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from tests.serve.api.helpers import bearer
from tests.serve.conftest import LiveServer

from supplywatch.serve import create_app
from supplywatch.settings import Settings

MAX_EXAMPLES = 12  # per operation: the whole run stays well under a minute
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance,
          content_type_conformance]
GET_PATHS = sorted(
    path for path, methods in create_app(Settings()).openapi()["paths"].items()
    if "get" in methods and path.startswith("/api/")
)


@pytest.fixture(scope="module")
def api_schema(sample_server: LiveServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{sample_server.url}/openapi.json")


@pytest.mark.parametrize("path", GET_PATHS)
def test_get_endpoint_conforms_to_its_schema(api_schema: schemathesis.BaseSchema,
                                             sample_server: LiveServer, path: str) -> None:
    headers = bearer(sample_server.token)

    @given(case=api_schema[path]["GET"].as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


def test_no_api_answer_is_a_bare_list() -> None:
    """Every list is paged: no API operation answers with a bare JSON array."""
    spec = create_app(Settings()).openapi()
    bare = [
        f"{method.upper()} {path}"
        for path, methods in spec["paths"].items() if path.startswith("/api/")
        for method, operation in methods.items()
        for status, answer in operation.get("responses", {}).items() if status.startswith("2")
        if answer.get("content", {}).get("application/json", {}).get("schema", {}).get("type")
        == "array"
    ]
    assert bare == []
