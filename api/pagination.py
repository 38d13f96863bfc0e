"""Pages of an API list: `?page=2`, `?page_size=` up to 200; links to the next and previous.
The total (`count`) is counted once per record version, not on every request."""

from rest_framework.pagination import PageNumberPagination

from core.pages import CountedPaginator


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CountedPaginator
