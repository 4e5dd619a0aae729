from enum import StrEnum


class TargetState(StrEnum):
    DELIVERED = "delivered"
    EXPIRED = "expired"
    FAILED = "failed"
    FALLBACK_FAILED = "fallback_failed"
    FALLBACK_SENT = "fallback_sent"
    QUEUED = "queued"
    READ = "read"
    REVOKED = "revoked"
    SENT = "sent"
    SUPPRESSED = "suppressed"

    def __str__(self) -> str:
        return str(self.value)
