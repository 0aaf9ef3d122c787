"""What every data file's validation shares: the JSON Schemas, and a checker that collects every issue
with its file, line and field (instruments.yaml and themes.yaml both use it, so neither imports the other)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import fastjsonschema
import jsonschema

from .. import LANGUAGES
from ..paths import SCHEMAS
from .errors import Issue
from .yamlsource import field_name

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN = re.compile(r"[A-Za-z\u0259\u018F\u0131\u0130\u011F\u011E\u00F6\u00D6\u00FC\u00DC\u015F\u015E\u00E7\u00C7]")


@lru_cache(maxsize=4)
def fast_validator(schema_text: str):
    """A compiled validator of the same schema (fastjsonschema knows draft 7, which covers every keyword
    the schemas use); returns a function telling whether a document is valid."""
    schema = json.loads(schema_text)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    validate = fastjsonschema.compile(schema)

    def is_valid(document) -> bool:
        try:
            validate(document)
            return True
        except fastjsonschema.JsonSchemaException:
            return False

    return is_valid


def read_schema(name: str) -> dict:
    """The JSON Schemas live in data/ beside the real corpus, for editors too; one copy serves every corpus."""
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


class Checker:
    """Collects the issues of one data file, each with its line and field."""

    def __init__(self, name: str, raw: Any, lines: Mapping, issues: list[Issue]):
        self.name, self.raw, self.lines, self.issues = name, raw, lines, issues

    def add(self, path: tuple, message: str) -> None:
        line = 0
        for cut in range(len(path), -1, -1):  # nearest known place
            if path[:cut] in self.lines:
                line = self.lines[path[:cut]]
                break
        self.issues.append(Issue(self.name, line, self._label(path), message))

    def _label(self, path: tuple) -> str:
        """instruments[3].date, naming the record too: instruments[3] (decision-203-2005).date."""
        label = field_name(path)
        if len(path) >= 2 and isinstance(path[1], int) and isinstance(self.raw, dict):
            records = self.raw.get(path[0])
            record = records[path[1]] if isinstance(records, list) and path[1] < len(records) else None
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                label = label.replace(f"{path[0]}[{path[1]}]", f"{path[0]}[{path[1]}] ({record['id']})", 1)
        return label

    # -- pass 1: shape and vocabularies
    def schema(self, raw: Any, schema: dict) -> None:
        if fast_validator(json.dumps(schema, sort_keys=True))(raw):
            return  # valid: the slow, thorough validator is needed only to explain errors
        validator = jsonschema.Draft202012Validator(schema)
        for error in validator.iter_errors(raw):
            error = _most_specific(error)
            path = tuple(error.absolute_path)
            if error.validator == "additionalProperties" and isinstance(error.instance, dict):
                allowed = error.schema.get("properties", {})
                for key in error.instance:
                    if key not in allowed:
                        self.add(path + (key,), f"unknown field '{key}'")
                continue
            self.add(path, _message(error))

    def languages(self, rec, path) -> None:
        def walk(value, where):
            if isinstance(value, dict) and set(value) == set(LANGUAGES):
                for lang in LANGUAGES:
                    text = value[lang]
                    if lang == "ru" and not CYRILLIC.search(text):
                        self.add(where + (lang,), "Russian text has no Cyrillic letters")
                    if lang in ("az", "en") and CYRILLIC.search(text) and not LATIN.search(text):
                        self.add(where + (lang,), "text is in Cyrillic; expected Latin script")
                    elif lang in ("az", "en") and len(CYRILLIC.findall(text)) > len(text) // 4:
                        self.add(where + (lang,), "text is mostly Cyrillic; is it the Russian one?")
                return
            if isinstance(value, dict):
                for key, sub in value.items():
                    walk(sub, where + (key,))
            elif isinstance(value, list):
                for k, sub in enumerate(value):
                    walk(sub, where + (k,))

        walk(rec, path)


def _most_specific(error):
    """For oneOf/anyOf, report the sub-error of the branch that fits best: the branch a source's `type` names,
    else the one jsonschema judges closest."""
    branch = _named_branch(error)
    if branch is not None:
        return _most_specific(jsonschema.exceptions.best_match(branch))
    if error.context:
        # "not of type 'null'" says nothing useful when a value may be null or something else
        useful = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
        return _most_specific(jsonschema.exceptions.best_match(useful or error.context))
    return error


def _named_branch(error) -> list | None:
    """The errors of the oneOf branch whose `type` constant is the value's own type (article, official, copy)."""
    if error.validator != "oneOf" or not isinstance(error.instance, dict) or "type" not in error.instance:
        return None
    for number, branch in enumerate(error.validator_value):
        if branch.get("properties", {}).get("type", {}).get("const") == error.instance["type"]:
            found = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == number]
            return found or None
    return None


def _message(error) -> str:
    message = _plain_message(error)
    return message if len(message) <= 300 else message[:150] + " … " + message[-140:]  # a huge value stays readable


def _plain_message(error) -> str:
    if error.validator == "required":
        return error.message.replace(" is a required property", " is required")
    if error.validator == "enum":
        allowed = ", ".join("null" if v is None else str(v) for v in error.validator_value)
        return f"{_short(error.instance)} is not one of: {allowed}"
    if error.validator == "pattern" and error.schema.get("pattern", "").startswith("^[a-z0-9]"):
        return f"{_short(error.instance)} must be lower-case letters, digits and hyphens"
    if error.validator in ("maxLength", "minLength"):
        return f"text of {len(error.instance)} characters; the {error.validator} is {error.validator_value}"
    return error.message


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# ---------------------------------------------------------------- building the model
