from enum import StrEnum


class ListOptOutsResponse200OptoutsItemSource(StrEnum):
    API = "api"
    IMPORT = "import"
    INBOUND = "inbound"

    def __str__(self) -> str:
        return str(self.value)
