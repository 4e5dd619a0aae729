from enum import StrEnum


class LedgerEntryKind(StrEnum):
    CREDIT = "credit"
    DEBIT = "debit"
    REFUND = "refund"

    def __str__(self) -> str:
        return str(self.value)
