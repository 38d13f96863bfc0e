"""The language switch in a real browser (Debian's Chromium), without JavaScript as with it:
from a meeting page and a clause permalink to the same page in Japanese and back, the choice
remembered for the admin."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.xdist_group(name="browser"),
]


@pytest.fixture(params=[True, False], ids=["with JavaScript", "without JavaScript"])
def reader(browser, request):
    context = browser.new_context(java_script_enabled=request.param)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("path", "heading_en", "heading_ja"),
    [
        ("/plenaries/9/", "9th Plenary Meeting", "第9回総会"),
        (
            "/declarations/tokyo-declaration/clauses/3/",
            "Tokyo Declaration, clause 3",
            "東京宣言 第3項",
        ),
    ],
)
def test_switch_to_japanese_and_back(reader, site, path, heading_en, heading_ja):
    page = reader
    page.goto(site + path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="日本語").click()
    expect(page).to_have_url(site + "/ja" + path)
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading_ja)
    main_navigation = page.get_by_role("navigation", name="メイン")
    expect(main_navigation.get_by_role("link", name="会議")).to_be_visible()
    expect(page.get_by_role("link", name="ホーム").first).to_be_visible()
    # The record's text not recorded in Japanese is shown in English, marked as such.
    english_only = page.locator('[lang="en"] + .english-only').first
    expect(english_only).to_have_text("英語のみ")
    # The choice is remembered: the admin, which has no address per language, speaks it.
    page.goto(site + "/admin/login/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_label("ユーザー名")).to_be_visible()
    page.goto(site + "/ja" + path)
    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(site + path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading_en)
    page.goto(site + "/admin/login/")
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^en"))
