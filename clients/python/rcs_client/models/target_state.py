from enum import StrEnum


class TargetState(StrEnum):
    DELIVERED = "delivered"
    EXPIRED = "expired"
    FAILED = "failed"
    QUEUED = "queued"
    READ = "read"
    REVOKED = "revoked"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
