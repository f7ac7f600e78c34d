"""Errors a user can act on: what is wrong, where, and what to do."""

from __future__ import annotations

from auditor.model.l10n import L10n


class ReadError(Exception):
    """A file that cannot be turned into a document; carries the advice for the user."""

    def __init__(self, code: str, problem: L10n, action: L10n) -> None:
        super().__init__(problem.zh)
        self.code = code
        self.problem = problem
        self.action = action

    def message(self, lang: str = "zh") -> str:
        sep = "；" if lang != "en" else "; "
        return f"{self.problem.get(lang)}{sep}{self.action.get(lang)}"
