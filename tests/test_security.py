"""Production settings, security headers, the health check and the admin login lockout."""

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

from .factories import StaffFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "anmc21.settings.production",
    "DJANGO_SECRET_KEY": "x7#Qm2!vR9$kLp4@Zt8^Nw3&Hs6*Jd1%Fg5(Yb0)Uc-Ea+Ix=Or~Pl?Ki>Mj<Tn",
    "DJANGO_ALLOWED_HOSTS": "records.example.org",
    "DATABASE_URL": "sqlite:////tmp/anmc21-deploy-check.sqlite3",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_settings_refuse_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_on_sqlite_holds_concurrent_sign_ins_and_saves():
    """Eight staff sign in and save at once on a SQLite file: none gets "database is locked"
    (benchmarks/sqlite_concurrency.py --unsafe shows what SQLite's defaults do)."""
    result = subprocess.run(
        [sys.executable, "benchmarks/sqlite_concurrency.py", "--threads", "8", "--saves", "4"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        capture_output=True,
        text=True,
        check=False,
    )
    figures = json.loads(result.stdout)
    assert (figures["sign_in_failures"], figures["save_failures"]) == (0, 0), figures
    assert (figures["sign_ins"], figures["saves"]) == (8, 32)


@pytest.mark.parametrize("key", ["", "short-and-guessable", "x" * 49])
def test_production_settings_refuse_an_empty_or_short_secret_key(key):
    result = manage("check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": key})
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY to a random value of at least 50 characters" in result.stderr


@pytest.fixture
def production_security(monkeypatch):
    """The security settings exactly as production computes them from its environment."""
    for key, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(key, value)
    production = importlib.import_module("anmc21.settings.production")
    names = [
        name
        for name in dir(production)
        if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "X_FRAME", "CONTENT_SEC"))
        or name == "PERMISSIONS_POLICY"
    ]
    with override_settings(**{name: getattr(production, name) for name in names}):
        yield


@pytest.mark.parametrize("path", ["/plenaries/9/", "/static/css/site.css", "/favicon.ico"])
def test_pages_and_static_files_carry_the_security_headers(client, production_security, path):
    response = client.get(path, secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp


def test_plain_http_is_redirected_to_https_in_production(client, production_security):
    response = client.get("/plenaries/9/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_health_check_answers_plain_http_in_production(client, production_security):
    assert client.get("/healthz").status_code == 200


def test_session_and_csrf_cookies_are_secure_in_production(client, production_security):
    StaffFactory(username="staff")
    response = client.get(reverse("admin:login"), secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_check_says_unavailable_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("core.views.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_admin_login_locks_out_after_repeated_failures(client):
    user = StaffFactory(username="editor")
    user.set_password("the-right-password-1")
    user.save()
    login = reverse("admin:login")
    for _attempt in range(5):
        response = client.post(login, {"username": "editor", "password": "wrong-password"})
        assert response.status_code in {200, 429, 403}
    response = client.post(login, {"username": "editor", "password": "the-right-password-1"})
    assert response.status_code in {403, 429}
    assert b"Too many failed sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_lockout_is_per_user_and_address(client):
    for name in ("editor", "publisher"):
        user = StaffFactory(username=name)
        user.set_password("the-right-password-1")
        user.save()
    login = reverse("admin:login")
    for _attempt in range(5):
        client.post(login, {"username": "editor", "password": "wrong-password"})
    response = client.post(
        login, {"username": "publisher", "password": "the-right-password-1"}, follow=False
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def fail_to_sign_in(client, username, times, **headers):
    for _attempt in range(times):
        client.post(
            reverse("admin:login"), {"username": username, "password": "wrong-password"}, **headers
        )


def sign_in(username, **headers):
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": username, "password": "the-right-password-1"},
        **headers,
    )
    return response.status_code == 302 and "_auth_user_id" in client.session


# As base.py sets them for DJANGO_PROXY_COUNT=1: one reverse proxy adding the client's address.
ONE_PROXY = {
    "AXES_IPWARE_PROXY_COUNT": 0,
    "AXES_IPWARE_PROXY_ORDER": "right-most",
    "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
}


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, **ONE_PROXY)
def test_behind_a_proxy_the_lockout_is_per_client_not_for_everyone(client):
    """Every request comes from the proxy's address; the client's is in X-Forwarded-For."""
    user = StaffFactory(username="editor")
    user.set_password("the-right-password-1")
    user.save()
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    fail_to_sign_in(client, "editor", 5, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert not sign_in("editor", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert sign_in("editor", HTTP_X_FORWARDED_FOR="198.51.100.23", **proxy)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, **ONE_PROXY)
def test_behind_a_proxy_a_forged_address_cannot_lock_out_the_client_it_names(client):
    user = StaffFactory(username="editor")
    user.set_password("the-right-password-1")
    user.save()
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    forged = "198.51.100.23, 203.0.113.7"  # the attacker's own header, then the proxy's entry
    fail_to_sign_in(client, "editor", 5, HTTP_X_FORWARDED_FOR=forged, **proxy)
    assert sign_in("editor", HTTP_X_FORWARDED_FOR="198.51.100.23", **proxy)


@override_settings(
    AXES_ENABLED=True,
    AXES_FAILURE_LIMIT=5,
    AXES_IPWARE_PROXY_COUNT=None,
    AXES_IPWARE_META_PRECEDENCE_ORDER=["REMOTE_ADDR"],
)
def test_without_a_proxy_a_forged_forwarded_header_does_not_escape_the_lockout(client):
    user = StaffFactory(username="editor")
    user.set_password("the-right-password-1")
    user.save()
    fail_to_sign_in(client, "editor", 5, REMOTE_ADDR="203.0.113.7")
    assert not sign_in("editor", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")


def test_weak_staff_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password123", "anmc21", "12345678901234"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def test_admin_address_is_configurable():
    from django.conf import settings

    assert reverse("admin:index") == "/" + settings.ADMIN_URL


def admin_pages():
    """The staff pages of every kind: lists, forms, history, import and export."""
    from django.apps import apps

    pages = ["admin:index"]
    for label in ("plenaries.PlenaryMeeting", "declarations.Declaration", "plenaries.City"):
        opts = apps.get_model(label)._meta
        pages += [f"admin:{opts.app_label}_{opts.model_name}_{view}" for view in VIEWS]
    pages += ["admin:plenaries_city_import", "admin:contacts_inquirycontact_import"]
    return pages


VIEWS = ("changelist", "add", "change", "history", "export")


@pytest.mark.parametrize("name", admin_pages())
def test_staff_pages_need_no_inline_script_handler_or_style(staff_client, name):
    """The Content-Security-Policy allows no inline script, event handler or style attribute,
    in the admin too: a page needing one would be broken for staff."""
    from django.apps import apps

    args = ()
    if name.endswith(("_change", "_history")):
        app_label, model_name = name.split(":")[1].rsplit("_", 1)[0].split("_", 1)
        args = (apps.get_model(app_label, model_name).objects.order_by("pk").first().pk,)
    response = staff_client.get(reverse(name, args=args))
    assert response.status_code == 200
    content = response.content.decode()
    assert re.findall(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)", content) == []
    assert re.findall(r"\son[a-z]+=", content) == []
    assert re.findall(r"\sstyle=", content) == []
