from enum import StrEnum


class BroadcastStatus(StrEnum):
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    DRAFT = "draft"
    FAILED = "failed"
    PAUSED = "paused"
    RUNNING = "running"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
