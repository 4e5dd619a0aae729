from enum import StrEnum


class StoredComponentsType(StrEnum):
    CAROUSEL = "carousel"
    MEDIA = "media"
    RICH_CARD = "rich_card"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
