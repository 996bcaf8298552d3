"""The conversation's parameters in a side sheet beside the messages: the chat keeps its height, and each
value has its own "reset to default"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from groq_desktop.app import icons, theme
from groq_desktop.app.chat.parameters import ParametersWidget
from groq_desktop.i18n import translate

SHEET_WIDTH = 330


def reset_to_default(widget: QWidget, default_prompt: str = "") -> None:
    """Each input's own default: the lowest spin value ("default"/"random"), the first choice, unchecked,
    empty; the system prompt goes back to the Settings' default one."""
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(default_prompt)
    elif isinstance(widget, QSpinBox | QDoubleSpinBox):
        widget.setValue(widget.minimum())
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(0)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(False)
    elif isinstance(widget, QLineEdit):
        widget.clear()
    else:  # a row of several inputs (the stop sequences)
        for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            reset_to_default(child, default_prompt)


def is_default(widget: QWidget, default_prompt: str = "") -> bool:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText() == default_prompt
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value() == widget.minimum()
    if isinstance(widget, QComboBox):
        return widget.currentIndex() <= 0
    if isinstance(widget, QCheckBox):
        return not widget.isChecked()
    if isinstance(widget, QLineEdit):
        return not widget.text()
    return all(
        is_default(child, default_prompt)
        for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    )


class _FollowVisibility(QObject):
    """A row's reset button is shown and hidden with its input (the model decides which apply)."""

    def __init__(self, field: QWidget, holder: QWidget) -> None:
        super().__init__(field)
        self._holder = holder
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._holder.setVisible(event.type() == QEvent.Type.ShowToParent)
        return False


class ParametersSheet(QFrame):
    """Holds the ParametersWidget, expanded, with a reset button on every row, Reset all and Close."""

    closed = Signal()

    def __init__(
        self, parameters: ParametersWidget, default_prompt: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("parametersSheet")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(SHEET_WIDTH)
        self.parameters = parameters
        self._default_prompt = default_prompt
        parameters.toggle.hide()
        parameters.set_expanded(True)
        self.reset_buttons: dict[str, QToolButton] = {}
        self._fields: dict[str, QWidget] = {}
        self._add_reset_buttons()

        title = QLabel(translate("ParametersSheet", "Parameters of this conversation"))
        title.setProperty("role", "title")
        self.close_button = QToolButton()
        self.close_button.setIcon(icons.icon("close"))
        self.close_button.setToolTip(translate("ParametersSheet", "Close the parameters (Esc)"))
        self.close_button.setAccessibleName(translate("ParametersSheet", "Close the parameters"))
        self.close_button.setAutoRaise(True)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.close_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(parameters)
        self.reset_all_button = QPushButton(translate("ParametersSheet", "Reset all to defaults"))
        self.reset_all_button.setIcon(icons.icon("discard"))
        column = QVBoxLayout(self)
        space = theme.tokens()
        column.setContentsMargins(space.space_m, space.space_s, space.space_m, space.space_m)
        column.addLayout(top)
        column.addWidget(scroll, 1)
        column.addWidget(self.reset_all_button)

        self.close_button.clicked.connect(self.close_sheet)
        self.reset_all_button.clicked.connect(self.reset_all)
        parameters.changed.connect(self.update_reset_buttons)
        self.hide()

    def _add_reset_buttons(self) -> None:
        form = self.parameters.body.layout()
        assert isinstance(form, QFormLayout)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: the sheet is narrow
        for row in range(form.rowCount()):
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            field = field_item.widget() if field_item is not None else None
            if field is None:
                continue
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = label_item.widget() if label_item is not None else None
            name = label.text() if isinstance(label, QLabel) and label.text() else _name_of(field)
            holder = QWidget()
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(2)
            form.replaceWidget(field, holder)
            line.addWidget(field, 1)
            reset = QToolButton()
            reset.setIcon(icons.icon("discard"))
            reset.setAutoRaise(True)
            reset.setObjectName(f"reset {name}")
            reset.setToolTip(translate("ParametersSheet", "Reset “{name}” to its default").format(name=name))
            reset.setAccessibleName(translate("ParametersSheet", "Reset “{name}”").format(name=name))
            line.addWidget(reset, 0, Qt.AlignmentFlag.AlignTop)
            holder.setVisible(not field.isHidden())
            _FollowVisibility(field, holder)
            reset.clicked.connect(lambda _checked=False, f=field: self.reset(f))
            self.reset_buttons[name] = reset
            self._fields[name] = field

    def reset(self, field: QWidget) -> None:
        reset_to_default(field, self._default_prompt())
        self.parameters.changed.emit()  # some inputs (the stop sequences) only say so on editing
        self.update_reset_buttons()

    def reset_all(self) -> None:
        for field in self._fields.values():
            reset_to_default(field, self._default_prompt())
        self.parameters.changed.emit()
        self.update_reset_buttons()

    def update_reset_buttons(self) -> None:
        """A reset button is only live where the value is not the default already."""
        prompt = self._default_prompt()
        for name, field in self._fields.items():
            self.reset_buttons[name].setEnabled(not is_default(field, prompt))

    def open_sheet(self) -> None:
        self.update_reset_buttons()
        self.show()
        self.parameters.system_prompt.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_sheet(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()


def _name_of(field: QWidget) -> str:
    if isinstance(field, QCheckBox):
        return field.text()
    if isinstance(field, QAbstractSpinBox | QComboBox):
        return field.toolTip() or field.objectName()
    return field.objectName() or translate("ParametersSheet", "value")
