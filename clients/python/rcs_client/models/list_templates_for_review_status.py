from enum import StrEnum


class ListTemplatesForReviewStatus(StrEnum):
    NEEDS_ADMIN = "needs_admin"

    def __str__(self) -> str:
        return str(self.value)
