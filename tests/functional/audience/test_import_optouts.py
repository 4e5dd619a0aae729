"""A CSV import's `opt_out` column (docs/spec/campaigns.md, "Opt-outs"): rows that say yes put
their number on the account's opt-out list (source import) instead of the list; their count is the
import's `opted_out`; an import step run twice adds nothing twice; a broadcast skips them."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client

from chalicelib.services import import_rows
from tests.functional.lists.support import drain_imports, new_list
from tests.functional.lists.test_imports import object_key, progress, put_csv, start, uploaded
from tests.support.world import Auth, call

CSV = (b"phone,var_1,Opt_Out\r\n"
       b"+14155550501,Ann,\r\n"
       b"+14155550502,Bob,yes\r\n"
       b"+14155550503,Cy,TRUE\r\n"
       b"+14155550504,Di,no\r\n"
       b"+14155550505,Ed,1\r\n"
       b"+14155550506,Flo,maybe\r\n"
       b"+14155550507,Gus,0\r\n")


def run_import(client: Client, auth: Auth, app: Chalice, data: bytes) -> tuple[str, str]:
    list_id = new_list(client, auth)
    import_id = str(start(client, auth, list_id)["import_id"])
    put_csv(object_key(list_id, import_id), data)
    uploaded(app, object_key(list_id, import_id))
    drain_imports(app)
    return list_id, import_id


def optouts(client: Client, auth: Auth) -> dict[str, str]:
    return {row["phone"]: row["source"] for row in call(client, "GET", "/optouts", auth())[1]["optouts"]}


def members(client: Client, auth: Auth, list_id: str) -> list[str]:
    return [m["phone"] for m in call(client, "GET", f"/lists/{list_id}/members", auth())[1]["members"]]


def test_rows_that_opt_out_go_to_the_opt_out_list_not_the_members(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    # GIVEN one number already on the list from the API
    call(client, "POST", "/optouts", auth(), {"phones": ["+14155550505"]})
    # WHEN the CSV is imported
    list_id, import_id = run_import(client, auth, chalice_app, CSV)
    # THEN yes/TRUE/1 rows are opted out (the API's entry keeps its source), the rest are members
    report = progress(client, auth, list_id, import_id)
    assert (report["status"], report["rows_read"], report["added"], report["opted_out"], report["rejected"]) == (
        "completed", 7, 3, 3, 1)
    assert report["rejected_rows"] == [{"row": 7, "phone": "+14155550506",
                                        "reason": "opt_out must be true, yes, 1, false, no, 0 or empty"}]
    assert optouts(client, auth) == {"+14155550502": "import", "+14155550503": "import", "+14155550505": "api"}
    assert members(client, auth, list_id) == ["+14155550501", "+14155550504", "+14155550507"]


def test_an_import_step_run_twice_adds_its_opt_outs_once(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: Any) -> None:
    """The opt-outs are written before the step records its offset: a step that dies after writing
    them and runs again writes them again, which adds nothing, and `opted_out` counts each row once."""
    from chalicelib.store import imports as import_store

    real = import_store.commit
    calls = [0]

    def dying(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == 1:
            raise RuntimeError("died before recording the step")
        return real(*args, **kwargs)

    monkeypatch.setattr(import_store, "commit", dying)
    list_id = new_list(client, auth)
    import_id = start(client, auth, list_id)["import_id"]
    put_csv(object_key(list_id, import_id), CSV)
    with pytest.raises(RuntimeError):
        uploaded(chalice_app, object_key(list_id, import_id))
    assert set(optouts(client, auth)) == {"+14155550502", "+14155550503", "+14155550505"}
    uploaded(chalice_app, object_key(list_id, import_id))  # S3 invokes the handler again
    drain_imports(chalice_app)
    report = progress(client, auth, list_id, import_id)
    assert (report["status"], report["opted_out"], report["added"], report["rejected"]) == ("completed", 3, 3, 1)
    assert len(optouts(client, auth)) == 3


def test_a_header_without_the_column_opts_nobody_out_and_a_doubled_column_is_refused() -> None:
    assert "opt_out" not in import_rows.parse_header(["phone", "var_1"])
    assert import_rows.parse_header(["Phone", " OPT_OUT "])["opt_out"] == 1
    try:
        import_rows.parse_header(["phone", "opt_out", "opt_out"])
    except import_rows.HeaderError as error:
        assert "opt_out" in str(error)
    else:
        raise AssertionError("a doubled opt_out column was accepted")
