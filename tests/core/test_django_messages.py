"""Django's own messages that a user can reach speak Vietnamese too (core.text.DJANGO_STRINGS
brings into the project's catalogue those Django's lacks)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_a_null_character_is_refused_in_vietnamese():
    with pytest.raises(ValidationError) as refusal:
        forms.CharField().clean("Sở Y tế\x00")

    assert refusal.value.messages == [
        "Văn bản có ký tự không hợp lệ (ký tự null): hãy xóa ký tự đó rồi lưu lại."
    ]


def test_too_many_rows_are_refused_in_vietnamese():
    rows = forms.formset_factory(forms.Form, max_num=2, validate_max=True)
    formset = rows({"form-TOTAL_FORMS": "5", "form-INITIAL_FORMS": "0"})

    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Chỉ được gửi tối đa 2 dòng."]


def test_a_formset_sent_without_its_management_data_is_refused_in_vietnamese():
    formset = forms.formset_factory(forms.Form)({})

    assert not formset.is_valid()
    assert formset.non_form_errors()[0].startswith(
        "Biểu mẫu gửi lên thiếu hoặc đã bị sửa phần dữ liệu quản lý"
    )
