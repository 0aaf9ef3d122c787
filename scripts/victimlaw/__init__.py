"""Validated trilingual corpus of the law protecting victims of human trafficking, and the site built from it."""

LANGUAGES = ("az", "en", "ru")
DEFAULT_LANGUAGE = "az"
