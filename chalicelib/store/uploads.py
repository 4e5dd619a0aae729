"""The import bucket's objects: the presigned upload URL, the uploaded object's size and ETag, and
ranged reads of it.

Only this module talks to S3 (the imports service asks it; issue 13). S3's error codes become the
exceptions below, so the service never sees botocore."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.aws import client
from chalicelib.settings import get_settings

CHUNK_BYTES = 256 * 1024
_GONE = ("404", "NoSuchKey", "NotFound")
_REPLACED = ("412", "PreconditionFailed")


class ObjectGone(Exception):
    """The object is not (or no longer) in the bucket."""


class ObjectReplaced(Exception):
    """The object was overwritten since its ETag was read."""


@dataclass(frozen=True)
class ObjectInfo:
    size: int
    etag: str


class ObjectRange:
    """The bytes of an object from an offset, read in chunks (never the whole object in memory);
    close it when done (or use it with `with`)."""

    def __init__(self, body: Any) -> None:
        self._body = body

    def chunks(self, size: int = CHUNK_BYTES) -> Iterator[bytes]:
        chunks: Iterator[bytes] = self._body.iter_chunks(size)
        return chunks

    def close(self) -> None:
        self._body.close()

    def __enter__(self) -> ObjectRange:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


@cache
def _presigner() -> Any:
    """An S3 client that presigns with SigV4 (only the host is signed, so the uploader may send any
    Content-Type; S3 refuses SigV2, botocore's default for presigned URLs, on new buckets).
    Presigning makes no request, so the client is kept."""
    import boto3
    from botocore.config import Config

    return boto3.client("s3", region_name=get_settings().region, config=Config(signature_version="s3v4"))


def upload_url(key: str, expires_in: int) -> str:
    """A URL that lets its holder PUT the object `key` into the import bucket for `expires_in` s."""
    url = _presigner().generate_presigned_url(
        "put_object", Params={"Bucket": get_settings().import_bucket, "Key": key}, ExpiresIn=expires_in,
    )
    return str(url)


def head(key: str) -> ObjectInfo | None:
    """The object's size and ETag, or None when it is not there."""
    try:
        response = client("s3").head_object(Bucket=get_settings().import_bucket, Key=key)
    except ClientError as error:
        if _code(error) in _GONE:
            return None
        raise
    return ObjectInfo(size=int(response["ContentLength"]), etag=str(response["ETag"]))


def read_from(key: str, offset: int, etag: str, end: int | None = None) -> ObjectRange | None:
    """The object's bytes from `offset` to its end (or to `end`, excluded), provided it is still
    the version `etag`; None when `offset` is at or past its end (or `end`). Raises ObjectReplaced
    or ObjectGone."""
    if end is not None and offset >= end:
        return None
    last = "" if end is None else str(end - 1)
    try:
        response = client("s3").get_object(Bucket=get_settings().import_bucket, Key=key,
                                           Range=f"bytes={offset}-{last}", IfMatch=etag)
    except ClientError as error:
        code = _code(error)
        if code in _REPLACED:
            raise ObjectReplaced(key) from None
        if code in _GONE:
            raise ObjectGone(key) from None
        if code == "InvalidRange":
            return None
        raise
    return ObjectRange(response["Body"])
