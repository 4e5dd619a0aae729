from enum import StrEnum


class CardMediaType0Height(StrEnum):
    MEDIUM = "medium"
    SHORT = "short"
    TALL = "tall"

    def __str__(self) -> str:
        return str(self.value)
