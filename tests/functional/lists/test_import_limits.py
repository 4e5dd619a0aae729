"""What one CSV record may cost an import: its bytes and its fields' bytes are capped (settings
`import_max_record_bytes`, `import_max_field_bytes`), so an unclosed quote no longer turns the rest
of the file into one record that grows with it; the import completes with the rest."""

from __future__ import annotations

from collections.abc import Callable

from chalice.app import Chalice
from chalice.test import Client

from chalicelib.store.lists import count_members
from tests.functional.lists import test_imports
from tests.functional.lists.support import Auth, get_list
from tests.functional.lists.test_imports import progress

imported = test_imports.imported  # the fixture: a new list, an upload, the worker run to the end


def test_an_unclosed_quote_costs_one_rejected_record_and_the_rest_is_imported(
        client: Client, auth: Auth, chalice_app: Chalice, imported: Callable[..., tuple[str, str]]) -> None:
    # GIVEN a file whose first row opens a quote it never closes, then 5,000 good rows (~100 kB)
    good = b"".join(b"+1415555%04d,v%d\r\n" % (n, n) for n in range(5_000))
    data = b'phone,var_1\r\n+14155550000,"never closed\r\n' + good
    # WHEN it is imported (records capped at 64 kB by default)
    list_id, import_id = imported(data)
    # THEN it completes; the open record is rejected with its reason, and the rows after the cap are members
    report = progress(client, auth, list_id, import_id)
    assert report["status"] == "completed", report
    assert any("longer than" in row["reason"] for row in report["rejected_rows"]), report["rejected_rows"]
    members = get_list(client, auth, list_id)["member_count"]
    assert members == count_members(list_id)
    assert 1_000 < members < 5_000  # the rows the open record swallowed before it reached 64 kB go with it


def test_an_import_that_meets_the_members_cap_fails_naming_it(
        client: Client, auth: Auth, imported: Callable[..., tuple[str, str]],
        settings_env: Callable[..., None]) -> None:
    # GIVEN a list may hold 30 members WHEN a file of 100 is imported
    settings_env(RCS_MAX_LIST_MEMBERS="30")
    list_id, import_id = imported(b"phone,var_1\n" + b"".join(b"+1415555%04d,x\n" % n for n in range(100)))
    report = progress(client, auth, list_id, import_id)
    # THEN it fails naming the cap, and the list holds no more than the cap
    assert report["status"] == "failed" and "max_list_members" in report["failure_reason"], report
    assert count_members(list_id) <= 30
