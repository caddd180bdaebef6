"""A minimal app for the sign-in tests: the gate, then one line of content."""

import streamlit as st

from lib.app import auth

auth.require_login()
st.title("Content behind the gate")
