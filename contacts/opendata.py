"""Public inquiry contacts as open data."""


def contact(contact):
    """A contact with its unit path; reads what `with_unit_path()` loads."""
    return {
        "person": contact.person,
        "unit_path": [unit.name for unit in contact.unit.ancestors()],
        "phone": contact.phone,
        "phone_international": contact.phone_e164,
        "email": contact.email,
        "language": contact.language,
    }
