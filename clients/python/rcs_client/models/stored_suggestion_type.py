from enum import StrEnum


class StoredSuggestionType(StrEnum):
    CALENDAR = "calendar"
    DIAL = "dial"
    LOCATION = "location"
    REPLY = "reply"
    SHARE_LOCATION = "share_location"
    URL = "url"

    def __str__(self) -> str:
        return str(self.value)
