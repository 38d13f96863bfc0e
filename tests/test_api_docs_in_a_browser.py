"""The API's browsable documentation works in a real browser under the site's Content Security
Policy: Swagger UI, from the site's own static files, lists the API's operations."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.xdist_group(name="browser"),
]


def test_swagger_ui_lists_the_operations_with_no_policy_violation(page, site):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    response = page.goto(site + "/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible(timeout=15_000)
    paths = operations.all_inner_texts()
    assert any("/api/v1/meetings/{number}/" in path.replace("\u200b", "") for path in paths)
    assert [m for m in messages if "Content Security Policy" in m] == []
