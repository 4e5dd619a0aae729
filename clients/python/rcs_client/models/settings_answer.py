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

if TYPE_CHECKING:
    from ..models.send_window import SendWindow


T = TypeVar("T", bound="SettingsAnswer")


@_attrs_define
class SettingsAnswer:
    """
    Attributes:
        success (Literal[True]):
        send_window (None | SendWindow):
    """

    success: Literal[True]
    send_window: None | SendWindow

    def to_dict(self) -> dict[str, Any]:
        from ..models.send_window import SendWindow

        success = self.success

        send_window: dict[str, Any] | None
        if isinstance(self.send_window, SendWindow):
            send_window = self.send_window.to_dict()
        else:
            send_window = self.send_window

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "send_window": send_window,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.send_window import SendWindow

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

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

        settings_answer = cls(
            success=success,
            send_window=send_window,
        )

        return settings_answer
