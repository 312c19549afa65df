"""The one error type of input reading, and the limits that apply to every source."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 5_000_000
"""The largest article (in bytes of UTF-8) that is analysed; larger inputs are refused, not truncated."""


class InputError(ValueError):
    """Input that cannot be analysed. `str(error)` is one line: the input's name, then what is wrong with it."""

    def __init__(self, source: str, problem: str, kind: str = "input_error") -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
        self.kind = kind
