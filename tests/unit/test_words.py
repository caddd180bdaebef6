"""How a sentence names a country (lib.specs.words): one rule for every title and footnote."""

import pytest

from lib.specs.words import the, whose


@pytest.mark.parametrize("name", ["United States", "United Kingdom", "Netherlands", "Philippines", "DR Congo"])
def test_a_name_read_with_an_article_gets_one(name):
    assert the(name) == f"the {name}"


def test_a_name_without_an_article_is_left_as_it_is():
    assert the("India") == "India"


def test_a_sentence_that_starts_with_the_name_capitalises_its_article():
    assert the("United States", start=True) == "The United States"


def test_a_name_ending_in_s_takes_an_apostrophe_alone():
    assert whose("United States") == "the United States'"
    assert whose("India") == "India's"
