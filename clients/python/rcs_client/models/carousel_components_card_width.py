from enum import StrEnum


class CarouselComponentsCardWidth(StrEnum):
    MEDIUM = "medium"
    SMALL = "small"

    def __str__(self) -> str:
        return str(self.value)
