"""The brands an account is verified as (admin; docs/review-policy.md, "unverified_brand")."""

from __future__ import annotations

import re
from typing import Annotated, Any

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chalicelib import errors
from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.services import brand_verification as service

brands = Blueprint(__name__)

_ACCOUNT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$")
BrandId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")]


class BrandsInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    brands: list[BrandId] = Field(max_length=50)


def _account(account_id: str) -> str:
    if not _ACCOUNT_ID.match(account_id):
        raise errors.InvalidInput("account_id", "account_id is not an account id")
    return account_id


@api_route(brands, "/admin/accounts/{account_id}/brands", methods=["GET"], access="admin")
def get_brands(request: ApiRequest, account_id: str) -> dict[str, Any]:
    return {"account_id": account_id, "verified_brands": sorted(service.verified_brands(_account(account_id)))}


@api_route(brands, "/admin/accounts/{account_id}/brands", methods=["PUT"], access="admin")
def put_brands(request: ApiRequest, account_id: str) -> dict[str, Any]:
    body = request.parse(BrandsInput)
    return {"account_id": account_id, "verified_brands": sorted(service.verify(_account(account_id), body.brands))}
