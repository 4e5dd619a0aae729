from enum import StrEnum


class AdminStatus(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    VALUE_0 = ""

    def __str__(self) -> str:
        return str(self.value)
