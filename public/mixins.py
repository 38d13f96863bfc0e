"""What every public page tells people, search engines and link previews about itself."""

SCHEMA_ORG = "https://schema.org"


class PageMixin:
    """Title, description, canonical link, breadcrumbs and schema.org data of a public page.

    Views set `title` and `description` (or override the getters) and may override
    `get_structured_data()`; `base.html` renders it all.
    """

    title = ""
    description = ""
    og_type = "website"
    # The main navigation entry this page belongs to ("meetings", "cities"...), marked current.
    nav_section = None

    def get_title(self):
        return self.title

    def get_description(self):
        return self.description

    def get_breadcrumbs(self):
        """(label, url) pairs after "Home"; the last one, the page itself, has no url."""
        return [(self.get_title(), None)]

    def get_structured_data(self):
        return {"@type": "WebPage", "name": str(self.get_title())}

    def absolute_url(self, path):
        return self.request.build_absolute_uri(path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        canonical_url = self.absolute_url(self.request.path)
        structured_data = {"@context": SCHEMA_ORG, **self.get_structured_data()}
        structured_data.setdefault("url", canonical_url)
        context.update(
            page_title=self.get_title(),
            page_description=self.get_description(),
            canonical_url=canonical_url,
            og_type=self.og_type,
            nav_section=self.nav_section,
            breadcrumb_trail=self.get_breadcrumbs(),
            structured_data=structured_data,
        )
        return context


class FilterFormMixin:
    """A list narrowed by a GET form; an invalid filter answers 400 with the form's errors."""

    filter_form_class = None

    def get_filter_form_kwargs(self):
        return {}

    def get_filter_form(self):
        return self.filter_form_class(self.request.GET or None, **self.get_filter_form_kwargs())

    @property
    def filters(self):
        form = self.filter_form
        return form.cleaned_data if form.is_bound and form.is_valid() else {}

    def get(self, request, *args, **kwargs):
        self.filter_form = self.get_filter_form()
        response = super().get(request, *args, **kwargs)
        if self.filter_form.is_bound and not self.filter_form.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = any(value not in (None, "") for value in self.filters.values())
        return context
