from enum import StrEnum


class ReviewFindingSeverity(StrEnum):
    BLOCK = "block"
    REVIEW = "review"
    WARN = "warn"

    def __str__(self) -> str:
        return str(self.value)
