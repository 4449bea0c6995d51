"""What a reader raises for input it cannot read as a report."""


class UnreadableInput(Exception):
    """The input cannot be read as a report; `code` is a stable quarantine reason."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
