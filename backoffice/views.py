"""What the public pages need from the back office: the staff preview of drafts."""

from django.utils.cache import add_never_cache_headers, patch_cache_control


class DraftPreviewMixin:
    """A detail view staff may open on a draft: such a preview is never cached nor shared."""

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.request.user.is_staff and not self.is_public(self.object):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    def is_public(self, obj):
        """Whether the public sees this record (a published declaration of a draft meeting
        is not public, so the model's own `published()` decides)."""
        return type(obj).objects.published().filter(pk=obj.pk).exists()
