"""Accounts and roles: signing in and out, sessions, the rate limit, user administration, the
account commands and private calendar addresses."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from planner.auth import services as accounts
from planner.models import Body, User
from tests.web.helpers import (
    PASSWORD,
    RequestScopedClient,
    csrf_token,
    make_user,
    post_form,
    request_scoped_client,
    sign_in,
)

GENERIC_FAILURE = "Email or password is not right."
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def client(app: Flask, session: Session) -> RequestScopedClient:
    """Each request in its own application context, so that a change to a user between two
    requests is seen by the second, as in production."""
    return request_scoped_client(app)


def _user(session: Session, email: str) -> User:
    session.expire_all()
    user = session.scalar(select(User).where(User.email == email))
    assert user is not None
    return user


def _signed_in(client: RequestScopedClient) -> bool:
    return client.get("/account").status_code == 200


def _redirect_path(location: str) -> str:
    return urlsplit(location).path


# Signing in -----------------------------------------------------------------------------------


def test_sign_in_with_the_right_password_redirects_home_and_names_the_user(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    response = sign_in(client, "viewer@un.org")
    assert response.status_code == 303
    assert _redirect_path(response.headers["Location"]) == "/"
    header = client.get("/").get_data(as_text=True).split("</header>")[0]
    assert "viewer@un.org" in header and "Viewer" in header and "Sign out" in header


def test_password_is_stored_as_an_scrypt_hash(session: Session) -> None:
    user = accounts.create_user(session, "New@UN.org ", "viewer", PASSWORD)
    assert user.email == "new@un.org"
    assert user.password_hash.startswith("scrypt:")
    assert PASSWORD not in user.password_hash
    assert check_password_hash(user.password_hash, PASSWORD)


def test_wrong_password_shows_one_message_at_the_form(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    response = sign_in(client, "viewer@un.org", "not the password")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert GENERIC_FAILURE in page and 'name="password"' in page
    assert "not the password" not in page  # the password is not echoed
    assert not _signed_in(client)


def _normalized(page: str, email: str) -> str:
    page = page.replace(email, "EMAIL")
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]*"', "TOKEN", page)


def test_unknown_email_gets_the_same_page_as_a_wrong_password(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    known = sign_in(client, "viewer@un.org", "not the password")
    unknown = sign_in(client, "nobody@un.org", "not the password")
    assert known.status_code == unknown.status_code == 200
    assert _normalized(known.get_data(as_text=True), "viewer@un.org") == _normalized(
        unknown.get_data(as_text=True), "nobody@un.org"
    )


def test_unknown_email_costs_a_password_check_too(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []

    def counting(pwhash: str, password: str) -> bool:
        checked.append(pwhash.split("$", 1)[0])
        return check_password_hash(pwhash, password)

    monkeypatch.setattr(accounts, "check_password_hash", counting)
    assert accounts.authenticate(session, "nobody@un.org", "whatever it is") is None
    assert len(checked) == 1 and checked[0].startswith("scrypt:")


def test_deactivated_user_cannot_sign_in(client: RequestScopedClient, session: Session) -> None:
    make_user(session, "gone@un.org", "editor", active=False)
    response = sign_in(client, "gone@un.org")
    assert response.status_code == 200
    assert GENERIC_FAILURE in response.get_data(as_text=True)
    assert not _signed_in(client)


def test_email_is_matched_without_regard_to_case_or_spaces(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    assert sign_in(client, "  Viewer@UN.org ").status_code == 303


def test_sign_in_goes_on_to_the_local_page_asked_for(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    response = sign_in(client, "viewer@un.org", next="/account?tab=feeds")
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert (location.path, location.query) == ("/account", "tab=feeds")


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "/\t/evil.example/",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_sign_in_refuses_to_go_on_to_another_site(
    client: RequestScopedClient, session: Session, target: str
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    response = sign_in(client, "viewer@un.org", next=target)
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert location.netloc in ("", "planner.example.org")
    assert location.path == "/"


def test_a_page_for_staff_sends_anonymous_readers_to_sign_in_and_back(
    client: RequestScopedClient, session: Session
) -> None:
    response = client.get("/account")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/sign-in" and "next=%2Faccount" in location.query


# Signing out and sessions ---------------------------------------------------------------------


def test_sign_out_is_not_a_link(client: RequestScopedClient, session: Session) -> None:
    make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "viewer@un.org")
    assert client.get("/sign-out").status_code == 405
    assert _signed_in(client)


def test_sign_out_without_the_form_token_is_refused(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "viewer@un.org")
    response = client.post("/sign-out", headers={"Referer": "https://planner.example.org/"})
    assert response.status_code == 400
    assert "Form expired" in response.get_data(as_text=True)
    assert _signed_in(client)


def test_sign_out_with_the_header_button_ends_the_session(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "viewer@un.org")
    response = post_form(client, "/sign-out", page="/")  # the token of the header's button
    assert response.status_code == 303
    assert not _signed_in(client)
    assert "Sign in" in client.get("/").get_data(as_text=True).split("</header>")[0]


def test_session_cookie_is_http_only(client: RequestScopedClient, session: Session) -> None:
    make_user(session, "viewer@un.org", "viewer")
    response = sign_in(client, "viewer@un.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookie_is_secure_unless_turned_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import config

    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    settings = config.from_environment(tmp_path)
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["REMEMBER_COOKIE_SECURE"] is True
    assert settings["REMEMBER_COOKIE_HTTPONLY"] is True
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")
    assert config.from_environment(tmp_path)["SESSION_COOKIE_SECURE"] is False


def test_public_pages_set_no_cookie_for_anonymous_readers(
    client: RequestScopedClient, reference: Session
) -> None:
    response = client.get("/meetings/CTOC/COP/WG.4/2018/1")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_deactivating_a_user_ends_their_session(
    client: RequestScopedClient, session: Session
) -> None:
    admin = make_user(session, "admin@un.org", "admin")
    user = make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "viewer@un.org")
    assert _signed_in(client)
    accounts.update_user(session, user, role="viewer", active=False, bodies=[])
    assert admin.active
    assert not _signed_in(client)


def test_a_raised_session_serial_ends_old_sessions(
    client: RequestScopedClient, session: Session
) -> None:
    user = make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "viewer@un.org")
    accounts.end_sessions(user)
    session.flush()
    assert not _signed_in(client)
    assert sign_in(client, "viewer@un.org").status_code == 303  # a new sign-in works
    assert _signed_in(client)


# Rate limit -----------------------------------------------------------------------------------


def test_too_many_failed_sign_ins_answer_429(client: RequestScopedClient, session: Session) -> None:
    make_user(session, "viewer@un.org", "viewer")
    for attempt in range(10):  # ten accounts guessed from one address
        assert sign_in(client, f"guess{attempt}@un.org", "wrong guess").status_code == 200
    response = sign_in(client, "viewer@un.org")  # even the right password now waits
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many attempts" in page and 'class="error-page"' in page
    assert int(response.headers["Retry-After"]) > 0
    assert client.get("/sign-in").status_code == 200  # the form itself is not limited


def test_successful_sign_ins_do_not_count_against_the_limit(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    for _attempt in range(12):
        assert sign_in(client, "viewer@un.org").status_code == 303


# Own account ----------------------------------------------------------------------------------


def test_account_page_shows_the_private_calendar_address_and_it_works(
    client: RequestScopedClient, session: Session
) -> None:
    user = make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "viewer@un.org")
    page = client.get("/account").get_data(as_text=True)
    address = re.search(r'value="(https://planner\.example\.org/feeds/private/[^"]+)"', page)
    assert address is not None
    assert f"/feeds/private/{user.public_id}/" in address.group(1)
    assert "webcal://planner.example.org/feeds/private/" in page
    feed = client.get(address.group(1))
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"


def test_private_feed_url_is_for_the_signed_in_user_only(app: Flask, session: Session) -> None:
    from flask_login import login_user

    from planner.auth.views import private_feed_url
    from planner.feeds.service import feed_token

    user = make_user(session, "viewer@un.org", "viewer")
    with app.test_request_context():
        assert private_feed_url("feeds.private_all_feed") is None
        login_user(user)
        address = private_feed_url("feeds.private_body_feed", public_id=user.public_id)
    assert address == (
        f"https://planner.example.org/feeds/private/{user.public_id}/{feed_token(user)}"
        f"/bodies/{user.public_id}.ics"
    )


def test_changing_ones_password_keeps_this_session_and_ends_the_others(
    app: Flask, client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    other = request_scoped_client(app)
    sign_in(other, "viewer@un.org")
    sign_in(client, "viewer@un.org")
    response = post_form(
        client,
        "/account/password",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        page="/account",
    )
    assert response.status_code == 303
    assert _signed_in(client)
    assert not _signed_in(other)
    assert check_password_hash(_user(session, "viewer@un.org").password_hash, NEW_PASSWORD)


def test_changing_ones_password_asks_for_the_current_one(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "viewer@un.org")
    response = post_form(
        client,
        "/account/password",
        {
            "current_password": "a wrong guess!",
            "new_password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
        page="/account",
    )
    assert response.status_code == 422
    assert "This is not your current password." in response.get_data(as_text=True)
    assert check_password_hash(_user(session, "viewer@un.org").password_hash, PASSWORD)


# Administration -------------------------------------------------------------------------------


def _admin_rules(app: Flask) -> list[tuple[str, str]]:
    rules = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin."):
            path = rule.rule.replace("<uuid:public_id>", "00000000-0000-4000-8000-000000000000")
            for method in sorted((rule.methods or set()) & {"GET", "POST"}):
                rules.append((method, path))
    assert len(rules) >= 8
    return rules


def test_admin_pages_send_anonymous_readers_to_sign_in(
    app: Flask, client: RequestScopedClient, session: Session
) -> None:
    token = csrf_token(client)
    for method, path in _admin_rules(app):
        response = client.open(
            path,
            method=method,
            data={"csrf_token": token} if method == "POST" else None,
            headers={"Referer": "https://planner.example.org/sign-in"},
        )
        assert response.status_code == 302, (method, path)
        assert _redirect_path(response.headers["Location"]) == "/sign-in", (method, path)


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_admin_pages_are_forbidden_to_viewers_and_editors(
    app: Flask, client: RequestScopedClient, session: Session, role: str
) -> None:
    make_user(session, "staff@un.org", role)
    sign_in(client, "staff@un.org")
    token = csrf_token(client)
    for method, path in _admin_rules(app):
        response = client.open(
            path,
            method=method,
            data={"csrf_token": token} if method == "POST" else None,
            headers={"Referer": "https://planner.example.org/sign-in"},
        )
        assert response.status_code == 403, (method, path)
    assert "Manage users" not in client.get("/").get_data(as_text=True)


def test_admin_sees_the_users_and_the_manage_link(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "admin@un.org", "admin")
    make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "admin@un.org")
    assert "Manage users" in client.get("/").get_data(as_text=True)
    page = client.get("/admin/users").get_data(as_text=True)
    assert "admin@un.org" in page and "viewer@un.org" in page


def test_admin_creates_an_editor_for_a_body(
    client: RequestScopedClient, reference: Session
) -> None:
    make_user(reference, "admin@un.org", "admin")
    body = reference.scalar(select(Body).where(Body.symbol == "CTOC/COP/WG.4"))
    assert body is not None
    sign_in(client, "admin@un.org")
    response = post_form(
        client,
        "/admin/users/new",
        {
            "email": "Editor@UN.org",
            "role": "editor",
            "bodies": [str(body.public_id)],
            "password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 303
    editor = _user(reference, "editor@un.org")
    assert editor.role == "editor" and [b.symbol for b in editor.bodies] == ["CTOC/COP/WG.4"]
    assert editor.password_hash.startswith("scrypt:")
    assert editor.can_edit(body)


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("viewer@un.org", NEW_PASSWORD, "An account with this email already exists."),
        ("short@un.org", "too short", "The password is too short"),
        ("not an address", NEW_PASSWORD, "This is not an email address."),
    ],
)
def test_admin_creating_a_user_is_told_what_is_wrong(
    client: RequestScopedClient, session: Session, email: str, password: str, message: str
) -> None:
    make_user(session, "admin@un.org", "admin")
    make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "admin@un.org")
    response = post_form(
        client, "/admin/users/new", {"email": email, "role": "viewer", "password": password}
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    session.expire_all()
    count = len(session.scalars(select(User)).all())
    assert count == 2


def test_admin_changes_role_and_assignments(
    client: RequestScopedClient, reference: Session
) -> None:
    make_user(reference, "admin@un.org", "admin")
    viewer = make_user(reference, "viewer@un.org", "viewer")
    body = reference.scalar(select(Body).where(Body.symbol == "CTOC/COP/WG.4"))
    assert body is not None
    sign_in(client, "admin@un.org")
    path = f"/admin/users/{viewer.public_id}"
    response = post_form(
        client,
        path,
        {
            "role": "editor",
            "active": "y",
            "bodies": [str(body.public_id)],
            "version": str(viewer.version),
        },
    )
    assert response.status_code == 303
    changed = _user(reference, "viewer@un.org")
    assert changed.role == "editor" and changed.active
    assert [b.symbol for b in changed.bodies] == ["CTOC/COP/WG.4"]


def test_two_admins_editing_one_user_the_second_is_refused(
    app: Flask, client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "admin@un.org", "admin")
    make_user(session, "second@un.org", "admin")
    viewer = make_user(session, "viewer@un.org", "viewer")
    session.commit()
    second = request_scoped_client(app)
    sign_in(client, "admin@un.org")
    sign_in(second, "second@un.org")
    path = f"/admin/users/{viewer.public_id}"
    opened = str(viewer.version)  # both open the form on this version
    first = post_form(client, path, {"role": "editor", "active": "y", "version": opened})
    assert first.status_code == 303
    late = post_form(second, path, {"role": "admin", "active": "y", "version": opened})
    assert late.status_code == 409
    page = late.get_data(as_text=True)
    assert "Another administrator saved this account while you were editing" in page
    # The colleague's value is shown beside the one not saved.
    assert '<td class="yours">Admin' in page and '<td class="saved">Editor' in page
    assert _user(session, "viewer@un.org").role == "editor"


def test_admin_deactivating_a_user_signs_them_out(
    app: Flask, client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "admin@un.org", "admin")
    viewer = make_user(session, "viewer@un.org", "viewer")
    theirs = request_scoped_client(app)
    sign_in(theirs, "viewer@un.org")
    sign_in(client, "admin@un.org")
    response = post_form(
        client, f"/admin/users/{viewer.public_id}", {"role": "viewer", "version": "1"}
    )
    assert response.status_code == 303
    assert not _user(session, "viewer@un.org").active
    assert not _signed_in(theirs)
    assert _signed_in(client)


def test_admin_setting_a_password_signs_the_user_out(
    app: Flask, client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "admin@un.org", "admin")
    viewer = make_user(session, "viewer@un.org", "viewer")
    theirs = request_scoped_client(app)
    sign_in(theirs, "viewer@un.org")
    sign_in(client, "admin@un.org")
    path = f"/admin/users/{viewer.public_id}"
    response = post_form(
        client,
        f"{path}/password",
        {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        page=path,
    )
    assert response.status_code == 303
    assert not _signed_in(theirs)
    assert sign_in(theirs, "viewer@un.org", NEW_PASSWORD).status_code == 303


def test_the_last_active_admin_cannot_demote_themselves(
    client: RequestScopedClient, session: Session
) -> None:
    admin = make_user(session, "admin@un.org", "admin")
    sign_in(client, "admin@un.org")
    response = post_form(
        client,
        f"/admin/users/{admin.public_id}",
        {"role": "viewer", "active": "y", "version": str(admin.version)},
    )
    assert response.status_code == 422
    assert "only active admin" in response.get_data(as_text=True)
    assert _user(session, "admin@un.org").role == "admin"


def test_admin_revoking_calendar_addresses_ends_the_old_one(
    client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "admin@un.org", "admin")
    viewer = make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "admin@un.org")
    path = f"/admin/users/{viewer.public_id}"
    page = client.get(path).get_data(as_text=True)
    old = re.search(r'value="(https://[^"]*/feeds/private/[^"]+)"', page)
    assert old is not None and f"/feeds/private/{viewer.public_id}/" in old.group(1)
    assert client.get(old.group(1)).status_code == 200
    response = post_form(client, f"{path}/calendar-addresses", page=path)
    assert response.status_code == 303
    assert client.get(old.group(1)).status_code == 404
    page = client.get(path).get_data(as_text=True)
    new = re.search(r'value="(https://[^"]*/feeds/private/[^"]+)"', page)
    assert new is not None and new.group(1) != old.group(1)
    assert client.get(new.group(1)).status_code == 200


# Commands -------------------------------------------------------------------------------------


def test_create_user_takes_the_password_from_the_environment(
    runner: FlaskCliRunner, reference: Session
) -> None:
    result = runner.invoke(
        args=[
            "planner",
            "create-user",
            "Chief@UN.org",
            "--role",
            "editor",
            "--body",
            "CTOC/COP/WG.4",
        ],
        env={"PLANNER_PASSWORD": NEW_PASSWORD},
    )
    assert result.exit_code == 0, result.output
    assert "Created chief@un.org (editor for CTOC/COP/WG.4)." in result.output
    user = _user(reference, "chief@un.org")
    assert user.role == "editor" and [b.symbol for b in user.bodies] == ["CTOC/COP/WG.4"]
    assert check_password_hash(user.password_hash, NEW_PASSWORD)


def test_create_user_asks_for_the_password_twice(
    runner: FlaskCliRunner, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANNER_PASSWORD", raising=False)
    result = runner.invoke(
        args=["planner", "create-user", "root@un.org", "--role", "admin"],
        input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Password again" in result.output
    assert NEW_PASSWORD not in result.output
    assert _user(session, "root@un.org").role == "admin"


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["taken@un.org"], NEW_PASSWORD, "An account with this email already exists."),
        (["fresh@un.org"], "short", "The password is too short: use at least 15 characters."),
        (["fresh@un.org", "--body", "NO/SUCH/BODY"], NEW_PASSWORD, "No body has the symbol"),
    ],
)
def test_create_user_refuses_with_a_clear_message(
    runner: FlaskCliRunner, session: Session, args: list[str], password: str, message: str
) -> None:
    make_user(session, "taken@un.org", "viewer")
    result = runner.invoke(
        args=["planner", "create-user", *args], env={"PLANNER_PASSWORD": password}
    )
    assert result.exit_code == 1
    assert message in result.output
    session.expire_all()
    assert session.scalar(select(User).where(User.email == "fresh@un.org")) is None


def test_revoke_feed_tokens_changes_the_private_address(
    app: Flask, runner: FlaskCliRunner, client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "viewer@un.org")
    page = client.get("/account").get_data(as_text=True)
    old = re.search(r'value="(https://[^"]*/feeds/private/[^"]+)"', page)
    assert old is not None and client.get(old.group(1)).status_code == 200
    result = runner.invoke(args=["planner", "revoke-feed-tokens", "viewer@un.org"])
    assert result.exit_code == 0, result.output
    assert client.get(old.group(1)).status_code == 404
    page = client.get("/account").get_data(as_text=True)
    new = re.search(r'value="(https://[^"]*/feeds/private/[^"]+)"', page)
    assert new is not None and new.group(1) != old.group(1)
    assert client.get(new.group(1)).status_code == 200


def test_revoke_feed_tokens_names_an_unknown_email(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["planner", "revoke-feed-tokens", "nobody@un.org"])
    assert result.exit_code == 1
    assert "No account has the email nobody@un.org." in result.output


def test_set_password_command_ends_sessions(
    runner: FlaskCliRunner, client: RequestScopedClient, session: Session
) -> None:
    make_user(session, "viewer@un.org", "viewer")
    sign_in(client, "viewer@un.org")
    result = runner.invoke(
        args=["planner", "set-password", "viewer@un.org"], env={"PLANNER_PASSWORD": NEW_PASSWORD}
    )
    assert result.exit_code == 0, result.output
    assert not _signed_in(client)
    assert sign_in(client, "viewer@un.org", NEW_PASSWORD).status_code == 303
