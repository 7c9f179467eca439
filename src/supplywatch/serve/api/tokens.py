"""API tokens over the API (as `supplywatch token ...`): list, create, revoke. All of it
needs a token already: the first one comes from `supplywatch token create NAME`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, Security

from supplywatch.serve.api.params import MAX_ID
from supplywatch.serve.auth import bearer_scheme
from supplywatch.serve.deps import StoreDep, Writer
from supplywatch.serve.errors import ApiError
from supplywatch.serve.models import NewToken, Token, TokenIn
from supplywatch.serve.pagination import Page, Paging, make_page

router = APIRouter(tags=["tokens"], dependencies=[Security(bearer_scheme)])

TokenId = Annotated[int, Path(ge=1, le=MAX_ID, description="The token's id.")]


@router.get("/tokens", response_model=Page[Token], summary="List API tokens")
def list_tokens(request: Request, response: Response, store: StoreDep, _: Writer,
                paging: Paging) -> Page[Token]:
    """Every token, revoked ones included, oldest first; never a secret."""
    tokens = store.list_tokens()
    page = tokens[paging.offset: paging.offset + paging.limit]
    return make_page(request, response, [Token.model_validate(t) for t in page], len(tokens),
                     paging)


@router.post("/tokens", response_model=NewToken, status_code=201, summary="Create an API token")
def create_token(body: TokenIn, store: StoreDep, _: Writer) -> NewToken:
    """The answer holds the secret (`token`): it is shown this once, only its hash is kept."""
    token, secret = store.create_token(body.name)
    return NewToken.model_validate({**Token.model_validate(token).model_dump(), "token": secret})


@router.delete("/tokens/{token_id}", status_code=204, response_class=Response,
               summary="Revoke an API token")
def revoke_token(token_id: TokenId, store: StoreDep, _: Writer) -> Response:
    """Requests with it are refused from now on."""
    if not store.revoke_token(token_id):
        raise ApiError(404, f"no live token with id {token_id}; list them with GET /api/tokens")
    return Response(status_code=204)
