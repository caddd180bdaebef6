"""A viewer's upload keeps what the page derives from it, for that session: built once per key, and bounded."""

import pandas as pd

from lib.app import uploads


def kept() -> uploads.Upload:
    return uploads.Upload("mine.csv", pd.DataFrame({"reporter": ["China"]}))


def test_a_derivation_of_an_upload_is_built_once_per_key():
    upload, calls = kept(), []
    for _ in range(3):
        upload.memo(("chart", "US$"), lambda: calls.append(1) or len(calls))
    assert calls == [1]


def test_an_upload_keeps_at_most_max_derived_results_dropping_the_oldest():
    upload = kept()
    for i in range(uploads.MAX_DERIVED + 1):
        upload.memo(i, lambda i=i: i)
    assert len(upload.derived) == uploads.MAX_DERIVED and 0 not in upload.derived
