"""The OpenAPI document's finishing touches (drf-spectacular post-processing hooks)."""

ERROR_SCHEMA = {
    "type": "object",
    "description": "What was wrong: `detail` for a whole request, or one entry per parameter.",
    "additionalProperties": True,
}
ERRORS = {
    "400": "A filter or page parameter is not valid (each one is named, with why).",
    "404": "No such record, or no such page of the list.",
}


def document_errors(result, generator, request, public):
    """Every operation may answer 400 and 404 with an error object: say so, so that clients
    (and schemathesis) know every status the API gives."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            # The server (gunicorn.conf.py) refuses request lines over 4 KB before the API
            # sees them, with its own short page.
            responses.setdefault("414", {"description": "The address is too long (over 4 KB)."})
            for status, description in ERRORS.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result
