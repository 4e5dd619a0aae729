from enum import StrEnum


class StartBroadcastResponse200Status(StrEnum):
    RUNNING = "running"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
