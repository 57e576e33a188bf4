"""Opening, building and updating the index from the app, and what the user
is told about it (a mixin of DiploReader, like reader.navigation)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from reader import messages as m
from reader import workers
from reader.i18n import language, skip_reason, t
from reader.late import dropped_when_closing
from reader.widgets.article_view import ArticleView
from reader.widgets.search_pane import SearchPane
from reader.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    import threading

    from index import BuildReport, LibraryAPI, SearchResult
    from reader.state import UserState
    from reader.widgets.main_screen import MainScreen


class IndexingMixin(App[int]):
    """Index worker and its messages."""

    if TYPE_CHECKING:
        main_screen: MainScreen
        library: LibraryAPI | None
        articles_dir: Path | None
        index_dir: Path | None
        index_ready: bool
        result: SearchResult | None
        _cancel: threading.Event
        _restore_article: str | None
        preview_paths: dict[str, str]
        user_state: UserState

        def search_now(self) -> None: ...
        def open_article(self, article_id: str, focus: bool = True) -> None: ...

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def load_index(self, rebuild: bool = False) -> None:
        if self.library is None:
            assert self.articles_dir is not None, "need an articles folder or a library"
            if not self.user_state.results:  # a first start: titles before the index
                self.preview_paths = workers.preview(self.articles_dir, self.post_message)
            self.library = workers.open_library(self.articles_dir, self.index_dir)
        workers.load_index(self.library, self.post_message, self._cancel, rebuild)

    @dropped_when_closing
    def on_index_progress(self, message: m.IndexProgress) -> None:
        text = t("index.building", done=message.done, total=message.total)
        status = self.main_screen.query_one(StatusBar)
        status.set_text(text)
        status.set_progress(message.done, message.total)
        if self.result is None:  # nothing to show yet: say why in the pane too
            self.main_screen.query_one(SearchPane).show_notice(text)

    @dropped_when_closing
    def on_index_preview(self, message: m.IndexPreview) -> None:
        if self.result is None and not self.index_ready:
            self.main_screen.query_one(SearchPane).show_result(message.result, False, None)

    @dropped_when_closing
    def on_index_busy(self, _message: m.IndexBusy) -> None:
        self.main_screen.query_one(StatusBar).set_text(t("index.busy"))

    @dropped_when_closing
    def on_index_failed(self, message: m.IndexFailed) -> None:
        self.main_screen.query_one(StatusBar).set_progress(0, None)
        self.main_screen.query_one(StatusBar).set_text(t("index.failed", msg=message.error))
        self.notify(t("index.failed", msg=message.error), severity="error", markup=False)

    @dropped_when_closing
    def on_index_ready(self, message: m.IndexReady) -> None:
        first, self.index_ready = not self.index_ready, True
        status = self.main_screen.query_one(StatusBar)
        status.set_progress(0, None)
        status.set_text(
            t("index.ready", n=message.count) if message.report else t("index.checking")
        )
        report = message.report
        changed = report is not None and (report.processed or report.removed)
        if first or changed:
            self.search_now()
        if message.count == 0:
            self.main_screen.query_one(ArticleView).show_placeholder(
                f"{t('empty.title')}\n\n{t('empty.body', path=self.articles_dir)}"
            )
        elif self._restore_article:
            self.open_article(self._restore_article, focus=False)
            self._restore_article = None
        elif changed and (view := self.main_screen.query_one(ArticleView)).article is not None:
            self.open_article(view.article.id, focus=False)
        if report is not None:
            self.report_build(report)

    def report_build(self, report: BuildReport) -> None:
        if report.skipped:
            lines = [t("index.skipped", n=len(report.skipped))]
            lines += [
                f"{Path(s.path).name}: {skip_reason(s.code, s.reason)}" for s in report.skipped[:8]
            ]
            if len(report.skipped) > 8:
                lines.append("…")
            self.notify("\n".join(lines), severity="warning", timeout=10, markup=False)
        if report.note:
            note = t("index.note", msg=report.note.render(language()))
            self.notify(note, severity="warning", markup=False)

    def action_rebuild_index(self) -> None:
        self.load_index(rebuild=True)
