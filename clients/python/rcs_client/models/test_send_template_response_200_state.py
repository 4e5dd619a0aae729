from enum import StrEnum


class TestSendTemplateResponse200State(StrEnum):
    FAILED = "failed"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
