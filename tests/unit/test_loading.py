"""lib.data.load: typed frames from valid files, and precise errors from malformed ones."""

import pandas as pd
import pytest
from conftest import RESERVES_HEADER, RESERVES_ROWS

from lib import data
from lib.data import DataError


def load_error(package_dir, content, name="reserves") -> DataError:
    package_dir.write(name, content)
    with pytest.raises(DataError) as caught:
        data.load(name, package_dir.path)
    return caught.value


def only_problem(err: DataError):
    assert len(err.problems) == 1, str(err)
    return err.problems[0]


def test_a_valid_file_loads_with_the_types_of_its_schema(package_dir):
    package_dir.write("reserves", RESERVES_HEADER + RESERVES_ROWS)
    frame = data.load("reserves", package_dir.path)
    assert frame["reserves_t_reo"].dtype == "Float64"
    assert frame["country"].tolist() == ["China", "India", "World"]


def test_a_lower_bound_stays_missing_and_keeps_its_printed_text(package_dir):
    package_dir.write("reserves", RESERVES_HEADER + RESERVES_ROWS)
    world = data.load("reserves", package_dir.path).set_index("country").loc["World"]
    assert pd.isna(world["reserves_t_reo"])
    assert world["value_status"] == "lower_bound"
    assert world["value_as_published"] == ">90,000,000"


def test_error_names_the_file(package_dir):
    err = load_error(package_dir, RESERVES_HEADER + "MCS2025,China,CHN,country,-1,value,-1,,,usgs-mcs2025\n")
    assert err.file == "data/reserves.csv"
    assert str(err).startswith("data/reserves.csv")


def test_negative_tonnes_are_reported_with_row_and_column(package_dir):
    err = load_error(package_dir, RESERVES_HEADER + "MCS2025,China,CHN,country,-5,value,-5,,,usgs-mcs2025\n")
    problem = only_problem(err)
    assert (problem.row, problem.column) == (2, "reserves_t_reo")
    assert "≥ 0" in problem.message


def test_a_wrong_type_says_what_was_expected(package_dir):
    err = load_error(package_dir, RESERVES_HEADER + "MCS2025,China,CHN,country,lots,value,lots,,,usgs-mcs2025\n")
    problem = only_problem(err)
    assert (problem.row, problem.column) == (2, "reserves_t_reo")
    assert "expected a number" in problem.message and "'lots'" in problem.message


def test_thousands_separators_are_rejected_with_a_hint(package_dir):
    row = 'MCS2025,China,CHN,country,"44,000,000",value,"44,000,000",,,usgs-mcs2025\n'
    problem = only_problem(load_error(package_dir, RESERVES_HEADER + row))
    assert problem.column == "reserves_t_reo"
    assert "thousands separators" in problem.message


def test_a_missing_column_is_named(package_dir):
    header = RESERVES_HEADER.replace(",note", "")
    row = "MCS2025,China,CHN,country,1,value,1,,usgs-mcs2025\n"
    problem = load_error(package_dir, header + row).problems[0]
    assert problem.row == 1
    assert "missing column(s): note" in problem.message


def test_columns_out_of_order_are_reported_on_the_header(package_dir):
    header = RESERVES_HEADER.replace("edition,country", "country,edition")
    problem = load_error(package_dir, header + RESERVES_ROWS).problems[0]
    assert problem.row == 1
    assert "out of order" in problem.message


def test_an_empty_file_is_reported_with_the_expected_header(package_dir):
    problem = only_problem(load_error(package_dir, ""))
    assert "empty" in problem.message and "edition, country" in problem.message


def test_a_byte_order_mark_is_rejected(package_dir):
    problem = only_problem(load_error(package_dir, b"\xef\xbb\xbf" + (RESERVES_HEADER + RESERVES_ROWS).encode()))
    assert problem.row == 1
    assert "byte-order mark" in problem.message


def test_bad_encoding_is_reported_with_its_line(package_dir):
    content = (RESERVES_HEADER + RESERVES_ROWS).encode().replace(b"India", "Indiá".encode("latin-1"))
    problem = only_problem(load_error(package_dir, content))
    assert problem.row == 3
    assert "not valid UTF-8" in problem.message


def test_a_duplicate_key_is_reported_on_the_second_row(package_dir):
    row = "MCS2025,China,CHN,country,44000000,value,x,,,usgs-mcs2025\n"
    problem = only_problem(load_error(package_dir, RESERVES_HEADER + row + row))
    assert problem.row == 3
    assert "duplicate key" in problem.message and "edition, country" in problem.message


def test_an_unknown_source_id_is_reported(package_dir):
    row = "MCS2025,China,CHN,country,44000000,value,x,,,no-such-source\n"
    problem = only_problem(load_error(package_dir, RESERVES_HEADER + row))
    assert problem.row == 2
    assert "not found in sources.csv" in problem.message and "no-such-source" in problem.message


def test_an_unknown_edition_lists_the_editions_of_the_package(package_dir):
    row = "MCS1999,China,CHN,country,44000000,value,x,,,usgs-mcs2025\n"
    problem = only_problem(load_error(package_dir, RESERVES_HEADER + row))
    assert (problem.row, problem.column) == (2, "edition")
    assert problem.message.startswith("MCS1999 not found in editions.csv")
    assert "MCS2024, MCS2025" in problem.message


def test_a_value_outside_its_enum_lists_the_allowed_values(package_dir):
    row = "MCS2025,China,CHN,nation,44000000,value,x,,,usgs-mcs2025\n"
    problem = only_problem(load_error(package_dir, RESERVES_HEADER + row))
    assert problem.column == "entity_type"
    assert "country, other, world" in problem.message


def test_a_missing_required_value_is_reported(package_dir):
    row = "MCS2025,,CHN,country,44000000,value,x,,,usgs-mcs2025\n"
    problem = only_problem(load_error(package_dir, RESERVES_HEADER + row))
    assert (problem.row, problem.column) == (2, "country")
    assert "required" in problem.message


def test_a_short_row_is_reported(package_dir):
    problem = load_error(package_dir, RESERVES_HEADER + "MCS2025,China,CHN\n").problems[0]
    assert problem.row == 2
    assert "fewer values" in problem.message


def test_a_share_over_100_is_rejected(package_dir):
    header = "edition,importer,product,period,partner,partner_iso3,share_pct,note,source_id\n"
    row = "MCS2025,United States,Compounds,2020–23,China,CHN,101,,usgs-mcs2025\n"
    problem = only_problem(load_error(package_dir, header + row, name="import_sources"))
    assert (problem.row, problem.column) == (2, "share_pct")
    assert "≤ 100" in problem.message


def test_a_world_total_below_the_listed_countries_is_rejected(package_dir):
    rows = RESERVES_ROWS.replace(',lower_bound,">90,000,000"', ',rounded,"10,000,000"').replace(
        "MCS2025,World,,world,,", "MCS2025,World,,world,10000000,"
    )
    problem = only_problem(load_error(package_dir, RESERVES_HEADER + rows))
    assert (problem.row, problem.column) == (4, "reserves_t_reo")
    assert "below the sum of listed countries" in problem.message


def test_a_world_total_within_rounding_of_the_listed_sum_is_accepted(package_dir):
    rows = RESERVES_ROWS.replace(',lower_bound,">90,000,000"', ',rounded,"50,000,000"').replace(
        "MCS2025,World,,world,,", "MCS2025,World,,world,50000000,"
    )
    package_dir.write("reserves", RESERVES_HEADER + rows)
    assert len(data.load("reserves", package_dir.path)) == 3


def test_a_header_without_rows_is_an_error_that_names_the_file(package_dir):
    err = load_error(package_dir, RESERVES_HEADER)
    assert err.file == "data/reserves.csv"
    assert only_problem(err).message == "file has a header but no rows of data"


def test_a_file_of_blank_lines_is_an_error(package_dir):
    assert "no rows of data" in only_problem(load_error(package_dir, RESERVES_HEADER + "\n,,,,,,,,,\n\n")).message


def test_a_missing_file_is_reported(package_dir):
    with pytest.raises(DataError, match="file not found"):
        data.load("reserves", package_dir.path)


def test_a_broken_file_does_not_stop_another_dataset_loading(package_dir):
    package_dir.write("reserves", "garbage\n1,2,3\n")
    with pytest.raises(DataError):
        data.load("reserves", package_dir.path)
    assert len(data.load("sources", package_dir.path)) > 0
