"""The editors of a procedure's form, one kind per catalogue field type.

Every editor shows the form page the same face: ``field``; ``container`` (what goes in
the form's layout); ``widget`` (the main input, the label's buddy); ``message`` (the line
under it); ``prefilled`` (what the ID card gave, None when nothing); ``value()`` and
``set_value()``; ``values()`` and ``set_values()`` on the flat form values of
desk_app.core.form_values; ``offer_prefill(text)``; ``problem_text()`` (None when fine);
``check()`` (shows the problem, True when there is none); ``focus()``; ``focus_widgets()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, QSignalBlocker, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desk_app.core.catalogue import FieldType, FormField, Province, Ward
from desk_app.core.form_values import (
    Address,
    address_from_text,
    address_line,
    field_values,
    find_province,
    flatten_address,
    flatten_group,
    place_key,
    unflatten_address,
    unflatten_group,
)
from desk_app.core.text import fold
from desk_app.core.validation import ENTRY_TEMPLATE, validate_address, validate_field, validate_group

from ..errors import message_text
from ..feedback import Tone, clear_message, show_message

# Each place's name folded (desk_app.core.text.fold): what the completer matches typing against.
FOLD_ROLE = int(Qt.ItemDataRole.UserRole) + 1

def entry_text(number: int, text: str) -> str:
    """A group entry's problem, "Entry 2: …", in the officer's language."""
    return QCoreApplication.translate("DeskError", ENTRY_TEMPLATE).format(n=number, problem=text)


def _source_marker(parent: QWidget, name: str, source: str | None = None) -> QLabel:
    """The small note beside a value the ID card (or the licence register) gave, shown while the
    value is still theirs."""
    if source is not None and source.startswith("licence."):
        marker = QLabel(QCoreApplication.translate("FormPage", "from the licence register"), parent)
        marker.setToolTip(QCoreApplication.translate(
            "FormPage", "Filled in from the national driving licence register. Check it against the citizen's licence."))
    else:
        marker = QLabel(QCoreApplication.translate("FormPage", "from the ID card"), parent)
        marker.setToolTip(QCoreApplication.translate(
            "FormPage", "Filled in from the citizen's ID card (CCCD). Check it with the citizen."))
    marker.setObjectName(name)
    marker.setStyleSheet("color: #37474f; font-style: italic;")
    marker.setVisible(False)
    return marker


def _message_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    clear_message(label)
    return label


class FieldEditor:
    """A text, date, number, phone, e-mail or choice field: one input and its message line."""

    def __init__(self, form_field: FormField, parent: QWidget, *, name: str | None = None,
                 on_leave: Callable[[], object] | None = None) -> None:
        self.field = form_field
        self._prefilled: str | None = None
        base = name or form_field.key
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
        self.widget.setObjectName(f"field_{base}")
        self.buddy: QWidget = self.widget  # where the field's label leads
        self.widget.setAccessibleName(form_field.label)
        if form_field.help:
            self.widget.setToolTip(form_field.help)
        self.source = _source_marker(self.container, f"field_{base}_source", form_field.prefill)
        self.message = _message_label(self.container, f"field_{base}_message")
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.widget, 1)
        row.addWidget(self.source)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._on_leave = on_leave or self.check
        if isinstance(self.widget, QLineEdit):
            self.widget.editingFinished.connect(self._left)
            self.widget.textChanged.connect(self._mark)
        else:
            self.widget.currentIndexChanged.connect(self._left)
            self.widget.currentIndexChanged.connect(self._mark)

    @property
    def prefilled(self) -> str | None:
        return self._prefilled

    @prefilled.setter
    def prefilled(self, value: str | None) -> None:
        self._prefilled = value
        self._mark()

    def _mark(self) -> None:
        from_card = self._prefilled is not None and self.value() == self._prefilled.strip()
        self.source.setVisible(from_card)
        self.widget.setAccessibleDescription(self.source.text() if from_card else "")

    def _left(self) -> None:
        self._on_leave()

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

    def values(self) -> dict[str, str]:
        return {self.field.key: self.value()}

    def set_values(self, values: Mapping[str, str]) -> None:
        if self.field.key in values:
            self.set_value(values[self.field.key])

    def offer_prefill(self, text: str) -> None:
        # Prefill only what the officer has not typed: going back to fix the citizen's name
        # updates a prefilled field but never overwrites their own entry.
        current = self.value()
        if not current or current == self._prefilled or current == text.strip():
            self.set_value(text)
            self.prefilled = text

    def problem_text(self) -> str | None:
        problem = validate_field(self.field, self.value())
        return None if problem is None else message_text(problem)

    def check(self) -> bool:
        text = self.problem_text()
        if text is None:
            clear_message(self.message)
            return True
        show_message(self.message, text, Tone.ERROR)
        return False

    def focus(self) -> None:
        self.widget.setFocus()

    def focus_widgets(self) -> list[QWidget]:
        return [self.widget]


# ---------------------------------------------------------------------------- addresses


class FoldingCompleter(QCompleter):
    """Completion over a combo's own items that ignores diacritics and case, the way
    officers type: "khanh hoa" offers "Tỉnh Khánh Hòa". Its model is the combo's, so
    choosing a completion selects the combo's item."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.setModel(combo.model())
        self.setCompletionRole(FOLD_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802 - Qt's name
        # The line shows the place's name, not the folded text it was matched by.
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class _LeaveWatcher(QObject):
    """Calls back when focus leaves a place combo for another widget. Neither the line
    edit's editingFinished nor a focus-out event: Qt sends neither while the completion
    list is open, and an officer who types "khanh hoa" and presses Tab leaves with the
    list still showing."""

    def __init__(self, combo: QComboBox, left: Callable[[], object]) -> None:
        super().__init__(combo)
        self._combo = combo
        self._callback = left
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _inside(self, widget: QWidget | None) -> bool:
        popup = self._combo.completer().popup()
        return widget is not None and (widget is self._combo or self._combo.isAncestorOf(widget)
                                       or widget is popup or popup.isAncestorOf(widget))

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self._combo):
            return  # focus moves on while the combo is being destroyed
        if self._inside(old) and not self._inside(new) and new is not None:
            self._combo.completer().popup().hide()
            self._callback()


def _place_combo(parent: QWidget, name: str, placeholder: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # typing never invents a place
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    combo.lineEdit().setPlaceholderText(placeholder)
    combo.setCompleter(FoldingCompleter(combo))
    return combo


def _fill_places(combo: QComboBox, places: Iterable[Province | Ward], keep: str = "") -> None:
    """The combo lists ``places``; the one coded ``keep`` stays chosen when it is listed."""
    with QSignalBlocker(combo):
        combo.clear()
        for place in places:
            combo.addItem(place.name, place.code)
            combo.setItemData(combo.count() - 1, fold(place.name), FOLD_ROLE)
        combo.setCurrentIndex(combo.findData(keep) if keep else -1)
        if combo.currentIndex() < 0:
            combo.setEditText("")


def _resolve(combo: QComboBox) -> str | None:
    """The code of the place the combo shows: "" when empty, None when the typed text is
    not one place of its list. Typed names match without diacritics, with or without the
    unit word ("khanh hoa", "Phường Nha Trang"), or as the only name containing the text."""
    text = combo.currentText().strip()
    if not text:
        return ""
    index = combo.currentIndex()
    if index >= 0 and combo.itemText(index) == text:
        return str(combo.itemData(index))
    folded = fold(text)
    names = [fold(combo.itemText(i)) for i in range(combo.count())]
    for i, name in enumerate(names):
        if name == folded or place_key(name) == folded:
            return str(combo.itemData(i))
    containing = [i for i, name in enumerate(names) if folded in name]
    return str(combo.itemData(containing[0])) if len(containing) == 1 else None


def _select(combo: QComboBox, code: str) -> None:
    index = combo.findData(code) if code else -1
    combo.setCurrentIndex(index)
    if index < 0:
        combo.setEditText("")


# Where a problem sits, in the order the officer fills the address: province, ward, street.
_PROVINCE_STAGE, _WARD_STAGE, _STREET_STAGE = 0, 1, 2


class _FieldFrame(QFrame):
    """The inputs of one field that has several (an address's parts, a group's entries),
    as the one place its label leads to: focus given to it (the label's Alt letter) goes
    on to ``first``, and Tab walks the rest. A focus proxy would do the same but makes Tab
    circle inside the frame."""

    def __init__(self, parent: QWidget, first: Callable[[], QWidget]) -> None:
        super().__init__(parent)
        self._first = first

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._first().setFocus(event.reason())


class AddressEditor:
    """A province and a ward picked from the catalogue's places, and the house and street typed.

    The printable line ("street, ward, province") is shown under the inputs as it will be
    printed. The ID card's address is split by ``address_from_text``; what does not match
    a place stays in the street line for the officer to sort out.
    """

    def __init__(self, form_field: FormField, parent: QWidget, places: Sequence[Province] = (), *,
                 name: str | None = None, on_leave: Callable[[], object] | None = None) -> None:
        self.field = form_field
        self.places = tuple(places)
        self._prefilled: Address | None = None
        self._on_leave = on_leave
        base = name or form_field.key
        self.container = QWidget(parent)
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.province_combo = _place_combo(self.container, f"field_{base}_province",
                                           QCoreApplication.translate("FormPage", "Province or city"))
        self.ward_combo = _place_combo(self.container, f"field_{base}_ward",
                                       QCoreApplication.translate("FormPage", "Ward, commune or special zone"))
        self.street_edit = QLineEdit(self.container)
        self.street_edit.setObjectName(f"field_{base}_street")
        self.street_edit.setPlaceholderText(QCoreApplication.translate("FormPage", "House number and street, or hamlet"))
        label = form_field.label
        self.province_combo.setAccessibleName(QCoreApplication.translate("FormPage", "{label}: province or city").format(label=label))
        self.ward_combo.setAccessibleName(QCoreApplication.translate("FormPage", "{label}: ward, commune or special zone").format(label=label))
        self.street_edit.setAccessibleName(QCoreApplication.translate("FormPage", "{label}: house number and street").format(label=label))
        if form_field.help:
            for widget in self.focus_widgets():
                widget.setToolTip(form_field.help)
        self.widget = self.province_combo
        self.line_label = QLabel(self.container)
        self.line_label.setObjectName(f"field_{base}_line")
        self.line_label.setWordWrap(True)
        self.line_label.setStyleSheet("color: #37474f;")
        self.source = _source_marker(self.container, f"field_{base}_source")
        self.message = _message_label(self.container, f"field_{base}_message")
        # The label leads to the province; Tab goes on to the ward and the street.
        self.buddy: QWidget = _FieldFrame(self.container, lambda: self.province_combo)
        self.buddy.setObjectName(f"field_{base}_parts")
        parts = QVBoxLayout(self.buddy)
        parts.setContentsMargins(0, 0, 0, 0)
        parts.setSpacing(2)
        picks = QHBoxLayout()
        picks.addWidget(self.province_combo, 1)
        picks.addWidget(self.ward_combo, 1)
        parts.addLayout(picks)
        parts.addWidget(self.street_edit)
        shown = QHBoxLayout()
        shown.addWidget(self.line_label, 1)
        shown.addWidget(self.source)
        layout.addWidget(self.buddy)
        layout.addLayout(shown)
        layout.addWidget(self.message)
        _fill_places(self.province_combo, self.places)
        _fill_places(self.ward_combo, ())

        self.province_combo.currentIndexChanged.connect(self._province_changed)
        self.ward_combo.currentIndexChanged.connect(self._shown_changed)
        self.province_combo.editTextChanged.connect(self._shown_changed)
        self.ward_combo.editTextChanged.connect(self._shown_changed)
        self.street_edit.textChanged.connect(self._shown_changed)
        # Picked from the list (or a completion): the part is done. Typed and left: find
        # the place the text names first.
        self.province_combo.activated.connect(lambda _index: self._left(_PROVINCE_STAGE))
        self.ward_combo.activated.connect(lambda _index: self._left(_WARD_STAGE))
        self._watchers = (_LeaveWatcher(self.province_combo, lambda: self._left(_PROVINCE_STAGE)),
                          _LeaveWatcher(self.ward_combo, lambda: self._left(_WARD_STAGE)))
        self.street_edit.editingFinished.connect(lambda: self._left(_STREET_STAGE))
        self._shown_changed()

    # -- the parts

    def address(self) -> Address:
        province, ward = _resolve(self.province_combo), _resolve(self.ward_combo)
        return Address(street=self.street_edit.text().strip(), ward=ward or "", province=province or "")

    def set_address(self, address: Address) -> None:
        _select(self.province_combo, address.province)  # fills the wards of the province
        _select(self.ward_combo, address.ward)
        self.street_edit.setText(address.street)
        self._shown_changed()

    def _province_changed(self) -> None:
        province = find_province(self.places, str(self.province_combo.currentData() or ""))
        keep = str(self.ward_combo.currentData() or "") if self.ward_combo.currentIndex() >= 0 else ""
        _fill_places(self.ward_combo, province.wards if province else (), keep)
        self._shown_changed()

    def _shown_changed(self) -> None:
        address = self.address()
        line = address_line(address, self.places)
        self.line_label.setText(QCoreApplication.translate("FormPage", "On the forms: {line}").format(line=line) if line else "")
        self.line_label.setVisible(bool(line))
        from_card = self._prefilled is not None and address == self._prefilled
        self.source.setVisible(from_card)
        self.province_combo.setAccessibleDescription(self.source.text() if from_card else "")

    def _left(self, stage: int) -> None:
        combo = self.province_combo if stage == _PROVINCE_STAGE else self.ward_combo if stage == _WARD_STAGE else None
        if combo is not None:
            code = _resolve(combo)
            if code and combo.findData(code) != combo.currentIndex():
                _select(combo, code)  # the name as listed replaces what was typed
        if self._on_leave is not None:
            self._on_leave()
        else:
            self._show(stage)

    # -- the editor's face

    @property
    def prefilled(self) -> Address | None:
        return self._prefilled

    @prefilled.setter
    def prefilled(self, value: Address | None) -> None:
        self._prefilled = value
        self._shown_changed()

    def value(self) -> dict[str, str]:
        return flatten_address(self.field.key, self.address(), self.places)

    def set_value(self, value: Mapping[str, str] | Address | str) -> None:
        """The flat values of this field, an ``Address``, or one free line to split."""
        if isinstance(value, Address):
            self.set_address(value)
        elif isinstance(value, str):
            self.set_address(address_from_text(value, self.places))
        else:
            address = unflatten_address(self.field.key, value)
            line = (value.get(self.field.key) or "").strip()
            province = find_province(self.places, address.province)
            known = (not address.province or province is not None) and (
                not address.ward or (province is not None and any(w.code == address.ward for w in province.wards)))
            if line and (address.empty or not known):
                # Places this catalogue does not list (or no parts at all): keep the whole line.
                address = Address(street=line)
            self.set_address(address)

    def values(self) -> dict[str, str]:
        return self.value()

    def set_values(self, values: Mapping[str, str]) -> None:
        mine = field_values(self.field, values)
        if mine:
            self.set_value(mine)

    def offer_prefill(self, text: str) -> None:
        # As for the other fields: only what the officer has not typed, and a value that is
        # still the card's (a draft brought back) is marked as the card's.
        current, parsed = self.address(), address_from_text(text, self.places)
        typed = self.province_combo.currentText().strip() or self.ward_combo.currentText().strip()
        if (current.empty and not typed) or current in (self._prefilled, parsed):
            self.set_address(parsed)
            self.prefilled = parsed

    def _problem(self) -> tuple[int, str] | None:
        label = self.field.label
        if _resolve(self.province_combo) is None:
            text = QCoreApplication.translate(
                "FormPage", "{label}: \"{text}\" is not a province or city of the list; pick one from the list.")
            return _PROVINCE_STAGE, text.format(label=label, text=self.province_combo.currentText().strip())
        if _resolve(self.ward_combo) is None:
            text = QCoreApplication.translate(
                "FormPage", "{label}: \"{text}\" is not a ward or commune of the chosen province; pick one from the list.")
            return _WARD_STAGE, text.format(label=label, text=self.ward_combo.currentText().strip())
        problem = validate_address(self.field, self.address(), self.places)
        if problem is None:
            return None
        stage = {".ward": _WARD_STAGE, ".street": _STREET_STAGE}.get(problem.key[len(self.field.key):], _PROVINCE_STAGE)
        return stage, message_text(problem)

    def _show(self, stage: int) -> bool:
        # Leaving the province does not yet ask for the ward the officer is about to pick.
        problem = self._problem()
        if problem is None or problem[0] > stage:
            clear_message(self.message)
            return problem is None
        show_message(self.message, problem[1], Tone.ERROR)
        return False

    def problem_text(self) -> str | None:
        problem = self._problem()
        return None if problem is None else problem[1]

    def check(self) -> bool:
        return self._show(_STREET_STAGE)

    def focus(self) -> None:
        problem = self._problem()
        self.focus_widgets()[problem[0] if problem else 0].setFocus()

    def focus_widgets(self) -> list[QWidget]:
        return [self.province_combo, self.ward_combo, self.street_edit]


# ---------------------------------------------------------------------------- groups


@dataclass
class _Entry:
    number: QLabel
    remove: QPushButton
    editors: dict[str, FieldEditor | AddressEditor] = field(default_factory=dict)

    def values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for editor in self.editors.values():
            values.update(editor.values())
        return values

    def widgets(self) -> list[QWidget]:
        return [self.number, *(e.container for e in self.editors.values()), self.remove]

    def focus_widgets(self) -> list[QWidget]:
        return [w for e in self.editors.values() for w in e.focus_widgets()] + [self.remove]


class GroupEditor:
    """Entries of the group's sub-fields, one row each under a header of their labels,
    with a button to add an entry and one to remove each. Problems are listed under the
    rows, each naming its entry, for the cells the officer has left (all of them once the
    page is checked)."""

    def __init__(self, form_field: FormField, parent: QWidget, places: Sequence[Province] = (), *,
                 name: str | None = None) -> None:
        self.field = form_field
        self.places = tuple(places)
        self.prefilled = None  # a group takes nothing from the ID card
        self._base = name or form_field.key
        self.least = max(form_field.min_items, 1 if form_field.required else 0)
        self.entries: list[_Entry] = []
        self._touched: set[tuple[int, str]] = set()
        self.container = QWidget(parent)
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.widget = _FieldFrame(self.container, lambda: self.focus_widgets()[0])
        self.buddy: QWidget = self.widget  # to the first entry, or to "Add entry"
        self.widget.setObjectName(f"field_{self._base}")
        self.widget.setAccessibleName(form_field.label)
        self._grid = QGridLayout(self.widget)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._headers: list[QLabel] = []
        for column, sub_field in enumerate(form_field.fields, 1):
            header = QLabel(sub_field.label + (" *" if sub_field.required else ""), self.widget)
            header.setObjectName(f"field_{self._base}_{sub_field.key}_header")
            self._grid.addWidget(header, 0, column)
            self._grid.setColumnStretch(column, 1)
            self._headers.append(header)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(QCoreApplication.translate("FormPage", "&Add entry"), self.container)
        self.add_button.setObjectName(f"field_{self._base}_add")
        self.add_button.setToolTip(QCoreApplication.translate("FormPage", "Add an entry to {label}").format(label=form_field.label))
        self.add_button.setAccessibleName(self.add_button.toolTip())
        self.count_label = QLabel(self.container)
        self.count_label.setObjectName(f"field_{self._base}_count")
        self.count_label.setStyleSheet("color: #37474f;")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.count_label, 1)
        self.message = _message_label(self.container, f"field_{self._base}_message")
        layout.addWidget(self.widget)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_entry)
        for _ in range(self.least):
            self._append({})
        self._update()

    # -- entries

    def add_entry(self) -> None:
        if len(self.entries) >= self.field.max_items:
            return
        self._append({})
        self._update()
        self.entries[-1].focus_widgets()[0].setFocus()

    def remove_entry(self, index: int) -> None:
        if len(self.entries) <= self.least or not 0 <= index < len(self.entries):
            return
        kept = [entry.values() for entry in self.entries]
        del kept[index]
        self._touched = {(i if i < index else i - 1, key) for i, key in self._touched if i != index}
        self._rebuild(kept)
        if self.entries:
            self.entries[min(index, len(self.entries) - 1)].focus_widgets()[0].setFocus()
        else:
            self.add_button.setFocus()
        self._refresh()

    def _append(self, values: Mapping[str, str]) -> None:
        number = len(self.entries) + 1
        entry = _Entry(QLabel(f"{number}.", self.widget), QPushButton(QCoreApplication.translate("FormPage", "Remove"), self.widget))
        entry.remove.setObjectName(f"field_{self._base}_{number}_remove")
        entry.remove.setAccessibleName(QCoreApplication.translate("FormPage", "Remove entry {n}").format(n=number))
        entry.remove.setToolTip(entry.remove.accessibleName())
        entry.remove.clicked.connect(lambda: self.remove_entry(self.entries.index(entry)))
        for sub_field in self.field.fields:
            leave = (lambda key=sub_field.key: self._left(entry, key))
            editor = make_editor(sub_field, self.widget, self.places, name=f"{self._base}_{number}_{sub_field.key}",
                                 on_leave=leave)
            editor.set_values(values)
            editor.widget.setAccessibleName(f"{sub_field.label}, " + QCoreApplication.translate("FormPage", "entry {n}").format(n=number))
            entry.editors[sub_field.key] = editor
        self.entries.append(entry)
        row = number  # row 0 holds the headers
        self._grid.addWidget(entry.number, row, 0, Qt.AlignmentFlag.AlignTop)
        for column, editor in enumerate(entry.editors.values(), 1):
            self._grid.addWidget(editor.container, row, column, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(entry.remove, row, len(entry.editors) + 1, Qt.AlignmentFlag.AlignTop)
        if self.widget.isVisible():
            # At once, not when the layout gets round to it: the new entry takes the focus now.
            for widget in entry.widgets():
                widget.show()
        _tab_before(self.add_button, entry.focus_widgets())

    def _rebuild(self, entries: Sequence[Mapping[str, str]]) -> None:
        for entry in self.entries:
            for widget in entry.widgets():
                widget.hide()
                self._grid.removeWidget(widget)
                widget.deleteLater()
        self.entries = []
        for values in entries:
            self._append(values)
        self._update()

    def _update(self) -> None:
        count = len(self.entries)
        self.add_button.setEnabled(count < self.field.max_items)
        for entry in self.entries:
            entry.remove.setEnabled(count > self.least)
        for header in self._headers:
            header.setVisible(count > 0)
        self.count_label.setText(QCoreApplication.translate("FormPage", "{count} of at most {most}").format(
            count=count, most=self.field.max_items))

    # -- problems

    def _left(self, entry: _Entry, key: str) -> None:
        if entry in self.entries:
            self._touched.add((self.entries.index(entry), key))
            self._refresh()

    def _lines(self, everything: bool) -> list[str]:
        lines = []
        if everything:
            lines += [message_text(p) for p in validate_group(self.field, self.value(), self.places) if p.entry is None]
        for index, entry in enumerate(self.entries):
            for key, editor in entry.editors.items():
                if everything or (index, key) in self._touched:
                    text = editor.problem_text()
                    if text:
                        lines.append(entry_text(index + 1, text))
        return lines

    def _refresh(self, everything: bool = False) -> bool:
        lines = self._lines(everything)
        if lines:
            show_message(self.message, "\n".join(lines), Tone.ERROR)
        else:
            clear_message(self.message)
        return not lines

    # -- the editor's face

    def value(self) -> dict[str, str]:
        return flatten_group(self.field.key, [entry.values() for entry in self.entries])

    def set_value(self, value: Mapping[str, str]) -> None:
        """The flat values of this group (``key.count``, ``key.i.sub``)."""
        self._touched = set()
        self._rebuild(unflatten_group(self.field.key, value))
        clear_message(self.message)

    def values(self) -> dict[str, str]:
        return self.value()

    def set_values(self, values: Mapping[str, str]) -> None:
        mine = field_values(self.field, values)
        if mine:
            self.set_value(mine)

    def offer_prefill(self, text: str) -> None:
        """Nothing of the ID card fills a group's entries; the catalogue has no such prefill."""

    def problem_text(self) -> str | None:
        lines = self._lines(True)
        return lines[0] if lines else None

    def check(self) -> bool:
        self._touched = {(i, key) for i, entry in enumerate(self.entries) for key in entry.editors}
        return self._refresh(everything=True)

    def focus(self) -> None:
        for entry in self.entries:
            for editor in entry.editors.values():
                if editor.problem_text():
                    editor.focus()
                    return
        (self.entries[0].focus_widgets()[0] if self.entries else self.add_button).setFocus()

    def focus_widgets(self) -> list[QWidget]:
        return [w for entry in self.entries for w in entry.focus_widgets()] + [self.add_button]


def _tab_before(anchor: QWidget, widgets: Sequence[QWidget]) -> None:
    """Put ``widgets`` in the Tab order just before ``anchor``: a widget made after the page
    was built would otherwise come last, after the wizard's buttons."""
    previous = anchor.previousInFocusChain()
    while previous is not anchor and previous.focusPolicy() == Qt.FocusPolicy.NoFocus:
        previous = previous.previousInFocusChain()
    if previous is anchor:
        return
    for widget in widgets:
        QWidget.setTabOrder(previous, widget)
        previous = widget


Editor = FieldEditor | AddressEditor | GroupEditor


def make_editor(form_field: FormField, parent: QWidget, places: Sequence[Province] = (), *,
                name: str | None = None, on_leave: Callable[[], object] | None = None) -> Editor:
    """The editor for the field's type; ``name`` names its widgets (``field_<name>…``)."""
    if form_field.type is FieldType.ADDRESS:
        return AddressEditor(form_field, parent, places, name=name, on_leave=on_leave)
    if form_field.type is FieldType.GROUP:
        return GroupEditor(form_field, parent, places, name=name)
    return FieldEditor(form_field, parent, name=name, on_leave=on_leave)
