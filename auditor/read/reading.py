"""What a reader returns: the blocks, and notes on content it could not read as text."""

from __future__ import annotations

from typing import NamedTuple

from auditor.model.document import Block, ReadNote


class Reading(NamedTuple):
    blocks: list[Block]
    notes: list[ReadNote]
