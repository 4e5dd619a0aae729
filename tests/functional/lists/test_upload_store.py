"""The import bucket's store (chalicelib/store/uploads.py): S3's answers become values and
exceptions of the store, so the imports service never calls boto3 (issue 13)."""

from __future__ import annotations

import ast
import urllib.parse
from pathlib import Path

import pytest

from chalicelib.aws import client as aws_client
from chalicelib.settings import get_settings
from chalicelib.store import uploads

KEY = "imports/acme/l1/i1.csv"
SERVICES = Path(__file__).resolve().parents[3] / "chalicelib" / "services"


def put(data: bytes) -> str:
    response = aws_client("s3").put_object(Bucket=get_settings().import_bucket, Key=KEY, Body=data)
    return str(response["ETag"])


def test_head_gives_size_and_etag_of_an_upload_and_none_when_there_is_none(aws: None) -> None:
    assert uploads.head(KEY) is None
    etag = put(b"phone\r\n+14155550000\r\n")
    assert uploads.head(KEY) == uploads.ObjectInfo(size=21, etag=etag)


def test_read_from_an_offset_gives_the_rest_of_the_object_in_chunks(aws: None) -> None:
    etag = put(b"0123456789")
    body = uploads.read_from(KEY, 4, etag)
    assert body is not None
    with body:
        assert b"".join(body.chunks(3)) == b"456789"


def test_read_from_the_end_of_the_object_is_none(aws: None) -> None:
    etag = put(b"0123456789")
    assert uploads.read_from(KEY, 10, etag) is None


def test_read_from_a_replaced_or_deleted_object_raises(aws: None) -> None:
    etag = put(b"first")
    put(b"second version")
    with pytest.raises(uploads.ObjectReplaced):
        uploads.read_from(KEY, 0, etag)
    aws_client("s3").delete_object(Bucket=get_settings().import_bucket, Key=KEY)
    with pytest.raises(uploads.ObjectGone):
        uploads.read_from(KEY, 0, etag)


def test_the_upload_url_is_a_sigv4_put_of_the_key_in_the_import_bucket(aws: None) -> None:
    url = urllib.parse.urlsplit(uploads.upload_url(KEY, 600))
    query = urllib.parse.parse_qs(url.query)
    assert url.path.endswith(KEY) or get_settings().import_bucket in url.netloc + url.path
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"] and query["X-Amz-Expires"] == ["600"]


def test_the_imports_service_calls_no_aws_sdk_itself() -> None:
    # GIVEN the import's service modules WHEN their imports are read THEN none is boto3 or botocore
    for name in ("imports.py", "csv_rows.py", "lists.py"):
        tree = ast.parse((SERVICES / name).read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {module for module in imported if module.split(".")[0] in ("boto3", "botocore")}, name
        assert "chalicelib.aws" not in imported, name
