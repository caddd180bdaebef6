"""What a view's address holds: every control that shapes a view is bound to the URL (bind="query-params"),
so a link opened in a fresh browser restores it, and the link to copy is the address itself.

Streamlit drops a URL value that is not an option; `choice` and `multichoice` say so, because a colleague's
link that silently shows something else is worse than a short notice. While presenting, controls are not
drawn: their values come from the session or the URL, and are written back to the URL, which a control
that is not drawn would otherwise lose.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st
from streamlit.errors import StreamlitAPIException

from lib.app.presentation import presenting
from lib.app.text import plain

# Up to this many options show as one row of buttons (all in view, one click away); longer lists as a
# dropdown. The buttons also load faster: a dropdown's bundle delays the page's first chart by 3–8%
# (bench/RESULTS.md, 1f).
SHORT_LIST = 5


def _bound(options, key: str, default):
    """Options as text, the default (the first option unless given and present), and what the URL asked.

    Once the session holds the control's value, the URL's is no longer a link's request but the trace of the last
    choice, which a dependent control's new options may not include (a product after a new importer): only a link
    opened, with the session yet to hold the value, asks."""
    options = [str(o) for o in options]
    default = str(default) if default is not None and str(default) in options else options[0]
    return options, default, None if key in st.session_state else st.query_params.get(key)


def _notice(key: str, asked, options) -> None:
    if asked is not None and asked not in options:
        st.info(f"The link asked for {key} “{plain(asked)}”, which is not in the data; showing the default instead.",
                icon=":material/info:")


def _kept(key: str, value, default) -> None:
    """While presenting: keep a control's value in the address, since no widget is drawn to hold it.

    In the run that switches presentation on, the widget drawn in the run before still owns its parameter
    and Streamlit refuses to set it; the session keeps the value, and the address gets it back on the next
    run. (The link box offers the presentation link of a view directly: see `link_box`.)"""
    if value == default:
        return
    try:
        st.query_params[key] = value if isinstance(value, list) else str(value)
    except StreamlitAPIException:
        pass


def _undrawn(key: str, options: list[str], default):
    value = st.session_state.get(key)
    if value is None:
        asked = st.query_params.get(key)
        value = asked if asked in options else default
    _kept(key, value, default)
    return value


def choice(label: str, options, key: str, default=None, *, dropdown: bool = False, **kwargs) -> str:
    """One choice among options, whose value lives in the URL (?key=value); a dropdown where asked for (options too
    long to stand side by side)."""
    options, default, asked = _bound(options, key, default)
    if presenting():
        return _undrawn(key, options, default)
    if len(options) <= SHORT_LIST and not dropdown:
        value = st.segmented_control(label, options, default=default, required=True, key=key, bind="query-params", **kwargs)
    else:
        value = st.selectbox(label, options, index=options.index(default), key=key, bind="query-params", **kwargs)
    _notice(key, asked, options)
    return value


def choice_behind_button(button: str, label: str, options, key: str, default=None, icon: str | None = None,
                         on_change=None) -> str:
    """`choice` as a dropdown inside a popover that opens from a button, for a page whose subject is chosen
    once and named in its heading (the country). A closed popover draws nothing of its contents, so the
    dropdown's bundle loads when a viewer opens it, not alongside plotly.js (bench/RESULTS.md, 1k)."""
    options, default, asked = _bound(options, key, default)
    if presenting():
        return _undrawn(key, options, default)
    popover = f"{key}_chooser"

    def close():  # once chosen, the page shows the new choice, not the dropdown over it
        st.session_state[popover] = False
        if on_change is not None:
            on_change()

    with st.popover(button, icon=icon, key=popover, on_change="rerun"):
        value = st.selectbox(label, options, index=options.index(default), key=key, bind="query-params", on_change=close)
    _notice(key, asked, options)
    return value


def multichoice(label: str, options, key: str, default: list[str]) -> list[str]:
    """Options as toggle buttons, all in view, bound to the URL (?key=a&key=b); an empty choice falls back
    to the default. (A multiselect would hide the options in a dropdown, and its bundle delays the page's
    first chart by about 7%: bench/RESULTS.md, 1f.)"""
    options = [str(o) for o in options]
    asked = st.query_params.get_all(key)
    if presenting():
        value = st.session_state.get(key) or [a for a in asked if a in options] or default
        _kept(key, value, default)
        return value
    values = st.pills(label, options, selection_mode="multi", default=default, wrap=True, key=key, bind="query-params")
    unknown = [a for a in asked if a not in options]
    if unknown:
        st.info(f"The link asked for {key} {plain(', '.join(unknown))}, which are not in the data.", icon=":material/info:")
    return values or default


def _as_number(text, integer: bool):
    """A URL value as the number a widget holds, or None if it is not one."""
    try:
        x = float(text)
    except (TypeError, ValueError):
        return None
    if integer:
        return int(x) if x.is_integer() else None
    return x


def number(label: str, key: str, default: int | float, *, step: int | float = 1, **kwargs) -> int | float:
    """A number whose value lives in the URL (?key=3), an int where the default and step are ints.

    No bounds are set on the widget: Streamlit would drop a URL value out of them without a word, and the page
    is to say why a value cannot be used (the model's InputError) instead. A URL value that is not a number at all
    falls back to the default with a notice, as `choice` does. While presenting, no widget is drawn."""
    integer = isinstance(default, int) and isinstance(step, int)
    asked = st.query_params.get(key)
    if presenting():
        value = st.session_state.get(key)
        if value is None:
            parsed = _as_number(asked, integer)
            value = default if parsed is None else parsed
        _kept(key, value, default)
        return value
    value = st.number_input(label, value=default, step=step, key=key, bind="query-params", **kwargs)
    if asked is not None and _as_number(asked, integer) is None:
        st.info(f"The link asked for {key} “{plain(asked)}”, which is not a {'whole ' if integer else ''}number; "
                "showing the default instead.", icon=":material/info:")
    return value


def text(label: str, key: str, default: str = "", **kwargs) -> str:
    """A line of text whose value lives in the URL (?key=...); whatever it says, the page checks it."""
    if presenting():
        value = st.session_state.get(key)
        if value is None:
            value = st.query_params.get(key, default)
        _kept(key, value, default)
        return value
    return st.text_input(label, value=default, key=key, bind="query-params", **kwargs)


def tabs(labels: list[str], key: str):
    """Tabs whose open one lives in the URL (?key=label). Only the open tab's content need be drawn: test
    each tab's `.open`, which also keeps a hidden chart from loading with the page."""
    return st.tabs(labels, key=key, bind="query-params")


def share_link(page_path: str, **extra: str) -> str:
    """The address of exactly this view: the page and its query, which holds every bound control that
    differs from its default (plus `extra` parameters)."""
    origin = ""
    if st.context.url:
        parts = urlsplit(st.context.url)
        origin = f"{parts.scheme}://{parts.netloc}"
    params = {k: st.query_params.get_all(k) for k in st.query_params} | {k: [v] for k, v in extra.items()}
    query = urlencode(params, doseq=True)
    return f"{origin}/{page_path}" + (f"?{query}" if query else "")


def link_box(page_path: str) -> None:
    """The 'copy link' control: the address of exactly this view, with a copy button.

    It sits in a popover because a code block drawn on every page load fetches the code-block bundle and
    its font before the first chart, about 0.3 s of first paint (bench/RESULTS.md, 1c and 1d); a closed
    popover draws nothing of its contents.
    """
    with st.sidebar.popover("Link to this view", icon=":material/link:", width="stretch"):
        st.caption("The address of exactly this view. Copy it with the button at its right:")
        st.code(share_link(page_path), language=None, wrap_lines=True)
        st.caption("The same view, opening in presentation mode:")
        st.code(share_link(page_path, present="true"), language=None, wrap_lines=True)
