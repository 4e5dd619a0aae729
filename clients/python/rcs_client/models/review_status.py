from enum import StrEnum


class ReviewStatus(StrEnum):
    APPROVED = "approved"
    NEEDS_ADMIN = "needs_admin"
    PENDING = "pending"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
