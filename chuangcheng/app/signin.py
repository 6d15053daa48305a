"""Signing an administrator in on the snapshots page: an identity provider (OIDC) with a list of administrators'
addresses, or one password with attempts limited (app/guard.py counts them); a signed-in session is granted
uploads, a signed-out one has them revoked."""

import hashlib
import hmac
import math

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from chuangcheng.app import guard, session


def secrets() -> dict:
    """The secrets, or nothing when no secrets.toml exists (the normal state of a fresh install)."""
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError:
        return {}


def auth_mode() -> str:
    """'oidc' when an identity provider is configured, 'password' when an admin password is, else 'none'."""
    if "auth" in secrets():
        return "oidc"
    return "password" if secrets().get("chuangcheng", {}).get("admin_password") else "none"


def is_administrator() -> bool:
    """Signed in as an administrator; the session is then granted uploads (chuangcheng/app/guard.py)."""
    mode = auth_mode()
    if mode == "oidc":
        if not st.user.get("is_logged_in", False):
            st.button(session.text("log_in"), on_click=st.login)
            return False
        admins = secrets().get("chuangcheng", {}).get("admins", [])
        email = st.user.get("email")
        if email in admins and st.user.get("email_verified") is not True:
            # the provider vouches for nothing: anyone may register an administrator's address unverified
            st.warning(session.text("email_not_verified"))
            return granted(False)
        return granted(bool(email) and email in admins)
    if mode == "password":
        return granted(password_accepted())
    st.caption(session.text("upload_for_administrators"))
    with st.expander(session.text("upload_how_to_enable")):
        st.write(session.text("upload_disabled"))
    return False


def granted(administrator: bool) -> bool:
    (guard.grant if administrator else guard.revoke)(session.session_id())
    return administrator


def password_accepted() -> bool:
    """The administrator password, with attempts limited per session and per client address: five free,
    then a lockout that doubles with each failure (30 s up to 15 min). A refused password is counted once,
    not again at every rerun of the page; the password itself is never logged or kept."""
    if st.session_state.get("_administrator") or password_given():
        if st.button(session.text("sign_out"), key="sign_out"):
            st.session_state.pop("_administrator")
            st.session_state.pop("admin_password", None)
            st.rerun()
        return True
    return False


def password_given() -> bool:
    attempts = guard.keys(session.session_id(), session.client_address())
    wait = guard.PASSWORDS.wait(attempts)
    if wait > 0:
        st.warning(session.text("admin_locked", seconds=math.ceil(wait)))
        return False
    given = st.text_input(session.text("admin_password"), type="password", key="admin_password")
    if not given:
        return False
    digest = hashlib.sha256(given.encode()).hexdigest()
    if digest == st.session_state.get("_refused"):
        st.error(session.text("admin_refused"))
        return False
    if hmac.compare_digest(given.encode(), str(secrets()["chuangcheng"]["admin_password"]).encode()):
        guard.PASSWORDS.succeeded(attempts)
        st.session_state["_administrator"] = True
        return True
    st.session_state["_refused"] = digest
    guard.PASSWORDS.failed(attempts)
    st.error(session.text("admin_refused"))
    return False
