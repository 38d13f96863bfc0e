"""Production settings, security headers, the health check and the admin login lockout."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import override_settings
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


def test_public_page_carries_the_security_headers(client, production_security):
    response = client.get("/plenaries/9/", secure=True)
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


def test_weak_staff_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password123", "anmc21", "12345678901234"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def test_admin_address_is_configurable():
    from django.conf import settings

    assert reverse("admin:index") == "/" + settings.ADMIN_URL
