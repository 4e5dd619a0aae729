"""Contains all the data models used in inputs/outputs"""

from .add_members_body import AddMembersBody
from .add_members_body_members_item import AddMembersBodyMembersItem
from .add_members_body_members_item_variables_type_0 import (
    AddMembersBodyMembersItemVariablesType0,
)
from .add_members_response_201 import AddMembersResponse201
from .add_members_response_201_rejected_rows_item import (
    AddMembersResponse201RejectedRowsItem,
)
from .add_opt_outs_body import AddOptOutsBody
from .add_opt_outs_response_200 import AddOptOutsResponse200
from .admin_status import AdminStatus
from .admin_template import AdminTemplate
from .admin_template_sms_fallback_type_0 import AdminTemplateSmsFallbackType0
from .approval import Approval
from .broadcast import Broadcast
from .broadcast_clicks_item import BroadcastClicksItem
from .broadcast_fallback import BroadcastFallback
from .broadcast_reach import BroadcastReach
from .broadcast_snapshot import BroadcastSnapshot
from .broadcast_snapshot_status import BroadcastSnapshotStatus
from .broadcast_status import BroadcastStatus
from .calendar_suggestion import CalendarSuggestion
from .cancel_broadcast_response_200 import CancelBroadcastResponse200
from .card import Card
from .card_media_type_0 import CardMediaType0
from .card_media_type_0_height import CardMediaType0Height
from .carousel_components import CarouselComponents
from .carousel_components_card_width import CarouselComponentsCardWidth
from .conflict_error import ConflictError
from .contact_list import ContactList
from .create_broadcast_body import CreateBroadcastBody
from .create_broadcast_body_fallback import CreateBroadcastBodyFallback
from .create_broadcast_response_201 import CreateBroadcastResponse201
from .create_list_body import CreateListBody
from .create_list_response_201 import CreateListResponse201
from .create_template_response_201 import CreateTemplateResponse201
from .credit_account_body import CreditAccountBody
from .credit_account_response_200 import CreditAccountResponse200
from .delete_credentials_response_200 import DeleteCredentialsResponse200
from .delete_list_response_200 import DeleteListResponse200
from .delete_member_response_200 import DeleteMemberResponse200
from .delete_opt_out_response_200 import DeleteOptOutResponse200
from .delete_template_response_200 import DeleteTemplateResponse200
from .dial_suggestion import DialSuggestion
from .error import Error
from .error_code import ErrorCode
from .forbidden_error import ForbiddenError
from .get_balance_response_200 import GetBalanceResponse200
from .get_broadcast_response_200 import GetBroadcastResponse200
from .get_health_response_200 import GetHealthResponse200
from .get_import_response_200 import GetImportResponse200
from .get_import_response_200_rejected_rows_item import (
    GetImportResponse200RejectedRowsItem,
)
from .get_ledger_response_200 import GetLedgerResponse200
from .get_open_api_document_response_200 import GetOpenApiDocumentResponse200
from .get_open_api_document_response_200_components import (
    GetOpenApiDocumentResponse200Components,
)
from .get_open_api_document_response_200_info import GetOpenApiDocumentResponse200Info
from .get_open_api_document_response_200_paths import GetOpenApiDocumentResponse200Paths
from .get_send_rate_response_200 import GetSendRateResponse200
from .get_template_response_200 import GetTemplateResponse200
from .get_verified_brands_response_200 import GetVerifiedBrandsResponse200
from .import_status import ImportStatus
from .internal_error import InternalError
from .ledger_entry import LedgerEntry
from .ledger_entry_kind import LedgerEntryKind
from .list_answer import ListAnswer
from .list_broadcasts_response_200 import ListBroadcastsResponse200
from .list_lists_response_200 import ListListsResponse200
from .list_members_response_200 import ListMembersResponse200
from .list_members_response_200_members_item import ListMembersResponse200MembersItem
from .list_opt_outs_response_200 import ListOptOutsResponse200
from .list_opt_outs_response_200_optouts_item import ListOptOutsResponse200OptoutsItem
from .list_opt_outs_response_200_optouts_item_source import (
    ListOptOutsResponse200OptoutsItemSource,
)
from .list_targets_response_200 import ListTargetsResponse200
from .list_templates_for_review_response_200 import ListTemplatesForReviewResponse200
from .list_templates_for_review_status import ListTemplatesForReviewStatus
from .list_templates_response_200 import ListTemplatesResponse200
from .location_suggestion import LocationSuggestion
from .masked_credentials import MaskedCredentials
from .masked_credentials_provider import MaskedCredentialsProvider
from .masked_credentials_service_account import MaskedCredentialsServiceAccount
from .media_components import MediaComponents
from .not_found_error import NotFoundError
from .pause_broadcast_response_200 import PauseBroadcastResponse200
from .payload_too_large_error import PayloadTooLargeError
from .put_settings_body import PutSettingsBody
from .rate_limited_error import RateLimitedError
from .rbm_credentials import RbmCredentials
from .rbm_webhook_event import RbmWebhookEvent
from .rbm_webhook_event_message import RbmWebhookEventMessage
from .rbm_webhook_handshake import RbmWebhookHandshake
from .region import Region
from .rejection import Rejection
from .reply_suggestion import ReplySuggestion
from .resume_broadcast_response_200 import ResumeBroadcastResponse200
from .retry_broadcast_response_201 import RetryBroadcastResponse201
from .review_finding import ReviewFinding
from .review_finding_severity import ReviewFindingSeverity
from .review_status import ReviewStatus
from .review_template_response_200 import ReviewTemplateResponse200
from .rich_card_components import RichCardComponents
from .rich_card_components_orientation import RichCardComponentsOrientation
from .rich_card_components_thumbnail_alignment_type_1 import (
    RichCardComponentsThumbnailAlignmentType1,
)
from .rich_card_components_thumbnail_alignment_type_2_type_1 import (
    RichCardComponentsThumbnailAlignmentType2Type1,
)
from .rich_card_components_thumbnail_alignment_type_3_type_1 import (
    RichCardComponentsThumbnailAlignmentType3Type1,
)
from .send_window import SendWindow
from .service_account_key import ServiceAccountKey
from .service_account_key_token_uri import ServiceAccountKeyTokenUri
from .set_send_rate_body import SetSendRateBody
from .set_send_rate_response_200 import SetSendRateResponse200
from .set_verified_brands_body import SetVerifiedBrandsBody
from .set_verified_brands_response_200 import SetVerifiedBrandsResponse200
from .settings_answer import SettingsAnswer
from .share_location_suggestion import ShareLocationSuggestion
from .simulator_credentials import SimulatorCredentials
from .start_broadcast_response_200 import StartBroadcastResponse200
from .start_broadcast_response_200_status import StartBroadcastResponse200Status
from .start_import_body import StartImportBody
from .start_import_response_201 import StartImportResponse201
from .stored_components import StoredComponents
from .stored_components_type import StoredComponentsType
from .stored_suggestion import StoredSuggestion
from .stored_suggestion_type import StoredSuggestionType
from .target import Target
from .target_state import TargetState
from .template import Template
from .template_category import TemplateCategory
from .template_draft import TemplateDraft
from .template_draft_sms_fallback_type_0 import TemplateDraftSmsFallbackType0
from .template_sms_fallback_type_0 import TemplateSmsFallbackType0
from .test_send_template_body import TestSendTemplateBody
from .test_send_template_body_variables_type_0 import TestSendTemplateBodyVariablesType0
from .test_send_template_response_200 import TestSendTemplateResponse200
from .test_send_template_response_200_state import TestSendTemplateResponse200State
from .text_components import TextComponents
from .unauthorized_error import UnauthorizedError
from .url_suggestion import UrlSuggestion
from .validation_error import ValidationError
from .variables import Variables

__all__ = (
    "AddMembersBody",
    "AddMembersBodyMembersItem",
    "AddMembersBodyMembersItemVariablesType0",
    "AddMembersResponse201",
    "AddMembersResponse201RejectedRowsItem",
    "AddOptOutsBody",
    "AddOptOutsResponse200",
    "AdminStatus",
    "AdminTemplate",
    "AdminTemplateSmsFallbackType0",
    "Approval",
    "Broadcast",
    "BroadcastClicksItem",
    "BroadcastFallback",
    "BroadcastReach",
    "BroadcastSnapshot",
    "BroadcastSnapshotStatus",
    "BroadcastStatus",
    "CalendarSuggestion",
    "CancelBroadcastResponse200",
    "Card",
    "CardMediaType0",
    "CardMediaType0Height",
    "CarouselComponents",
    "CarouselComponentsCardWidth",
    "ConflictError",
    "ContactList",
    "CreateBroadcastBody",
    "CreateBroadcastBodyFallback",
    "CreateBroadcastResponse201",
    "CreateListBody",
    "CreateListResponse201",
    "CreateTemplateResponse201",
    "CreditAccountBody",
    "CreditAccountResponse200",
    "DeleteCredentialsResponse200",
    "DeleteListResponse200",
    "DeleteMemberResponse200",
    "DeleteOptOutResponse200",
    "DeleteTemplateResponse200",
    "DialSuggestion",
    "Error",
    "ErrorCode",
    "ForbiddenError",
    "GetBalanceResponse200",
    "GetBroadcastResponse200",
    "GetHealthResponse200",
    "GetImportResponse200",
    "GetImportResponse200RejectedRowsItem",
    "GetLedgerResponse200",
    "GetOpenApiDocumentResponse200",
    "GetOpenApiDocumentResponse200Components",
    "GetOpenApiDocumentResponse200Info",
    "GetOpenApiDocumentResponse200Paths",
    "GetSendRateResponse200",
    "GetTemplateResponse200",
    "GetVerifiedBrandsResponse200",
    "ImportStatus",
    "InternalError",
    "LedgerEntry",
    "LedgerEntryKind",
    "ListAnswer",
    "ListBroadcastsResponse200",
    "ListListsResponse200",
    "ListMembersResponse200",
    "ListMembersResponse200MembersItem",
    "ListOptOutsResponse200",
    "ListOptOutsResponse200OptoutsItem",
    "ListOptOutsResponse200OptoutsItemSource",
    "ListTargetsResponse200",
    "ListTemplatesForReviewResponse200",
    "ListTemplatesForReviewStatus",
    "ListTemplatesResponse200",
    "LocationSuggestion",
    "MaskedCredentials",
    "MaskedCredentialsProvider",
    "MaskedCredentialsServiceAccount",
    "MediaComponents",
    "NotFoundError",
    "PauseBroadcastResponse200",
    "PayloadTooLargeError",
    "PutSettingsBody",
    "RateLimitedError",
    "RbmCredentials",
    "RbmWebhookEvent",
    "RbmWebhookEventMessage",
    "RbmWebhookHandshake",
    "Region",
    "Rejection",
    "ReplySuggestion",
    "ResumeBroadcastResponse200",
    "RetryBroadcastResponse201",
    "ReviewFinding",
    "ReviewFindingSeverity",
    "ReviewStatus",
    "ReviewTemplateResponse200",
    "RichCardComponents",
    "RichCardComponentsOrientation",
    "RichCardComponentsThumbnailAlignmentType1",
    "RichCardComponentsThumbnailAlignmentType2Type1",
    "RichCardComponentsThumbnailAlignmentType3Type1",
    "SendWindow",
    "ServiceAccountKey",
    "ServiceAccountKeyTokenUri",
    "SetSendRateBody",
    "SetSendRateResponse200",
    "SetVerifiedBrandsBody",
    "SetVerifiedBrandsResponse200",
    "SettingsAnswer",
    "ShareLocationSuggestion",
    "SimulatorCredentials",
    "StartBroadcastResponse200",
    "StartBroadcastResponse200Status",
    "StartImportBody",
    "StartImportResponse201",
    "StoredComponents",
    "StoredComponentsType",
    "StoredSuggestion",
    "StoredSuggestionType",
    "Target",
    "TargetState",
    "Template",
    "TemplateCategory",
    "TemplateDraft",
    "TemplateDraftSmsFallbackType0",
    "TemplateSmsFallbackType0",
    "TestSendTemplateBody",
    "TestSendTemplateBodyVariablesType0",
    "TestSendTemplateResponse200",
    "TestSendTemplateResponse200State",
    "TextComponents",
    "UnauthorizedError",
    "UrlSuggestion",
    "ValidationError",
    "Variables",
)
