"""The navigation's pages belong to one run: Streamlit lets a page object run once, so sharing one between
sessions would refuse a viewer's run whenever two viewers arrive at once."""

from lib.app import navigation


def test_each_run_gets_page_objects_of_its_own():
    first, second = navigation.pages(), navigation.pages()
    assert all(a is not b for a, b in zip(first, second, strict=True))

