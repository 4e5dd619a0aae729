from enum import StrEnum


class ServiceAccountKeyTokenUri(StrEnum):
    HTTPSACCOUNTS_GOOGLE_COMOOAUTH2TOKEN = "https://accounts.google.com/o/oauth2/token"
    HTTPSOAUTH2_GOOGLEAPIS_COMTOKEN = "https://oauth2.googleapis.com/token"

    def __str__(self) -> str:
        return str(self.value)
