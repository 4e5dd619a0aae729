from enum import StrEnum


class MaskedCredentialsProvider(StrEnum):
    RBM = "rbm"
    SIMULATOR = "simulator"
    VALUE_0 = ""

    def __str__(self) -> str:
        return str(self.value)
