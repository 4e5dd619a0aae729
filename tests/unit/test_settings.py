"""Settings read from the environment (chalicelib/settings.py): `RCS_` + the field's name in any
case, AWS's own names for the region, arguments first; a value that does not fit is refused."""

from __future__ import annotations

import pytest

from chalicelib.settings import Settings, SettingsError


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
    with pytest.raises(SettingsError, match="api_burst"):
        Settings()


@pytest.mark.parametrize(("name", "value"), [
    ("RCS_SEND_CONCURRENCY", "seven"), ("RCS_LLM_REVIEW_ENABLED", "maybe"), ("RCS_JWKS_CACHE_SECONDS", "0"),
    ("RCS_IMPORT_WRITERS", "17"), ("RCS_SEND_CHUNK_SIZE", "5.5"),
])
def test_a_value_of_the_wrong_type_or_out_of_bounds_names_its_field(
        monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=name.removeprefix("RCS_").lower()):
        Settings()


def test_booleans_read_the_usual_spellings_and_settings_are_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    for text, expected in (("1", True), ("Yes", True), ("on", True), ("0", False), ("FALSE", False), ("off", False)):
        monkeypatch.setenv("RCS_LLM_REVIEW_ENABLED", text)
        assert Settings().llm_review_enabled is expected, text
    with pytest.raises(AttributeError):
        Settings().stage = "other"  # type: ignore[misc]
