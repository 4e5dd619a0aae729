"""Settings read from the environment (chalicelib/settings.py) as pydantic-settings read them:
`RCS_` + the field's name in any case, AWS's own names for the region, arguments first."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chalicelib.settings import Settings


def test_a_field_is_read_from_its_prefixed_name_in_any_case_and_converted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RCS_SEND_CONCURRENCY", "7")
    monkeypatch.setenv("rcs_llm_review_enabled", "true")
    monkeypatch.setenv("RCS_JWT_SECRET", "s3cret")
    settings = Settings()
    assert (settings.send_concurrency, settings.llm_review_enabled) == (7, True)
    assert settings.jwt_secret.get_secret_value() == "s3cret" and "s3cret" not in repr(settings)


def test_the_region_comes_from_aws_region_before_aws_default_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-1")
    monkeypatch.delenv("AWS_REGION", raising=False)
    assert Settings().region == "ap-south-1"
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    assert Settings().region == "eu-west-1"


def test_arguments_win_over_the_environment_which_wins_over_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RCS_STAGE", "from-env")
    monkeypatch.delenv("RCS_SEND_CHUNK_SIZE", raising=False)
    assert Settings(stage="given").stage == "given"
    assert Settings().stage == "from-env"
    assert Settings().send_chunk_size == 500


def test_a_value_that_does_not_fit_its_field_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RCS_API_BURST", "0")
    with pytest.raises(ValidationError, match="api_burst"):
        Settings()
