"""Data problems reported to the user: each names the file, the line and the field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DataError(Exception):
    """Raised with every issue found, so the user fixes them all in one pass."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(set(issues))
        super().__init__(self.report())

    def __reduce__(self):  # sent back whole from the process that read the data
        return DataError, (self.issues,)

    def report(self) -> str:
        count = len(self.issues)
        head = f"{count} error{'s' if count != 1 else ''} in the data:"
        return "\n".join([head, *(f"  {issue}" for issue in self.issues)])
