"""Template filters of the public site: schema.org JSON-LD, search highlights, page links, the
record's text in the reader's language."""

import json
import re

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.autoreload import file_changed
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from core import dates
from core.languages import RECORD_LANGUAGE, in_language
from core.search import is_japanese, stem

register = template.Library()

# As django.utils.html.json_script escapes: nothing in the data can close the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A schema.org JSON-LD data block for this dict, safely escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def term_pattern(terms):
    """A regex matching whole words that start like a term, so "technology" marks
    "technologies" as PostgreSQL's stemming would find it; a Japanese term is marked where
    it stands, inside other words (Japanese has no spaces between them)."""
    stems = sorted({stem(term) for term in terms}, key=len, reverse=True)
    if not stems:
        return None
    japanese = [re.escape(s) for s in stems if is_japanese(s)]
    english = [re.escape(s) for s in stems if not is_japanese(s)]
    choices = japanese + ([r"(?<!\w)(?:" + "|".join(english) + r")\w*"] if english else [])
    return re.compile("|".join(choices), re.IGNORECASE)


@register.filter
def highlight(text, terms, length=280):
    """An excerpt of `text` around the first match, each matching word in <mark>.

    Every piece of the text is escaped before the marks are put around it.
    """
    text = str(text or "")
    pattern = term_pattern(terms or [])
    start = 0
    if pattern and (first := pattern.search(text)) and first.start() > length // 3:
        # From a space before the match, or where there is none near (Japanese is written
        # without spaces), from a third of the length before it.
        lead = first.start() - length // 3
        space = text.rfind(" ", 0, lead) + 1
        start = space if space and lead - space < length // 3 else lead
    end = len(text) if len(text) - start <= length else text.rfind(" ", start, start + length)
    if end <= start + length * 2 // 3:
        end = start + length
    excerpt = text[start:end]
    pieces, position = [], 0
    for match in pattern.finditer(excerpt) if pattern else ():
        pieces.append(escape(excerpt[position : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group()))
        position = match.end()
    pieces.append(escape(excerpt[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # every piece escaped above


def _language_field(record, field, language):
    """The name of the record's column holding `field` in `language`, if it is translated."""
    name = in_language(field, language)
    return name if hasattr(type(record), name) else None


@register.filter
def english_only(record, field):
    """Whether the reader's language is not English and the record holds this text in English
    only (its text in the reader's language not recorded): the page shows the English."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if record is None or language == settings.LANGUAGE_CODE:
        return False
    column = _language_field(record, field, language)
    return bool(column) and not getattr(record, column) and bool(getattr(record, field))


@register.filter
def translated(record, field):
    """A record's text in the reader's language (django-modeltranslation), or, where that is not
    recorded, the English marked as English (`lang="en"`) with a discreet "English only" note.
    Never a machine translation. For text inside a sentence or a heading; a block of text
    takes `lang` from `english_only` on its own element."""
    if record is None:
        return ""
    text = getattr(record, field)
    if not english_only(record, field):
        return text
    return format_html(
        '<span lang="{}">{}</span> <small class="english-only">{}</small>',
        settings.LANGUAGE_CODE,
        text,
        gettext("English only"),
    )


@register.simple_tag(takes_context=True)
def page_query(context, page_number):
    """This page's query string with another page number."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return "?" + query.urlencode()


@register.filter
def in_words(edtf):
    """An EDTF date as people write it: "8–9 November 2010", "October 2001"."""
    return dates.in_words(edtf)


@register.filter(expects_localtime=True)
def day(value, kind="day"):
    """A date or time in the page's language: "9 November 2010", 2010年11月9日 (`kind`: a
    format of core.dates.FORMATS, "day and time", "document day")."""
    return dates.format_day(value, kind)


@register.filter
def on_date(edtf):
    """An EDTF date after a verb: "on 9 November 2010", "in October 2012"."""
    return dates.in_words_with_preposition(edtf)


@register.filter
def iso_start(edtf):
    """The start of an EDTF date as an ISO (partial) date, for <time datetime>."""
    return dates.iso_span(edtf)[0] or ""


@register.inclusion_tag("includes/cited.html")
def cited(record, field=""):
    """The sources a record cites for one field (prefetched `citations`): those that support
    it, as short references, and those that give another value, as a "Sources differ" note."""
    citations = [citation for citation in record.citations.all() if citation.field == field]
    return {
        "supporting": [citation for citation in citations if not citation.value],
        "differing": [citation for citation in citations if citation.value],
    }


@register.filter
def lower_first(text):
    """The text with its first letter in lower case, to continue a sentence."""
    text = str(text)
    return text[:1].lower() + text[1:]


@register.filter
def cut_final_stop(text):
    """The text without its closing full stop, to sit inside a sentence's parentheses."""
    return str(text).rstrip().removesuffix(".")


@register.filter
def field_label(name):
    """A field's name as people say it: "dates", "founded year"."""
    return str(name).replace("_", " ")


@register.filter
def document(text):
    """A document's plain text as HTML, set out as its source does: paragraphs at blank lines;
    lines beginning "- " as a list, " - " (indented) as a list within its item; numbered lines
    ("1. ...") as one numbered list, even across blank lines; a short line ending in a colon
    ("Inquiries (in Japanese):") as a heading; and a line in capitals ("ASIAN NETWORK OF MAJOR
    CITIES 21 (ANMC 21)") as the start of an attachment, whose next short line is its title.
    Every piece of text is escaped."""
    blocks = [block for block in re.split(r"\n\s*\n", str(text or "").strip()) if block.strip()]
    html, clauses, attachment = [], [], False
    for index, block in enumerate(blocks):
        lines = block.split("\n")
        if all(NUMBERED.match(line) for line in lines):
            clauses += [NUMBERED.match(line).groups() for line in lines]
            continue
        if clauses:
            html.append(_numbered_list(clauses))
            clauses = []
        if not attachment and _is_attachment_start(lines):
            attachment = True
            html.append(
                format_html(
                    '<section class="attachment" aria-label="{}"><p class="attachment-label">{}'
                    '</p><p class="attachment-from">{}</p>',
                    gettext("Attachment"),
                    gettext("Attachment"),
                    lines[0].strip(),
                )
            )
        elif attachment and _is_attachment_start(blocks[index - 1].split("\n")):
            html.append(format_html('<h3 class="attachment-title">{}</h3>', block.strip()))
        elif len(lines) == 1 and block.strip().endswith(":") and len(block.strip()) <= 40:
            html.append(format_html("<h3>{}</h3>", block.strip()))
        else:
            html.append(_document_block(lines))
    if clauses:
        html.append(_numbered_list(clauses))
    if attachment:
        html.append("</section>")
    return mark_safe("\n".join(html))


NUMBERED = re.compile(r"\s?(\d+)\. (.*)")


def _is_attachment_start(lines):
    line = lines[0].strip()
    return len(lines) == 1 and len(line) >= 10 and line.isupper()


def _numbered_list(items):
    return format_html(
        "<ol>{}</ol>",
        mark_safe("".join(format_html('<li value="{}">{}</li>', n, text) for n, text in items)),
    )


def _document_block(lines):
    if not all(re.match(r"\s?- ", line) for line in lines):
        return format_html("<p>{}</p>", mark_safe("<br>".join(escape(line) for line in lines)))
    items = []  # [text, [sub-items]]
    for line in lines:
        if line.startswith(" ") and items:
            items[-1][1].append(line.strip()[2:])
        else:
            items.append([line.strip()[2:], []])
    html = []
    for text, sub_items in items:
        nested = "".join(format_html("<li>{}</li>", sub) for sub in sub_items)
        html.append(
            format_html("<li>{}{}</li>", text, mark_safe(f"<ul>{nested}</ul>" if nested else ""))
        )
    return "<ul>" + "".join(html) + "</ul>"


@register.filter
def event_of(events, item):
    """The event, among a meeting's events (prefetched with their parts), that an outcome tells
    of: found in memory, so a page that shows outcomes with their events reads no more rows."""
    wanted = getattr(item, "related_event_id", None)
    if not wanted:
        return None
    for event in events or ():
        if event.pk == wanted:
            return event
        for part in event.children.all():
            if part.pk == wanted:
                return part
    return None


@register.filter
def untold_events(events, outcomes):
    """The events (top level) that no outcome, nor any of their parts, tells of."""
    told = set()
    for outcome in outcomes or ():
        told.add(outcome.related_event_id)
        told.update(child.related_event_id for child in outcome.children.all())
    return [event for event in events or () if event.pk not in told]


@register.filter
def texts_of(items):
    """The texts of these items (outcomes), to leave out a note that repeats one word for word."""
    return {str(item.text).strip() for item in items or ()}


@register.tag
def kept(parser, token):
    """`{% kept "body" %}...{% endkept %}`: a part of a page that keeps its body
    (core.pages.PageMixin `keeps_body`): as kept for the record's version, else rendered and
    handed to the view to keep. Every part of the page that depends on the record is in one:
    its body, its head links, breadcrumbs, change log entries and JSON-LD (base.html)."""
    name, keys = _part_name(token)
    if keys:
        raise template.TemplateSyntaxError("kept takes the part's name only.")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(name, nodelist)


def _part_name(token):
    """The quoted name a part's tag starts with, and the words after it."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes the part's name, quoted.")
    return bits[1][1:-1], bits[2:]


class KeptNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        kept = context.get("kept_html")
        if kept is not None and self.name in kept:
            return mark_safe(kept[self.name])  # rendered by this template, escaped then
        html = self.nodelist.render(context)
        keep = context.get("keep_html")
        if keep is not None:
            keep[self.name] = str(html)
        return html


# Parts of the frame rendered once per process (rendered_once), by name, language and keys.
_RENDERED_ONCE = {}


@receiver(setting_changed)
@receiver(file_changed)  # a template edited under runserver
def _forget_rendered_once(**kwargs):
    _RENDERED_ONCE.clear()


@register.tag
def rendered_once(parser, token):
    """`{% rendered_once "name" key... %}...{% endrendered_once %}`: a part of the frame that is
    the same on every page in a language, but for the keys named (the navigation, with the
    current section marked): rendered once per process, language and keys, then reused, as
    it holds nothing of the page, the record or the reader (links, labels, static files)."""
    name, keys = _part_name(token)
    nodelist = parser.parse(("endrendered_once",))
    parser.delete_first_token()
    return RenderedOnceNode(name, [parser.compile_filter(key) for key in keys], nodelist)


class RenderedOnceNode(template.Node):
    def __init__(self, name, keys, nodelist):
        self.name = name
        self.keys = keys
        self.nodelist = nodelist

    def render(self, context):
        key = (self.name, get_language(), *(key.resolve(context) for key in self.keys))
        html = _RENDERED_ONCE.get(key)
        if html is None:
            html = _RENDERED_ONCE[key] = self.nodelist.render(context)
        return html


@register.simple_tag
def text_in(record, field, language):
    """A record's text as written in one language (a document's own), the record's language
    where that is not recorded: inside a verbatim document, never the reader's language."""
    return getattr(record, in_language(field, language), None) or getattr(
        record, in_language(field, RECORD_LANGUAGE)
    )
