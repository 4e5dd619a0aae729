"""Our template + a member's variables -> the RBM AgentMessage JSON."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.providers import (
    INVALID_TEMPLATE,
    MISSING_VARIABLE,
    InvalidTemplate,
    MissingVariable,
    render_agent_message,
)
from chalicelib.providers.render import placeholders


def test_a_text_template_becomes_a_text_message_with_its_placeholders_filled() -> None:
    components = {"type": "text", "text": "Your order #{{1}} has shipped. Track at {{2}}."}

    body = render_agent_message(components, [], {"1": "A-1042", "2": "https://t.example/x"})

    assert body == {"contentMessage": {"text": "Your order #A-1042 has shipped. Track at https://t.example/x."}}


def test_suggestions_become_replies_and_actions_below_the_message() -> None:
    suggestions = [
        {"type": "reply", "text": "Yes", "postback_data": "yes_1"},
        {"type": "url", "text": "Track order", "url": "{{3}}"},
        {"type": "dial", "text": "Call us", "phone_number": "+918000000000", "postback_data": "call"},
    ]

    body = render_agent_message({"type": "text", "text": "Hi"}, suggestions, {"3": "https://t.example/A1"})

    assert body["contentMessage"]["suggestions"] == [
        {"reply": {"text": "Yes", "postbackData": "yes_1"}},
        {"action": {"text": "Track order", "postbackData": "Track order",
                    "openUrlAction": {"url": "https://t.example/A1"}}},
        {"action": {"text": "Call us", "postbackData": "call", "dialAction": {"phoneNumber": "+918000000000"}}},
    ]


def test_a_rich_card_becomes_a_standalone_card() -> None:
    components = {
        "type": "rich_card",
        "card": {
            "title": "Hello {{1}}",
            "description": "New arrivals",
            "media": {"url": "https://cdn.example/a.jpg", "height": "tall", "thumbnail_url": "https://cdn.example/t.jpg"},
            "suggestions": [{"type": "reply", "text": "More"}],
        },
    }

    body = render_agent_message(components, None, {"1": "Asha"})

    assert body == {
        "contentMessage": {
            "richCard": {
                "standaloneCard": {
                    "cardOrientation": "VERTICAL",
                    "cardContent": {
                        "title": "Hello Asha",
                        "description": "New arrivals",
                        "media": {
                            "height": "TALL",
                            "contentInfo": {
                                "fileUrl": "https://cdn.example/a.jpg",
                                "thumbnailUrl": "https://cdn.example/t.jpg",
                                "forceRefresh": False,
                            },
                        },
                        "suggestions": [{"reply": {"text": "More", "postbackData": "More"}}],
                    },
                }
            }
        }
    }


def test_a_horizontal_card_gets_the_thumbnail_alignment_rbm_requires() -> None:
    components = {"type": "rich_card", "orientation": "HORIZONTAL", "card": {"title": "T"}}

    card = render_agent_message(components, [], {})["contentMessage"]["richCard"]["standaloneCard"]

    assert card["cardOrientation"] == "HORIZONTAL"
    assert card["thumbnailImageAlignment"] == "LEFT"


def test_a_card_whose_keys_sit_on_the_component_itself_is_rendered_too() -> None:
    components = {"type": "rich_card", "title": "Inline", "media": {"url": "https://cdn.example/a.jpg"}}

    content = render_agent_message(components, [], {})["contentMessage"]["richCard"]["standaloneCard"]["cardContent"]

    assert content["title"] == "Inline"
    assert content["media"]["height"] == "MEDIUM"  # the default when the template names none


def test_a_carousel_becomes_a_carousel_card_with_one_content_per_card() -> None:
    components = {
        "type": "carousel",
        "card_width": "SMALL",
        "cards": [
            {"title": "Shoes {{1}}", "media": {"url": "https://cdn.example/1.jpg", "height": "SHORT"}},
            {"title": "Hats", "description": "Warm", "suggestions": [{"type": "reply", "text": "Buy"}]},
        ],
    }

    body = render_agent_message(components, [], {"1": "50% off"})

    carousel = body["contentMessage"]["richCard"]["carouselCard"]
    assert carousel["cardWidth"] == "SMALL"
    assert carousel["cardContents"] == [
        {"title": "Shoes 50% off", "media": {"height": "SHORT", "contentInfo": {
            "fileUrl": "https://cdn.example/1.jpg", "forceRefresh": False}}},
        {"title": "Hats", "description": "Warm", "suggestions": [{"reply": {"text": "Buy", "postbackData": "Buy"}}]},
    ]


def test_a_carousel_without_a_width_is_medium() -> None:
    components = {"type": "carousel", "cards": [{"title": "a"}, {"title": "b"}]}

    carousel = render_agent_message(components, [], {})["contentMessage"]["richCard"]["carouselCard"]

    assert carousel["cardWidth"] == "MEDIUM"


def test_a_media_template_becomes_content_info() -> None:
    components = {"type": "media", "url": "https://cdn.example/{{1}}.mp4"}

    body = render_agent_message(components, [], {"1": "promo"})

    assert body == {
        "contentMessage": {"contentInfo": {"fileUrl": "https://cdn.example/promo.mp4", "forceRefresh": False}}
    }


def test_location_share_location_and_calendar_suggestions_become_their_actions() -> None:
    suggestions = [
        {"type": "location", "text": "Find us", "latitude": "12.97", "longitude": 77.59, "label": "Store"},
        {"type": "location", "text": "Nearby", "query": "acme stores"},
        {"type": "share_location", "text": "Share location"},
        {"type": "calendar", "text": "Save date", "title": "Sale", "description": "Big sale",
         "start_time": "2026-06-01T10:00:00Z", "end_time": "2026-06-01T18:00:00Z", "fallback_url": "https://cal.example"},
    ]

    actions = [s["action"] for s in render_agent_message({"type": "text", "text": "x"}, suggestions, {})
               ["contentMessage"]["suggestions"]]

    assert actions[0]["viewLocationAction"] == {"latLong": {"latitude": 12.97, "longitude": 77.59}, "label": "Store"}
    assert actions[1]["viewLocationAction"] == {"query": "acme stores"}
    assert actions[2]["shareLocationAction"] == {}
    assert actions[3]["createCalendarEventAction"] == {
        "startTime": "2026-06-01T10:00:00Z",
        "endTime": "2026-06-01T18:00:00Z",
        "title": "Sale",
        "description": "Big sale",
    }
    assert actions[3]["fallbackUrl"] == "https://cal.example"


def test_ttl_and_traffic_type_are_set_when_asked() -> None:
    body = render_agent_message({"type": "text", "text": "x"}, [], {}, ttl_seconds=86400, traffic_type="TRANSACTION")

    assert body["ttl"] == "86400s"
    assert body["messageTrafficType"] == "TRANSACTION"


@pytest.mark.parametrize("variables", [{}, {"1": "A"}, {"1": "A", "2": ""}, {"1": "A", "2": "   "}],
                         ids=["none", "absent", "empty", "blank"])
def test_a_placeholder_without_a_value_raises_missing_variable(variables: dict[str, str]) -> None:
    components = {"type": "text", "text": "Order {{1}} ships on {{2}}"}

    with pytest.raises(MissingVariable) as caught:
        render_agent_message(components, [], variables)

    assert caught.value.name == ("1" if not variables else "2")
    assert caught.value.reason == MISSING_VARIABLE


def test_missing_variable_names_every_absent_placeholder_lowest_first() -> None:
    components = {"type": "rich_card", "card": {"title": "{{10}}", "description": "{{2}}"}}
    suggestions = [{"type": "url", "text": "Go", "url": "{{3}}"}]

    with pytest.raises(MissingVariable) as caught:
        render_agent_message(components, suggestions, {})

    assert caught.value.name == "2"
    assert caught.value.missing == ("2", "3", "10")


def test_a_value_that_looks_like_a_placeholder_is_sent_as_written() -> None:
    body = render_agent_message({"type": "text", "text": "Hi {{1}}, code {{2}}"}, [], {"1": "{{2}}", "2": "7"})

    assert body["contentMessage"]["text"] == "Hi {{2}}, code 7"


def test_only_a_well_formed_placeholder_is_filled() -> None:
    body = render_agent_message({"type": "text", "text": "Hi {{1}}, {{ 1 }} and {{01}}"}, [], {"1": "Asha"})

    assert body["contentMessage"]["text"] == "Hi Asha, {{ 1 }} and {{01}}"


def test_placeholders_lists_the_variables_a_template_needs() -> None:
    assert placeholders({"text": "{{1}} {{3}}", "s": [{"url": "{{2}}"}]}) == {"1", "2", "3"}


@pytest.mark.parametrize(
    "components",
    [
        {"type": "poll"},
        {"type": "text", "text": "  "},
        {"type": "carousel", "cards": []},
        {"type": "rich_card", "card": {"media": {"height": "TALL"}}},
        {"type": "media"},
    ],
    ids=["unknown-type", "blank-text", "no-cards", "empty-card", "media-without-url"],
)
def test_a_template_we_cannot_render_raises_invalid_template(components: dict[str, Any]) -> None:
    with pytest.raises(InvalidTemplate) as caught:
        render_agent_message(components, [], {})

    assert caught.value.reason == INVALID_TEMPLATE


@pytest.mark.parametrize(
    "suggestion",
    [
        {"type": "reply"},
        {"type": "url", "text": "Go"},
        {"type": "dial", "text": "Call"},
        {"type": "carrier_pigeon", "text": "x"},
    ],
    ids=["no-text", "url-without-url", "dial-without-number", "unknown-type"],
)
def test_a_suggestion_we_cannot_render_raises_invalid_template(suggestion: dict[str, Any]) -> None:
    with pytest.raises(InvalidTemplate):
        render_agent_message({"type": "text", "text": "x"}, [suggestion], {})
