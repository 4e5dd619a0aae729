from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.admin_status import AdminStatus
from ..models.review_status import ReviewStatus
from ..models.template_category import TemplateCategory

if TYPE_CHECKING:
    from ..models.review_finding import ReviewFinding
    from ..models.stored_components import StoredComponents
    from ..models.stored_suggestion import StoredSuggestion
    from ..models.template_sms_fallback_type_0 import TemplateSmsFallbackType0


T = TypeVar("T", bound="Template")


@_attrs_define
class Template:
    """
    Attributes:
        template_id (str): Opaque.
        name (str):
        category (TemplateCategory):
        language (str):
        components (StoredComponents): The components as submitted (TemplateDraft's components, unset optional fields
            left out).
        suggestions (list[StoredSuggestion]):
        ai_review_status (ReviewStatus):
        ai_review_score (float):
        ai_review_reason (str):
        ai_review_findings (list[ReviewFinding]):
        admin_status (AdminStatus): "" until a person decides.
        admin_reason (str):
        effective_status (ReviewStatus):
        placeholders (list[int]):
        submitted_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        reviewed_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        sms_fallback (None | TemplateSmsFallbackType0): The SMS a broadcast with fallback sms sends where RCS cannot
            deliver; null for none.
        sms_segments (int | None): The SMS segments of sms_fallback's text as written (GSM-7: 160, else 153 per segment
            with two septets for each extension character; otherwise UCS-2: 70, else 67); null for none. Each recipient is
            charged for the segments of its own filled-in text.
    """

    template_id: str
    name: str
    category: TemplateCategory
    language: str
    components: StoredComponents
    suggestions: list[StoredSuggestion]
    ai_review_status: ReviewStatus
    ai_review_score: float
    ai_review_reason: str
    ai_review_findings: list[ReviewFinding]
    admin_status: AdminStatus
    admin_reason: str
    effective_status: ReviewStatus
    placeholders: list[int]
    submitted_at: str
    reviewed_at: str
    sms_fallback: None | TemplateSmsFallbackType0
    sms_segments: int | None

    def to_dict(self) -> dict[str, Any]:
        from ..models.template_sms_fallback_type_0 import TemplateSmsFallbackType0

        template_id = self.template_id

        name = self.name

        category = self.category.value

        language = self.language

        components = self.components.to_dict()

        suggestions = []
        for suggestions_item_data in self.suggestions:
            suggestions_item = suggestions_item_data.to_dict()
            suggestions.append(suggestions_item)

        ai_review_status = self.ai_review_status.value

        ai_review_score = self.ai_review_score

        ai_review_reason = self.ai_review_reason

        ai_review_findings = []
        for ai_review_findings_item_data in self.ai_review_findings:
            ai_review_findings_item = ai_review_findings_item_data.to_dict()
            ai_review_findings.append(ai_review_findings_item)

        admin_status = self.admin_status.value

        admin_reason = self.admin_reason

        effective_status = self.effective_status.value

        placeholders = self.placeholders

        submitted_at = self.submitted_at

        reviewed_at = self.reviewed_at

        sms_fallback: dict[str, Any] | None
        if isinstance(self.sms_fallback, TemplateSmsFallbackType0):
            sms_fallback = self.sms_fallback.to_dict()
        else:
            sms_fallback = self.sms_fallback

        sms_segments: int | None
        sms_segments = self.sms_segments

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "template_id": template_id,
                "name": name,
                "category": category,
                "language": language,
                "components": components,
                "suggestions": suggestions,
                "ai_review_status": ai_review_status,
                "ai_review_score": ai_review_score,
                "ai_review_reason": ai_review_reason,
                "ai_review_findings": ai_review_findings,
                "admin_status": admin_status,
                "admin_reason": admin_reason,
                "effective_status": effective_status,
                "placeholders": placeholders,
                "submitted_at": submitted_at,
                "reviewed_at": reviewed_at,
                "sms_fallback": sms_fallback,
                "sms_segments": sms_segments,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.review_finding import ReviewFinding
        from ..models.stored_components import StoredComponents
        from ..models.stored_suggestion import StoredSuggestion
        from ..models.template_sms_fallback_type_0 import TemplateSmsFallbackType0

        d = dict(src_dict)
        template_id = d.pop("template_id")

        name = d.pop("name")

        category = TemplateCategory(d.pop("category"))

        language = d.pop("language")

        components = StoredComponents.from_dict(d.pop("components"))

        suggestions = []
        _suggestions = d.pop("suggestions")
        for suggestions_item_data in _suggestions:
            suggestions_item = StoredSuggestion.from_dict(suggestions_item_data)

            suggestions.append(suggestions_item)

        ai_review_status = ReviewStatus(d.pop("ai_review_status"))

        ai_review_score = d.pop("ai_review_score")

        ai_review_reason = d.pop("ai_review_reason")

        ai_review_findings = []
        _ai_review_findings = d.pop("ai_review_findings")
        for ai_review_findings_item_data in _ai_review_findings:
            ai_review_findings_item = ReviewFinding.from_dict(ai_review_findings_item_data)

            ai_review_findings.append(ai_review_findings_item)

        admin_status = AdminStatus(d.pop("admin_status"))

        admin_reason = d.pop("admin_reason")

        effective_status = ReviewStatus(d.pop("effective_status"))

        placeholders = cast(list[int], d.pop("placeholders"))

        submitted_at = d.pop("submitted_at")

        reviewed_at = d.pop("reviewed_at")

        def _parse_sms_fallback(data: object) -> None | TemplateSmsFallbackType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sms_fallback_type_0 = TemplateSmsFallbackType0.from_dict(data)

                return sms_fallback_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TemplateSmsFallbackType0, data)

        sms_fallback = _parse_sms_fallback(d.pop("sms_fallback"))

        def _parse_sms_segments(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        sms_segments = _parse_sms_segments(d.pop("sms_segments"))

        template = cls(
            template_id=template_id,
            name=name,
            category=category,
            language=language,
            components=components,
            suggestions=suggestions,
            ai_review_status=ai_review_status,
            ai_review_score=ai_review_score,
            ai_review_reason=ai_review_reason,
            ai_review_findings=ai_review_findings,
            admin_status=admin_status,
            admin_reason=admin_reason,
            effective_status=effective_status,
            placeholders=placeholders,
            submitted_at=submitted_at,
            reviewed_at=reviewed_at,
            sms_fallback=sms_fallback,
            sms_segments=sms_segments,
        )

        return template
