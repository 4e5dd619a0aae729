"""The field walk: every string a recipient can see, tap or be sent to, with its path."""

from __future__ import annotations

from chalicelib.services.review.fields import template_fields

CAROUSEL = {"type": "carousel", "cards": [
    {"title": "One", "description": "First card", "media": {"url": "https://cdn.example.com/1.jpg",
                                                            "thumbnail_url": "https://cdn.example.com/1s.jpg"}},
    {"title": "Two", "suggestions": [{"type": "reply", "text": "Yes", "postback_data": "yes_2"}]},
    {"description": "Third card", "suggestions": [
        {"type": "url", "text": "Open", "url": "https://a.example.com", "fallback_url": "https://b.example.com"},
        {"type": "dial", "text": "Call us", "phone_number": "+14155550123"}]},
]}
SUGGESTIONS = [
    {"type": "location", "text": "Find us", "query": "Acme store Pune"},
    {"type": "calendar", "text": "Save", "title": "Your visit", "description": "Bring your card",
     "start_time": "2027-01-10T10:00:00Z", "end_time": "2027-01-10T11:00:00Z"},
]


def test_every_field_of_every_card_and_suggestion_is_walked_with_its_path() -> None:
    fields = {field.path: (field.kind, field.text) for field in template_fields(CAROUSEL, SUGGESTIONS)}

    assert fields == {
        "components.cards.0.title": ("title", "One"),
        "components.cards.0.description": ("description", "First card"),
        "components.cards.0.media.url": ("media", "https://cdn.example.com/1.jpg"),
        "components.cards.0.media.thumbnail_url": ("media", "https://cdn.example.com/1s.jpg"),
        "components.cards.1.title": ("title", "Two"),
        "components.cards.1.suggestions.0.text": ("label", "Yes"),
        "components.cards.1.suggestions.0.postback_data": ("postback", "yes_2"),
        "components.cards.2.description": ("description", "Third card"),
        "components.cards.2.suggestions.0.text": ("label", "Open"),
        "components.cards.2.suggestions.0.url": ("url", "https://a.example.com"),
        "components.cards.2.suggestions.0.fallback_url": ("url", "https://b.example.com"),
        "components.cards.2.suggestions.1.text": ("label", "Call us"),
        "components.cards.2.suggestions.1.phone_number": ("phone", "+14155550123"),
        "suggestions.0.text": ("label", "Find us"),
        "suggestions.0.query": ("place", "Acme store Pune"),
        "suggestions.1.text": ("label", "Save"),
        "suggestions.1.title": ("calendar", "Your visit"),
        "suggestions.1.description": ("calendar", "Bring your card"),
    }


def test_a_rich_card_and_a_media_message_are_walked_too() -> None:
    card = {"type": "rich_card", "title": "Hi", "suggestions": [{"type": "dial", "text": "Call", "phone_number":
                                                                 "+14155550123"}]}
    media = {"type": "media", "url": "https://cdn.example.com/v.mp4"}

    assert [f.path for f in template_fields(card, [])] == [
        "components.title", "components.suggestions.0.text", "components.suggestions.0.phone_number"]
    assert [f.path for f in template_fields(media, [])] == ["components.url"]
