"""The model browser: every model Groq lists (retired ones kept), its limits and its live quota."""

from __future__ import annotations

import asyncio
import html
import logging
import time

import qasync
from PySide6.QtCore import QDateTime, QItemSelection, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from groq_desktop import i18n
from groq_desktop.app import icons, theme
from groq_desktop.app.bridge import CoreSignals
from groq_desktop.app.composition import Services
from groq_desktop.app.models.frozen_table import FrozenColumnTable
from groq_desktop.app.models.limits_editor import LimitsEditor
from groq_desktop.app.models.model_table_model import (
    Column,
    ModelFilterProxy,
    ModelInfoRole,
    ModelTableModel,
    category_text,
    dimension_label,
    feature_name,
    status_text,
    table_source,
)
from groq_desktop.app.settings import AppSettings, Key
from groq_desktop.core.model_registry import ModelCategory, ModelInfo
from groq_desktop.core.quota.limits import Dimension, ModelLimits
from groq_desktop.errors import GroqDesktopError, format_wait
from groq_desktop.i18n import translate

log = logging.getLogger(__name__)

MIN_CONTEXT_CHOICES = (0, 8_192, 32_768, 131_072)
AGE_LABEL_REFRESH_MS = 30_000


MAX_NAME_WIDTH = 230


def refreshed_text(last_refreshed: float | None, now: float) -> str:
    if last_refreshed is None:
        return translate("ModelsPanel", "Never refreshed")
    age = max(0.0, now - last_refreshed)
    if age < 60:
        return translate("ModelsPanel", "Last refreshed just now")
    return translate("ModelsPanel", "Last refreshed {age} ago").format(age=format_wait(age))


class ModelsPanel(QWidget):
    chat_with_model = Signal(str)
    use_for_transcription = Signal(str)
    refreshed = Signal()  # after a refresh attempt ended (ok or not)

    def __init__(
        self, services: Services, signals: CoreSignals, settings: AppSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._refreshing = False
        self._limits_editor: LimitsEditor | None = None

        self.table_model = ModelTableModel(self, upload_limit=services.transcription.max_upload_bytes)
        self.proxy = ModelFilterProxy(self)
        self.proxy.setSourceModel(self.table_model)

        self.search = QLineEdit(placeholderText=translate("ModelsPanel", "Search models (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(translate("ModelsPanel", "Search models"))
        self.search.textChanged.connect(self.proxy.set_text)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus,
                  context=Qt.ShortcutContext.WindowShortcut)  # while the panel shows

        self.category = QComboBox()
        self.category.addItem(translate("ModelsPanel", "All categories"), None)
        for category in ModelCategory:
            self.category.addItem(category.label(), category)
        self.category.setAccessibleName(translate("ModelsPanel", "Category"))
        self.category.currentIndexChanged.connect(lambda _i: self.proxy.set_category(self.category.currentData()))

        self.min_context = QComboBox()
        for tokens in MIN_CONTEXT_CHOICES:
            self.min_context.addItem(
                translate("ModelsPanel", "Any context") if tokens == 0
                else translate("ModelsPanel", "≥ {size}K context").format(size=tokens // 1024), tokens)
        self.min_context.setAccessibleName(translate("ModelsPanel", "Minimum context"))
        self.min_context.currentIndexChanged.connect(
            lambda _i: self.proxy.set_min_context(int(self.min_context.currentData()))
        )

        self.feature = QComboBox()
        self.feature.setToolTip(translate("ModelsPanel", "Show only models that list this capability"))
        self.feature.currentIndexChanged.connect(lambda _i: self.proxy.set_feature(self.feature.currentData()))

        self.plan = QComboBox()
        self.plan.setToolTip(translate("ModelsPanel", "Your Groq plan: which published limits apply"))
        self.plan.setProperty("showsData", True)  # plan names are Groq's (free, developer)
        for name in services.limit_table.plan_names():
            self.plan.addItem(name, name)
        self.plan.setCurrentIndex(max(0, self.plan.findData(services.limiter.plan)))
        self.plan.currentIndexChanged.connect(self._on_plan_chosen)

        self.refresh_button = QPushButton(icons.icon("refresh"), translate("ModelsPanel", "Refresh"))
        self.refresh_button.setToolTip(translate("ModelsPanel", "Fetch the model list from Groq again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh,
                  context=Qt.ShortcutContext.WindowShortcut)
        self.age_label = QLabel()
        self.age_label.setProperty("role", "caption")
        self.age_label.setMinimumWidth(self.age_label.fontMetrics().horizontalAdvance(
            refreshed_text(0.0, 59 * 60.0) + " "))
        self.error_label = QLabel()
        self.error_label.setObjectName("modelsError")
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.empty_note = QLabel(translate("ModelsPanel", "No models match the search and filters. "
                                                          "<a href='clear'>Show all models</a>"))
        self.empty_note.setProperty("surface", "notice")
        self.empty_note.setObjectName("modelsEmpty")
        self.empty_note.linkActivated.connect(lambda _link: self.clear_filters())
        self.empty_note.hide()
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._update_empty_note)

        self.view = FrozenColumnTable()  # the model's name stays in view while the limits scroll
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(Column.ID, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(False)
        # Status is said by the row's look (grey, italic when retired) and tooltip: its column is room for limits.
        self.view.setColumnHidden(Column.ACTIVE, True)
        self.view.horizontalHeader().setSectionResizeMode(Column.ID, QHeaderView.ResizeMode.Interactive)
        # Capabilities are listed in full in the details beside the table: elided here, limits keep the room.
        self.view.horizontalHeader().setSectionResizeMode(Column.CATEGORY, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().resizeSection(Column.CATEGORY, 150)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.view.doubleClicked.connect(lambda _index: self._chat_with_selected())

        self.details = QTextBrowser()
        self.details.setMinimumWidth(220)
        self.details.setOpenLinks(False)
        self.chat_button = QPushButton(icons.icon("comment-discussion"), translate("ModelsPanel", "Chat with this model"))
        self.chat_button.setProperty("role", "primary")
        self.chat_button.clicked.connect(self._chat_with_selected)
        self.transcribe_button = QPushButton(icons.icon("mic"), translate("ModelsPanel", "Use for transcription"))
        self.transcribe_button.clicked.connect(self._transcribe_with_selected)
        self.limits_button = QPushButton(icons.icon("edit"), translate("ModelsPanel", "Edit limits…"))
        self.limits_button.setToolTip(translate("ModelsPanel", "Change this model's limits for your plan"))
        self.limits_button.clicked.connect(self.edit_limits)

        # Two rows, so the panel fits a 900 px window: what to show, then where the figures come from.
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.category)
        filters.addWidget(self.min_context)
        filters.addWidget(self.feature)
        source_row = QHBoxLayout()
        plan_label = QLabel(translate("ModelsPanel", "&Plan:"))
        plan_label.setBuddy(self.plan)
        source_row.addWidget(plan_label)
        source_row.addWidget(self.plan)
        source_row.addStretch(1)
        source_row.addWidget(self.age_label)
        source_row.addWidget(self.refresh_button)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.details, 1)
        for button in (self.chat_button, self.transcribe_button, self.limits_button):
            side_layout.addWidget(button)

        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1040, 220])

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(source_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.empty_note)
        layout.addWidget(splitter, 1)

        self._age_timer = QTimer(self, interval=AGE_LABEL_REFRESH_MS)
        self._age_timer.timeout.connect(self._update_age)
        signals.models_changed.connect(self.reload)
        signals.limits_changed.connect(self._on_limits_changed)
        self.reload()

    # --- data -----------------------------------------------------------------------------

    def _limits_of(self, model: str) -> ModelLimits:
        return self._services.limit_table.limits_for(model, self._services.limiter.plan)

    def _current_limits(self, model: str) -> ModelLimits:
        """The plan's limits, with the figures the limiter has since learned (headers, 429s) in their place."""
        limits = self._limits_of(model)
        if model in self._services.limiter.models():
            for snap in self._services.limiter.snapshot(model):
                limits = limits.with_value(snap.dimension, snap.limit)
        return limits

    def _sources_of(self, model: str) -> dict[Dimension, str]:
        """Where the limiter's figure for each dimension came from (none for a model not used yet)."""
        if model not in self._services.limiter.models():
            return {}
        return {s.dimension: s.source_text or str(s.source) for s in self._services.limiter.snapshot(model)}

    def _update_empty_note(self, *_args: object) -> None:
        filtered_out = self.proxy.rowCount() == 0 and self.table_model.rowCount() > 0
        self.empty_note.setVisible(filtered_out)

    def clear_filters(self) -> None:
        self.search.clear()
        for box in (self.category, self.min_context, self.feature):
            box.setCurrentIndex(0)

    def reload(self) -> None:
        """Re-read the registry (memory or disk cache) and the limits, keeping the selection."""
        selected = self.selected_model()
        models = self._services.registry.models(include_retired=True)
        self.table_model.set_models(models, self._current_limits, self._sources_of)
        self.view.resizeColumnToContents(Column.ID)
        self.view.setColumnWidth(Column.ID, min(self.view.columnWidth(Column.ID), MAX_NAME_WIDTH))  # full id on hover
        self._fill_features(models)
        self._update_age()
        if selected is not None:
            self.select_model(selected.id)
        else:
            self._show_details(None)

    def _fill_features(self, models: list[ModelInfo]) -> None:
        current = self.feature.currentData()
        features = sorted({f for m in models for f in m.supported_features})
        self.feature.blockSignals(True)
        self.feature.clear()
        self.feature.addItem(translate("ModelsPanel", "Any capability"), None)
        for name in features:
            self.feature.addItem(feature_name(name), name)
        self.feature.setCurrentIndex(max(0, self.feature.findData(current)))
        self.feature.blockSignals(False)
        self.proxy.set_feature(self.feature.currentData())

    def _update_age(self) -> None:
        self.age_label.setText(refreshed_text(self._services.registry.last_refreshed, time.time()))

    @qasync.asyncSlot()
    async def refresh(self) -> None:
        """Fetch the list again in a worker thread; a failure is shown inline, the old list stays."""
        if self._refreshing:
            return
        self._refreshing = True
        self.refresh_button.setEnabled(False)
        self.age_label.setText(translate("ModelsPanel", "Refreshing…"))
        try:
            await asyncio.to_thread(self._services.registry.refresh, True)
        except GroqDesktopError as exc:
            self._show_error(translate("ModelsPanel", "Could not refresh the model list: {reason}").format(
                reason=exc.user_text()))
        except Exception as exc:  # the registry may surface any I/O error
            log.exception("model list refresh failed")
            self._show_error(translate("ModelsPanel", "Could not refresh the model list: {reason}").format(reason=exc))
        else:
            self.error_label.hide()
        finally:
            self._refreshing = False
            self.refresh_button.setEnabled(True)
            self.reload()
            self.refreshed.emit()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text + "\n" + translate("ModelsPanel", "Showing the last list that was fetched."))
        self.error_label.show()

    # --- selection and details -------------------------------------------------------------

    def selected_model(self) -> ModelInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ModelInfoRole) if rows else None

    def select_model(self, model_id: str) -> bool:
        row = self.table_model.row_of(model_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.table_model.index(row, 0))
        if not index.isValid():
            return False
        self.view.selectRow(index.row())
        self.view.scrollTo(index)
        return True

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_details(self.selected_model())

    def _on_limits_changed(self, model: str) -> None:
        selected = self.selected_model()
        if selected is not None and selected.id == model and self.isVisible():
            self._show_details(selected)

    def _show_details(self, info: ModelInfo | None) -> None:
        has = info is not None
        self.chat_button.setEnabled(has and info.usable and info.is_chat)
        self.transcribe_button.setEnabled(has and info.usable and info.is_transcription)
        self.limits_button.setEnabled(has)
        self.details.setHtml(self.details_html(info) if info is not None
                             else "<p>" + html.escape(translate("ModelsPanel", "Select a model.")) + "</p>")

    def details_html(self, info: ModelInfo) -> str:
        esc = html.escape
        def tokens(count: int | None) -> str:
            return translate("ModelsPanel", "{count} tokens").format(count=i18n.number(count, 0)) if count else "—"

        created = QDateTime.fromSecsSinceEpoch(int(info.created)).date() if info.created else None
        rows = [
            (translate("ModelsPanel", "Owner"), info.owned_by or "—"),
            (translate("ModelsPanel", "Status"), status_text(info)),
            (translate("ModelsPanel", "Categories"), category_text(info) or "—"),
            (translate("ModelsPanel", "Context window"), tokens(info.context_window)),
            (translate("ModelsPanel", "Max output"), tokens(info.max_completion_tokens)),
            (translate("ModelsPanel", "Input"), ", ".join(info.input_modalities) or "—"),
            (translate("ModelsPanel", "Output"), ", ".join(info.output_modalities) or "—"),
            (translate("ModelsPanel", "Capabilities"), ", ".join(map(feature_name, info.supported_features)) or "—"),
            (translate("ModelsPanel", "Created"),
             QLocale().toString(created, QLocale.FormatType.ShortFormat) if created else "—"),
        ]
        if info.is_transcription:
            rows.append((translate("ModelsPanel", "Translation"),
                         translate("ModelsPanel", "yes") if info.supports_translation else translate("ModelsPanel", "no")))
        extra = {
            k: v
            for k, v in info.raw.items()
            if v is not None and k not in {"id", "object", "owned_by", "active", "context_window", "max_completion_tokens",
                         "created", "input_modalities", "output_modalities", "supported_features"}
        }
        rows.extend((k.replace("_", " "), str(v)) for k, v in sorted(extra.items()))
        body = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in rows)
        title = esc(info.id) + (" <i>" + esc(translate("ModelsPanel", "(retired)")) + "</i>" if info.retired else "")
        return f"<h3>{title}</h3><table cellspacing=4>{body}</table>{self._quota_html(info.id)}"

    def _quota_html(self, model: str) -> str:
        """All eight limits (known or not), each with what is left and where its figure came from.

        Two lines a limit (what it is; what is left, when it refills, from where): the side panel is narrow."""
        esc = html.escape
        colours = theme.tokens(self.palette())
        plan = self._services.limiter.plan
        used = model in self._services.limiter.models()
        snaps = {s.dimension: s for s in self._services.limiter.snapshot(model)} if used else {}
        table = self._limits_of(model).values
        lines = []
        for dimension in Dimension:
            snap = snaps.get(dimension)
            if snap is not None:
                left = translate("ModelsPanel", "{left} of {limit} left").format(
                    left=i18n.number(snap.remaining, 0), limit=i18n.number(snap.limit, 0))
                if snap.closed_for > 0:
                    when = translate("ModelsPanel", "closed {wait}").format(wait=format_wait(snap.closed_for))
                elif snap.reset_in > 0.05:
                    when = translate("ModelsPanel", "full in {wait}").format(wait=format_wait(snap.reset_in))
                else:
                    when = ""
                source = snap.source_text or str(snap.source)
            elif dimension in table:
                left = translate("ModelsPanel", "{limit} (all left)").format(limit=i18n.number(table[dimension], 0))
                when, source = "", table_source()
            else:
                left, when, source = translate("ModelsPanel", "no limit known"), "", ""
            detail = " · ".join(esc(part) for part in (left, when, source) if part)
            lines.append(
                f"<tr><td><b>{esc(dimension.value)}</b></td><td>{esc(dimension_label(dimension))}<br>"
                f"<span style='color:{colours.muted_text.name()}'>{detail}</span></td></tr>"
            )
        title = (translate("ModelsPanel", "Limits ({plan} plan)") if used
                 else translate("ModelsPanel", "Limits ({plan} plan) — not used yet")).format(plan=plan)
        return f"<h4>{esc(title)}</h4><table cellspacing=3>{''.join(lines)}</table>"

    # --- actions -----------------------------------------------------------------------------

    def _chat_with_selected(self) -> None:
        info = self.selected_model()
        if info is not None and info.usable and info.is_chat:
            self.chat_with_model.emit(info.id)

    def _transcribe_with_selected(self) -> None:
        info = self.selected_model()
        if info is not None and info.usable and info.is_transcription:
            self.use_for_transcription.emit(info.id)

    def edit_limits(self) -> LimitsEditor | None:
        info = self.selected_model()
        if info is None:
            return None
        editor = LimitsEditor(self._services, info.id, self)
        editor.saved.connect(lambda _model: self.reload())
        editor.finished.connect(editor.deleteLater)
        self._limits_editor = editor
        editor.open()
        return editor

    def _on_plan_chosen(self, _index: int) -> None:
        plan = self.plan.currentData()
        if not plan or plan == self._services.limiter.plan:
            return
        self._services.limiter.set_plan(plan)
        self._settings.set(Key.PLAN, plan)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._update_age()
        self._age_timer.start()
        self._show_details(self.selected_model())
        registry = self._services.registry
        if registry.is_stale and not self._refreshing:
            QTimer.singleShot(0, self.refresh)

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().hideEvent(event)
        self._age_timer.stop()

