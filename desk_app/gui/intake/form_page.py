"""Page 3: the procedure's own form, built from its FormField definitions.

Nothing here knows any procedure: labels, types, rules and prefills all come from the
catalogue, the editors from field_editors. Each field checks itself when the officer
leaves it; Next checks them all and puts the flat form values in the draft.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QWidget, QWizard, QWizardPage

from desk_app.core.catalogue import Procedure, Province

from ..feedback import Tone, clear_message, show_message
from ..forms.ui_form_page import Ui_FormPage
from ..mnemonics import letters_taken, mnemonic_of, with_mnemonic, without_mnemonic
from .draft import IntakeDraft
from .field_editors import Editor, FieldEditor, GroupEditor, make_editor

__all__ = ["FieldEditor", "FormPage"]


class FormPage(QWizardPage):
    def __init__(self, draft: IntakeDraft, parent: QWidget | None = None, *,
                 places: Sequence[Province] = ()) -> None:
        super().__init__(parent)
        self._draft = draft
        self._places = tuple(places)
        self.ui = Ui_FormPage()
        self.ui.setupUi(self)
        clear_message(self.ui.formMessageLabel)
        self._built_for: str | None = None
        self.editors: dict[str, Editor] = {}
        # What this page last put in the draft, and for which procedure: values it wrote for
        # another procedure are dropped when the officer switches, values it did not write
        # (a draft resumed) belong to the draft's procedure and fill the form.
        self._written: dict[str, str] | None = None
        self._written_for: str | None = None

    def initializePage(self) -> None:
        procedure = self._draft.procedure
        if procedure is None:
            return
        if procedure.code != self._built_for:
            self._build(procedure)
        self.apply_prefill()
        clear_message(self.ui.formMessageLabel)

    def _build(self, procedure: Procedure) -> None:
        layout = self.ui.fieldsLayout
        while layout.rowCount():
            layout.removeRow(0)
        self.editors = {}
        if self._written_for not in (None, procedure.code) and self._draft.form_values == self._written:
            self._draft.form_values = {}
        taken = self._letters_of_the_wizard()
        for form_field in procedure.fields:
            editor = make_editor(form_field, self.ui.fieldsContainer, self._places)
            text = with_mnemonic(form_field.label, taken) + (" *" if form_field.required else "")
            label = QLabel(text, self.ui.fieldsContainer)
            label.setObjectName(f"field_{form_field.key}_label")
            label.setBuddy(editor.buddy)
            layout.addRow(label, editor.container)
            self.editors[form_field.key] = editor
        # Fields first, as they are used more; then each group's "Add entry" keeps its own
        # letter while it is free.
        for editor in self.editors.values():
            if isinstance(editor, GroupEditor):
                button = editor.add_button
                letter = mnemonic_of(button.text())
                if letter is None or letter in taken:
                    button.setText(with_mnemonic(without_mnemonic(button.text()), taken))
                else:
                    taken.add(letter)
        if not procedure.fields:
            note = QLabel(self.tr("This procedure has no form of its own: the citizen's details are enough."), self.ui.fieldsContainer)
            note.setObjectName("noFieldsLabel")
            note.setWordWrap(True)
            layout.addRow(note)
        for editor in self.editors.values():
            editor.set_values(self._draft.form_values)
        self._built_for = procedure.code

    def _letters_of_the_wizard(self) -> set[str]:
        """The Alt letters of the wizard's buttons shown beside this form."""
        wizard = self.wizard()
        if wizard is None:
            return set()
        return letters_taken(wizard.buttonText(which) for which in (
            QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton))

    def apply_prefill(self) -> None:
        """Fill what the ID card or the licence register gives, where the officer has typed nothing."""
        for editor in self.editors.values():
            prefill = self._draft.prefill_value(editor.field.prefill)
            if prefill:
                editor.offer_prefill(prefill)

    def validatePage(self) -> bool:
        failed = [editor for editor in self.editors.values() if not editor.check()]
        if failed:
            failed[0].focus()
            show_message(
                self.ui.formMessageLabel,
                self.tr("{count} field(s) need attention: see the messages in red.").format(count=len(failed)),
                Tone.ERROR,
            )
            return False
        clear_message(self.ui.formMessageLabel)
        self._keep_values()
        return True

    def collect(self) -> None:
        """Take the form as it stands, unchecked, into the draft (kept as the officer types)."""
        procedure = self._draft.procedure
        if procedure is not None and procedure.code == self._built_for:
            self._keep_values()

    def _keep_values(self) -> None:
        # One flat dict for every field type (desk_app.core.form_values).
        values: dict[str, str] = {}
        for editor in self.editors.values():
            values.update(editor.values())
        self._draft.form_values = values
        self._written, self._written_for = dict(values), self._built_for
