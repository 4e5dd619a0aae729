"""The brands an account is verified as (admin; docs/review-policy.md, "unverified_brand")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chalicelib.api.balance import path_account_id
from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.lazy import lazy_module

if TYPE_CHECKING:
    from chalicelib.services import brand_verification as service
else:
    service = lazy_module("chalicelib.services.brand_verification")

brands = Blueprint(__name__)

BrandId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")]


class BrandsInput(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    brands: list[BrandId] = Field(max_length=50)


@api_route(brands, "/admin/accounts/{account_id}/brands", methods=["GET"], access="admin")
def get_brands(request: ApiRequest, account_id: str) -> dict[str, Any]:
    account_id = path_account_id(account_id)
    return {"account_id": account_id, "verified_brands": sorted(service.verified_brands(account_id))}


@api_route(brands, "/admin/accounts/{account_id}/brands", methods=["PUT"], access="admin")
def put_brands(request: ApiRequest, account_id: str) -> dict[str, Any]:
    body = request.parse(BrandsInput)
    account_id = path_account_id(account_id)
    verified = service.verify(account_id, body.brands)
    return {"account_id": account_id, "verified_brands": sorted(verified)}
