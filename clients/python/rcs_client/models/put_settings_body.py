from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.send_window import SendWindow


T = TypeVar("T", bound="PutSettingsBody")


@_attrs_define
class PutSettingsBody:
    """
    Attributes:
        send_window (None | SendWindow):
    """

    send_window: None | SendWindow

    def to_dict(self) -> dict[str, Any]:
        from ..models.send_window import SendWindow

        send_window: dict[str, Any] | None
        if isinstance(self.send_window, SendWindow):
            send_window = self.send_window.to_dict()
        else:
            send_window = self.send_window

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "send_window": send_window,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.send_window import SendWindow

        d = dict(src_dict)

        def _parse_send_window(data: object) -> None | SendWindow:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                send_window_type_0 = SendWindow.from_dict(data)

                return send_window_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SendWindow, data)

        send_window = _parse_send_window(d.pop("send_window"))

        put_settings_body = cls(
            send_window=send_window,
        )

        return put_settings_body
