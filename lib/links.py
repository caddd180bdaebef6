"""What a view's address holds: the bound controls, presentation mode, and the link to copy.

Every control that shapes a view lives in the URL, so a link opened in a fresh browser restores it.
`choice` and `multichoice` bind a widget to a query parameter and say so when a link asks for a value
the data does not have; `share_link` rebuilds the address from what this run recorded.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from lib.text import plain

LINK_PARAMS = "_link_params"
PRESENT = "present"
_YES = ("1", "true", "yes", "on")


def start_link() -> None:
    """Forget the previous run's link parameters; `choice` and `presentation_toggle` record this run's."""
    st.session_state[LINK_PARAMS] = {}


def presenting() -> bool:
    """Whether presentation mode is on: the toggle's value, or on a first load the URL (?present=1)."""
    if PRESENT in st.session_state:
        return bool(st.session_state[PRESENT])
    return str(st.query_params.get(PRESENT, "")).lower() in _YES


# Static CSS written here, never data. It hides the sidebar and the widgets (they stay mounted, so their
# values and the URL are kept), enlarges type, and gives each chart a screen of its own.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"],
[data-testid="stElementContainer"]:has([data-testid="stSelectbox"]),
[data-testid="stElementContainer"]:has([data-testid="stMultiSelect"]),
[data-testid="stElementContainer"]:has([data-testid="stButtonGroup"]),
[data-testid="stElementContainer"]:has([data-testid="stDownloadButton"]),
[data-testid="stMain"] [data-testid="stPopover"],
[data-testid="stExpander"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1rem 2.5rem 1rem !important; }
[data-testid="stMain"] h1 { font-size: 2.9rem !important; }
[data-testid="stMain"] h2 { font-size: 2.2rem !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 1.35rem !important; line-height: 1.45 !important; }
[data-testid="stMain"], [data-testid="stAppScrollToBottomContainer"] { scroll-snap-type: y proximity; }
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-slide_"]) { height: calc(100vh - 2rem); min-height: 30rem;
                                                                  scroll-snap-align: start; }
[class*="st-key-slide_"] [data-testid="stCaptionContainer"] { font-size: 1rem !important; }
.st-key-present_bar { position: fixed; top: 0.4rem; right: 1rem; z-index: 1000; width: auto !important;
                      opacity: 0.35; }
.st-key-present_bar:hover { opacity: 1; }
</style>
"""


def _present_in_url() -> None:
    if st.session_state.get(PRESENT):
        st.query_params[PRESENT] = "1"
    elif PRESENT in st.query_params:
        del st.query_params[PRESENT]


def presentation_toggle() -> bool:
    """The presentation-mode toggle, kept in the URL as ?present=1 so that a link opens straight into it.

    Off, it sits in the sidebar; on, the sidebar is hidden and it floats, faint, at the top right. It is not
    bound with bind="query-params": Streamlit's bound toggle reads only ?present=true/false and would drop
    ?present=1 from the address, so a callback keeps the URL in step instead.
    """
    on_before = presenting()
    with st.container(key="present_bar") if on_before else st.sidebar:
        on = st.toggle("Presentation mode", value=on_before, key=PRESENT, on_change=_present_in_url,
                       help="Hides the sidebar and the controls, enlarges type, one chart per screen. "
                            "The link to this view then opens in presentation mode.")
    if on:
        remember(PRESENT, "1")
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)
    return on


def share_link(page_path: str) -> str:
    """The address of exactly this view: page plus every bound control that differs from its default."""
    origin = ""
    if st.context.url:
        parts = urlsplit(st.context.url)
        origin = f"{parts.scheme}://{parts.netloc}"
    query = urlencode(st.session_state.get(LINK_PARAMS, {}), doseq=True)
    return f"{origin}/{page_path}" + (f"?{query}" if query else "")


# Up to this many options show as one row of buttons (all in view, one click away); longer lists as a
# dropdown. The buttons also load faster: a dropdown's bundle delays the page's first chart by 3–8%
# (bench/RESULTS.md, 1f).
SHORT_LIST = 5


def choice(label: str, options, key: str, default=None, **kwargs) -> str:
    """One choice among options, whose value lives in the URL (?key=value), so a link restores it.

    Streamlit drops a URL value that is not an option; we say so, because a colleague's link that
    silently shows something else is worse than a short notice.
    """
    options, default, asked = _bound(options, key, default)
    if len(options) <= SHORT_LIST:
        value = st.segmented_control(label, options, default=default, required=True, key=key, bind="query-params",
                                     **kwargs)
    else:
        value = st.selectbox(label, options, index=options.index(default), key=key, bind="query-params", **kwargs)
    _note(key, value, default, asked, options)
    return value


def choice_behind_button(button: str, label: str, options, key: str, default=None, icon: str | None = None) -> str:
    """`choice` as a dropdown inside a popover that opens from a button, for a page whose subject is chosen
    once and named in its heading (the country). A closed popover draws nothing of its contents, so the
    dropdown's bundle (about twenty files) loads when a viewer opens it, not alongside plotly.js: the
    Overview's chart came 7% sooner (bench/RESULTS.md, 1k)."""
    options, default, asked = _bound(options, key, default)
    popover = f"{key}_chooser"

    def close():  # once chosen, the page shows the new choice, not the dropdown over it
        st.session_state[popover] = False

    with st.popover(button, icon=icon, key=popover, on_change="rerun"):
        value = st.selectbox(label, options, index=options.index(default), key=key, bind="query-params",
                             on_change=close)
    _note(key, value, default, asked, options)
    return value


def _bound(options, key: str, default):
    """Options as text, the default (the first option unless given and present), and what the URL asked."""
    options = [str(o) for o in options]
    default = str(default) if default is not None and str(default) in options else options[0]
    return options, default, st.query_params.get(key)


def _note(key: str, value: str, default: str, asked, options) -> None:
    """Record a choice that differs from its default, and say when the link asked for what is not there."""
    if value != default:
        remember(key, value)
    if asked is not None and asked not in options:
        st.info(
            f"The link asked for {key} “{plain(asked)}”, which is not in the data; showing {plain(value)} instead.",
            icon=":material/info:",
        )


def multichoice(label: str, options, key: str, default: list[str]) -> list[str]:
    """Options as toggle buttons, all in view, bound to the URL (?key=a&key=b); an empty choice falls back
    to the default. (A multiselect would hide the options in a dropdown, and its bundle delays the page's
    first chart by about 7%: bench/RESULTS.md, 1f.)"""
    options = [str(o) for o in options]
    asked = st.query_params.get_all(key)
    values = st.pills(label, options, selection_mode="multi", default=default, wrap=True, key=key,
                     bind="query-params")
    if values != default:
        remember(key, values)
    unknown = [a for a in asked if a not in options]
    if unknown:
        st.info(f"The link asked for {key} {plain(', '.join(unknown))}, which are not in the data.", icon=":material/info:")
    return values or default


def tabs(labels: list[str], key: str):
    """Tabs whose open one lives in the URL (?key=label). Only the open tab's content need be drawn: test
    each tab's `.open`, which also keeps a hidden chart from loading with the page."""
    containers = st.tabs(labels, key=key, bind="query-params")
    if st.session_state.get(key, labels[0]) != labels[0]:
        remember(key, st.session_state[key])
    return containers


def link_box(page_path: str) -> None:
    """The 'copy link' control: the address of exactly this view, with a copy button.

    It sits in a popover because a code block drawn on every page load fetches the code-block bundle and
    its font before the first chart, about 0.3 s of first paint (bench/RESULTS.md, 1c and 1d); a closed
    popover draws nothing of its contents.
    """
    with st.sidebar.popover("Link to this view", icon=":material/link:", width="stretch"):
        st.caption("The address of exactly this view. Copy it with the button at its right:")
        st.code(share_link(page_path), language=None, wrap_lines=True)


def remember(key: str, value) -> None:
    """Record a control that differs from its default, for the link to this view."""
    st.session_state.setdefault(LINK_PARAMS, {})[key] = value
