"""Helpers for schema.org descriptions (JSON-LD) shared by every app's pages.

Plain dicts: the `json_ld` template filter serialises and escapes them.
"""

SCHEMA_ORG = "https://schema.org"


def item_list(name, items, absolute_url):
    """A list page as an ItemList of links to its records' pages."""
    return {
        "@type": "ItemList",
        "name": str(name),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": absolute_url(item.get_absolute_url()),
            }
            for position, item in enumerate(items, start=1)
        ],
    }


def organization(name, url=None, **extra):
    """A schema.org Organization, linked to its page where it has a public one."""
    data = {"@type": "Organization", "name": name, **extra}
    if url:
        data["url"] = url
    return data
