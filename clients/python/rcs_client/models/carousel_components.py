from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

from ..models.carousel_components_card_width import CarouselComponentsCardWidth
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.card import Card


T = TypeVar("T", bound="CarouselComponents")


@_attrs_define
class CarouselComponents:
    """
    Attributes:
        type_ (Literal['carousel']):
        cards (list[Card]):
        card_width (CarouselComponentsCardWidth | Unset):
    """

    type_: Literal["carousel"]
    cards: list[Card]
    card_width: CarouselComponentsCardWidth | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        cards = []
        for cards_item_data in self.cards:
            cards_item = cards_item_data.to_dict()
            cards.append(cards_item)

        card_width: str | Unset = UNSET
        if not isinstance(self.card_width, Unset):
            card_width = self.card_width.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "cards": cards,
            }
        )
        if card_width is not UNSET:
            field_dict["card_width"] = card_width

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.card import Card

        d = dict(src_dict)
        type_ = cast(Literal["carousel"], d.pop("type"))
        if type_ != "carousel":
            raise ValueError(f"type must match const 'carousel', got '{type_}'")

        cards = []
        _cards = d.pop("cards")
        for cards_item_data in _cards:
            cards_item = Card.from_dict(cards_item_data)

            cards.append(cards_item)

        _card_width = d.pop("card_width", UNSET)
        card_width: CarouselComponentsCardWidth | Unset
        if isinstance(_card_width, Unset):
            card_width = UNSET
        else:
            card_width = CarouselComponentsCardWidth(_card_width)

        carousel_components = cls(
            type_=type_,
            cards=cards,
            card_width=card_width,
        )

        return carousel_components
