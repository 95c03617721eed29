"""Page 3: the procedure's own form, built from its FormField definitions.

Nothing here knows any procedure: labels, types, rules and prefills all come from the
catalogue. Each field checks itself when the officer leaves it; Next checks them all.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizardPage

from desk_app.core.catalogue import FieldType, FormField, Procedure
from desk_app.core.validation import validate_field

from ..errors import message_text
from ..feedback import Tone, clear_message, show_message
from ..forms.ui_form_page import Ui_FormPage
from .draft import IntakeDraft


class FieldEditor:
    """One catalogue field: its editor widget and the message line under it."""

    def __init__(self, form_field: FormField, parent: QWidget) -> None:
        self.field = form_field
        self.prefilled: str | None = None
        self.container = QWidget(parent)
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if form_field.type is FieldType.CHOICE:
            combo = QComboBox(self.container)
            combo.addItem("", "")
            for choice in form_field.choices:
                combo.addItem(choice.label, choice.value)
            self.widget: QLineEdit | QComboBox = combo
        else:
            edit = QLineEdit(self.container)
            if form_field.max_length:
                edit.setMaxLength(form_field.max_length)
            if form_field.type is FieldType.DATE:
                edit.setPlaceholderText(QCoreApplication.translate("FormPage", "dd/mm/yyyy"))
            elif form_field.help:
                edit.setPlaceholderText(form_field.help)
            self.widget = edit
        self.widget.setObjectName(f"field_{form_field.key}")
        if form_field.help:
            self.widget.setToolTip(form_field.help)
        self.message = QLabel(self.container)
        self.message.setObjectName(f"field_{form_field.key}_message")
        self.message.setWordWrap(True)
        clear_message(self.message)
        layout.addWidget(self.widget)
        layout.addWidget(self.message)

    def value(self) -> str:
        if isinstance(self.widget, QComboBox):
            return str(self.widget.currentData() or "")
        return self.widget.text().strip()

    def set_value(self, value: str) -> None:
        if isinstance(self.widget, QComboBox):
            index = self.widget.findData(value)
            self.widget.setCurrentIndex(max(index, 0))
        else:
            self.widget.setText(value)

    def check(self) -> bool:
        problem = validate_field(self.field, self.value())
        if problem is None:
            clear_message(self.message)
            return True
        show_message(self.message, message_text(problem), Tone.ERROR)
        return False


class FormPage(QWizardPage):
    def __init__(self, draft: IntakeDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self.ui = Ui_FormPage()
        self.ui.setupUi(self)
        clear_message(self.ui.formMessageLabel)
        self._built_for: str | None = None
        self.editors: dict[str, FieldEditor] = {}

    def initializePage(self) -> None:
        procedure = self._draft.procedure
        if procedure is None:
            return
        if procedure.code != self._built_for:
            self._build(procedure)
        self._apply_prefill()
        clear_message(self.ui.formMessageLabel)

    def _build(self, procedure: Procedure) -> None:
        layout = self.ui.fieldsLayout
        while layout.rowCount():
            layout.removeRow(0)
        self.editors = {}
        self._draft.form_values = {}
        for form_field in procedure.fields:
            editor = FieldEditor(form_field, self.ui.fieldsContainer)
            label = QLabel(form_field.label + (" *" if form_field.required else ""), self.ui.fieldsContainer)
            label.setObjectName(f"field_{form_field.key}_label")
            label.setBuddy(editor.widget)
            layout.addRow(label, editor.container)
            if isinstance(editor.widget, QLineEdit):
                editor.widget.editingFinished.connect(editor.check)
            else:
                editor.widget.currentIndexChanged.connect(editor.check)
            self.editors[form_field.key] = editor
        if not procedure.fields:
            note = QLabel(self.tr("This procedure has no form of its own: the citizen's details are enough."), self.ui.fieldsContainer)
            note.setObjectName("noFieldsLabel")
            note.setWordWrap(True)
            layout.addRow(note)
        self._built_for = procedure.code

    def _apply_prefill(self) -> None:
        # Prefill only what the officer has not typed: going back to fix the citizen's name
        # updates a prefilled field but never overwrites their own entry.
        for editor in self.editors.values():
            prefill = self._draft.prefill_value(editor.field.prefill)
            current = editor.value()
            if prefill and (not current or current == editor.prefilled):
                editor.set_value(prefill)
                editor.prefilled = prefill

    def validatePage(self) -> bool:
        failed = [editor for editor in self.editors.values() if not editor.check()]
        if failed:
            failed[0].widget.setFocus()
            show_message(
                self.ui.formMessageLabel,
                self.tr("{count} field(s) need attention: see the messages in red.").format(count=len(failed)),
                Tone.ERROR,
            )
            return False
        clear_message(self.ui.formMessageLabel)
        self._draft.form_values = {key: editor.value() for key, editor in self.editors.items()}
        return True
