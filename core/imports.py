"""What every record's import (django-import-export) shares: rows are matched to stored records,
and named records to their keys, with one query for the whole file rather than one per row."""

from import_export import resources
from import_export.instance_loaders import ModelInstanceLoader
from import_export.widgets import ForeignKeyWidget


class CachedForeignKeyWidget(ForeignKeyWidget):
    """A related record named by one of its fields ("Seoul", meeting "10"), looked up in the
    related table read once per import (a resource copies its widgets for each import)."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if not hasattr(self, "_by_key"):
            self._by_key = {
                str(getattr(obj, self.field)): obj
                for obj in self.get_queryset(value, row, **kwargs)
            }
        try:
            return self._by_key[str(value)]
        except KeyError:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            ) from None


class CachedInstanceLoader(ModelInstanceLoader):
    """Finds the stored record each imported row updates, by the resource's import id fields
    (one or several, foreign keys included), among the stored records read in one query."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.id_fields = [
            self.resource.fields[name] for name in self.resource.get_import_id_fields()
        ]
        model = self.resource._meta.model
        self.attnames = [model._meta.get_field(f.attribute).attname for f in self.id_fields]
        self.stored = {
            tuple(str(getattr(instance, attname)) for attname in self.attnames): instance
            for instance in self.get_queryset()
        }

    def get_instance(self, row):
        key = []
        for field in self.id_fields:
            value = field.clean(row)
            key.append(str(getattr(value, "pk", value)))
        return self.stored.get(tuple(key))


class RecordResource(resources.ModelResource):
    """Base of the record's import resources: stored records found in one query per file."""

    class Meta:
        instance_loader_class = CachedInstanceLoader
