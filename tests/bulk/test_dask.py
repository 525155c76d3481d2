"""timeline.bulk.dask on Dask's synchronous scheduler: same tables as build_many, declared schema."""

from __future__ import annotations

import pandas as pd
import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

import timeline  # noqa: E402
import timeline.bulk.dask as tdask  # noqa: E402
from timeline.output.table import EVENT_COLUMNS, EXPRESSION_COLUMNS  # noqa: E402

TEXTS = [
    "The minister resigned on Thursday. Talks lasted several hours.",
    "The vote was held on Monday, a day after the storm.",
    "Nothing dated happens here.",
    "The bridge opened on 3 March 2015 and closed two days later.",
    "Prices rose in October, last year, and fell in January.",
    "The court ruled on Tuesday.",
]
DATES = [None, "2016-01-15", "2016-01-15", "2016-03-10", "2020-06-01", "garbage"]


@pytest.fixture(autouse=True)
def synchronous():  # type: ignore[no-untyped-def]
    with dask.config.set(scheduler="synchronous"):
        yield


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({"id": [f"doc{i}" for i in range(len(TEXTS))], "text": TEXTS, "date": DATES})


def test_events_match_build_many_and_the_meta(frame: pd.DataFrame) -> None:
    ddf = dd.from_pandas(frame, npartitions=3)
    lazy = tdask.events(ddf, text="text", published="date")
    assert list(lazy.columns) == ["article", *EVENT_COLUMNS]
    computed = lazy.compute()
    assert computed.dtypes.equals(lazy._meta.dtypes)
    expected = timeline.build_many(frame.drop(columns="id"), progress=False).events
    pd.testing.assert_frame_equal(computed.reset_index(drop=True), expected, check_dtype=False)
    assert len(expected) > 0


def test_expressions_keyed_by_an_id_column(frame: pd.DataFrame) -> None:
    ddf = dd.from_pandas(frame, npartitions=2)
    computed = tdask.expressions(ddf, id="id").compute().reset_index(drop=True)
    assert list(computed.columns) == ["article", *EXPRESSION_COLUMNS]
    expected = timeline.build_many(frame, progress=False).expressions
    assert computed["article"].tolist() == expected["article"].tolist()
    assert computed["value"].tolist() == expected["value"].tolist()


def test_errors_and_notes(frame: pd.DataFrame) -> None:
    ddf = dd.from_pandas(frame, npartitions=2)
    errors = tdask.errors(ddf, id="id").compute()
    assert errors["article"].tolist() == ["doc5"] and "garbage" in errors["error"].iloc[0]
    notes = tdask.notes(ddf, id="id").compute()
    assert notes["article"].tolist() == ["doc0"]  # "on Thursday" without a date


def test_one_date_for_all_and_no_date_column() -> None:
    ddf = dd.from_pandas(pd.DataFrame({"text": TEXTS[:2]}), npartitions=2)
    computed = tdask.expressions(ddf, published="2016-01-15").compute()
    expected = timeline.build_many(TEXTS[:2], "2016-01-15", progress=False).expressions
    assert computed["value"].tolist() == expected["value"].tolist()
    assert tdask.events(ddf).compute()["article"].isin([0, 1]).all()  # default "date" is optional


def test_bad_columns_are_named() -> None:
    ddf = dd.from_pandas(pd.DataFrame({"body": TEXTS[:2]}), npartitions=1)
    with pytest.raises(KeyError, match="text"):
        tdask.events(ddf)
    with pytest.raises(KeyError, match="pubdate"):
        tdask.events(ddf, text="body", published="pubdate")
    with pytest.raises(KeyError, match="url"):
        tdask.events(ddf, text="body", id="url")


def test_meta_declares_every_table() -> None:
    for table, columns in (("events", EVENT_COLUMNS), ("expressions", EXPRESSION_COLUMNS)):
        empty = tdask.meta(table)
        assert empty.empty and list(empty.columns) == ["article", *columns]
    with pytest.raises(ValueError):
        tdask.meta("sentences")


@pytest.mark.parametrize("table", ["events", "expressions", "errors", "notes"])
def test_a_pandas_dataframe_is_refused_with_a_clear_type_error(table: str) -> None:
    """Issue 14: a pandas DataFrame failed with an AttributeError deep inside."""
    plain = pd.DataFrame({"text": ["The vote was held on Monday."], "date": ["2016-01-15"]})
    with pytest.raises(TypeError, match=rf"timeline.dask.{table} needs a Dask DataFrame, not pandas.DataFrame"
                                        r" \(make one with dask.dataframe.from_pandas"):
        getattr(tdask, table)(plain)
    with pytest.raises(TypeError, match="needs a Dask DataFrame, not list$"):
        getattr(tdask, table)([plain])
