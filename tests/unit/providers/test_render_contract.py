"""The renderer reads templates in the form the templates feature stores them, and what it makes
is an AgentMessage RBM accepts (checked by the fake RBM's validator)."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.providers import render_agent_message
from chalicelib.services.template_content import TemplateDraft
from tests.fakes.rbm_server import agent_message_problem

CHIPS = [
    {"type": "reply", "text": "Stop", "postback_data": "STOP"},
    {"type": "url", "text": "Track", "url": "https://t.example/{{1}}"},
    {"type": "dial", "text": "Call us", "phone_number": "+918000000000"},
    {"type": "location", "text": "Find us", "query": "acme store"},
    {"type": "calendar", "text": "Save the date", "title": "Sale", "start_time": "2026-06-01T10:00:00Z",
     "end_time": "2026-06-01T12:00:00Z"},
]
CARD = {"title": "Hi {{1}}", "description": "New in", "media": {"url": "https://cdn.example/a.jpg", "height": "tall"},
        "suggestions": [{"type": "reply", "text": "More"}]}
COMPONENTS: dict[str, dict[str, Any]] = {
    "text": {"type": "text", "text": "Your order #{{1}} has shipped."},
    "rich_card": {"type": "rich_card", **CARD},
    "horizontal_card": {"type": "rich_card", "orientation": "horizontal", **CARD},
    "carousel": {"type": "carousel", "card_width": "small", "cards": [CARD, {"title": "Hats"}]},
    "media": {"type": "media", "url": "https://cdn.example/v.mp4", "thumbnail_url": "https://cdn.example/v.jpg"},
}


@pytest.mark.parametrize("kind", list(COMPONENTS))
def test_a_stored_template_renders_to_a_message_rbm_accepts(kind: str) -> None:
    draft = TemplateDraft.model_validate(
        {"name": "t", "category": "promotional", "language": "en_US", "components": COMPONENTS[kind],
         "suggestions": CHIPS}
    )
    components, suggestions = draft.content()

    body = render_agent_message(components, suggestions, {"1": "A-1042"})

    assert agent_message_problem(body) == ""
    assert "{{" not in str(body)
    assert len(body["contentMessage"]["suggestions"]) == len(CHIPS)
