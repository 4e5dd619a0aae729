from enum import StrEnum


class TemplateCategory(StrEnum):
    OTP = "otp"
    PROMOTIONAL = "promotional"
    TRANSACTIONAL = "transactional"

    def __str__(self) -> str:
        return str(self.value)
