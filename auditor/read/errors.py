"""Errors a user can act on: what is wrong, where, and what to do."""

from __future__ import annotations

from auditor.model.l10n import L10n, with_action


class ReadError(Exception):
    """A file that cannot be turned into a document; carries the advice for the user."""

    def __init__(self, code: str, problem: L10n, action: L10n) -> None:
        super().__init__(problem.zh)
        self.code = code
        self.problem = problem
        self.action = action

    def message(self, lang: str = "zh") -> str:
        return with_action(self.problem, self.action, lang)
