"""Reading an HTML form as a browser submits it; no Django here, so benchmarks use it too."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields a browser would submit from a page's form: inputs, textareas, selects."""

    def __init__(self):
        super().__init__()
        self.fields, self._textarea, self._select, self._multiple = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox", "file"):
            self.fields[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields[name] = attrs.get("value") or "on"
        elif tag == "textarea" and name:
            self._textarea, self.fields[name] = name, ""
        elif tag == "select" and name:
            self._select, self._multiple = name, "multiple" in attrs
            if self._multiple:
                self.fields[name] = []
        elif tag == "option" and self._select and "selected" in attrs:
            value = attrs.get("value") or ""
            if self._multiple:
                self.fields[self._select].append(value)
            else:
                self.fields[self._select] = value

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            if not self.fields[self._textarea] and data.startswith("\n"):
                data = data[1:]  # a browser drops the newline that opens a text box
            self.fields[self._textarea] += data
