from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.test_send_template_body_variables_type_0 import (
        TestSendTemplateBodyVariablesType0,
    )


T = TypeVar("T", bound="TestSendTemplateBody")


@_attrs_define
class TestSendTemplateBody:
    """
    Attributes:
        phone (str): E.164, and a number libphonenumber holds valid (else a 400 naming the field).
        variables (None | TestSendTemplateBodyVariablesType0 | Unset): Values of the template's placeholders, for
            example {"1": "A-1"}; every placeholder of the template needs one (else a 400 naming variables).
    """

    phone: str
    variables: None | TestSendTemplateBodyVariablesType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.test_send_template_body_variables_type_0 import (
            TestSendTemplateBodyVariablesType0,
        )

        phone = self.phone

        variables: dict[str, Any] | None | Unset
        if isinstance(self.variables, Unset):
            variables = UNSET
        elif isinstance(self.variables, TestSendTemplateBodyVariablesType0):
            variables = self.variables.to_dict()
        else:
            variables = self.variables

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "phone": phone,
            }
        )
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.test_send_template_body_variables_type_0 import (
            TestSendTemplateBodyVariablesType0,
        )

        d = dict(src_dict)
        phone = d.pop("phone")

        def _parse_variables(data: object) -> None | TestSendTemplateBodyVariablesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                variables_type_0 = TestSendTemplateBodyVariablesType0.from_dict(data)

                return variables_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TestSendTemplateBodyVariablesType0 | Unset, data)

        variables = _parse_variables(d.pop("variables", UNSET))

        test_send_template_body = cls(
            phone=phone,
            variables=variables,
        )

        return test_send_template_body
