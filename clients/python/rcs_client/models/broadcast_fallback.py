from enum import StrEnum


class BroadcastFallback(StrEnum):
    NONE = "none"
    SMS = "sms"

    def __str__(self) -> str:
        return str(self.value)
