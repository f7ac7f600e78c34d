"""Bilingual text: users read Chinese by default, ``--lang en`` switches every output."""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("zh", "en")


@dataclass(frozen=True)
class L10n:
    """A message in both languages, chosen only when rendered so one audit serves both."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, **values: object) -> L10n:
        return L10n(self.zh.format(**values), self.en.format(**values))

    def __add__(self, other: L10n) -> L10n:
        return L10n(self.zh + other.zh, self.en + other.en)


def with_action(problem: L10n, action: L10n, lang: str) -> str:
    """What is wrong, then what to do, in one line (an unreadable file, a part not read)."""
    return f"{problem.get(lang)}{'; ' if lang == 'en' else '；'}{action.get(lang)}"
