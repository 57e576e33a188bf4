"""Help, palette, suggestions, errors, literal article text, language, saved
state, empty folders and unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import settle
from reader_fakes import ARTICLES, FakeLibrary

from index.records import BuildReport, Skipped
from reader.i18n import t
from reader.widgets.article_view import ArticleBlock, ArticleView
from reader.widgets.help_screen import HelpScreen, help_sections
from reader.widgets.results_list import ResultsList


def shown(app, selector: str) -> str:
    return str(app.main_screen.query_one(selector).render())


async def test_help_screen_lists_every_binding(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for _heading, rows in help_sections(app.BINDINGS):
            for _keys, description in rows:
                assert t(description) != description, description  # every one translated
        for needle in ("Strg+F", "Hilfe", "Nächster Treffer", "Filtern", "Beenden", "PgDn", "]"):
            assert needle in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("down", "question_mark")  # ? works outside the query
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen) and app.is_running


async def test_palette_sorts_by_date_and_switches_theme(make_app, fake_library, tmp_path) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Datum sort")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.user_state.sort == "date"
        await pilot.press("ctrl+p")
        await pilot.press(*"Farbschema: nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    saved = json.loads(app.state_path.read_text(encoding="utf-8"))
    assert saved["theme"] == "nord" and saved["sort"] == "date"


async def test_palette_has_the_issue_commands_in_german(make_app, fake_library) -> None:
    from reader.commands import ReaderCommands

    app = make_app(library=fake_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [title for title, _cb, _help in ReaderCommands(app.screen)._commands()]
        for title in (
            "Index neu aufbauen",
            "Seitenleiste ein/aus",
            "Nach Relevanz sortieren",
            "Nach Datum sortieren",
            "Artikelordner anzeigen",
        ):
            assert title in titles
        assert any(title.startswith("Farbschema: ") for title in titles)


async def test_no_hits_shows_suggestion_and_ctrl_g_takes_it(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"Tokyo")
        await settle(pilot)
        message = shown(app, "#query-message")
        assert "Keine Treffer" in message and "Tokio" in message
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert app.main_screen.query_one("#query").value == "Tokio"
        assert app.main_screen.query_one(ResultsList).hit_ids == ["a1"]


async def test_malformed_query_message_under_input(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"Moskau AND (")
        await settle(pilot)
        assert app.result.error
        assert app.result.error in shown(app, "#query-message")


async def test_article_markup_and_escapes_are_shown_literally(make_app, fake_library) -> None:
    app = make_app(library=fake_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"Absatz")
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        blocks = app.main_screen.query(ArticleBlock)
        text = "\n".join(str(b.render()) for b in blocks)
        assert "[bold]bleibt[/bold]" in text
        assert "[link=https://example.org]Link[/link]" in text
        assert "[@click=app.quit]Klick[/]" in text
        assert "\x1b" not in text and "␛[31mrot" in text
        assert app.is_running
        # Clicking the would-be link must not quit the app either.
        await pilot.click(ArticleView)
        assert app.is_running


async def test_textual_markdown_widget_does_not_parse_rich_markup() -> None:
    """We render Markdown ourselves, but check the library behaviour the issue asks about."""
    from textual.app import App
    from textual.widgets import Markdown

    class Probe(App[None]):
        def compose(self):
            yield Markdown("Text [bold]fett[/bold] und [@click=app.quit]x[/]")

    app = Probe()
    async with app.run_test() as pilot:
        await pilot.pause()
        para = app.query("MarkdownParagraph").first()
        assert "[bold]fett[/bold]" in str(para._content)


async def test_english_ui(make_app, fake_library) -> None:
    app = make_app(library=fake_library, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "3 articles, newest first" in shown(app, "#hit-count")
        await pilot.press(*"Tokyo")
        await settle(pilot)
        assert "No results" in shown(app, "#query-message")
        await pilot.press("f1")
        text = str(app.screen.query_one("#help-text").render())
        assert "Key bindings" in app.screen.query_one("#help-box").border_title
        assert "Next match" in text and "Treffer" not in text
    from reader.i18n import set_language

    set_language("de")


def test_language_detection(monkeypatch) -> None:
    from reader.i18n import detect_language

    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert detect_language(None) == "de"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert detect_language(None) == "en"
    assert detect_language("de") == "de"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert detect_language("en") == "en"


async def test_last_query_and_article_are_restored(make_app, fake_library, tmp_path) -> None:
    state = tmp_path / "st" / "state.json"
    app = make_app(library=fake_library, state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"Lawrow")
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
    app2 = make_app(library=FakeLibrary(), state=state)
    async with app2.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        assert app2.main_screen.query_one("#query").value == "Lawrow"
        assert app2.main_screen.query_one(ArticleView).article.id == "a2"


async def test_corrupt_state_is_set_aside(make_app, fake_library, tmp_path) -> None:
    state = tmp_path / "st" / "state.json"
    state.parent.mkdir(parents=True)
    state.write_text("{not json", encoding="utf-8")
    app = make_app(library=fake_library, state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("beschädigt" in n.message for n in app._notifications)
    assert (state.parent / "state.json.corrupt").read_text(encoding="utf-8") == "{not json"


async def test_empty_articles_folder(make_app, tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(articles=empty)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main_screen.query_one(ResultsList).option_count == 0
        assert "Keine Artikel" in str(app.main_screen.query(".placeholder").first().render())


async def test_unreadable_files_are_reported(make_app) -> None:
    class Skipping(FakeLibrary):
        def update(self, **_kwargs: object) -> BuildReport:
            return BuildReport(
                skipped=(Skipped("/x/kaputt.txt", "binary file (not text)", "binary"),)
            )

    app = make_app(library=Skipping(ARTICLES))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        messages = [n.message for n in app._notifications]
        assert any("kaputt.txt: keine Textdatei" in m and "nicht lesbar" in m for m in messages)


def test_state_round_trip_and_atomic_write(tmp_path: Path) -> None:
    from reader.state import UserState, load_state, save_state

    path = tmp_path / "a" / "state.json"
    save_state(path, UserState(query="Genf", article_id="x", theme="nord"))
    state, corrupt = load_state(path)
    assert corrupt is None and state.query == "Genf" and state.theme == "nord"
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temp files left
    path.write_text('{"query": 5, "sort": "weird"}', encoding="utf-8")
    state, corrupt = load_state(path)
    assert corrupt is None and state.query == "" and state.sort == "relevance"


async def test_last_results_paint_before_the_index_opens(make_app, tmp_path) -> None:
    """The hits shown at quit come back with the first frame, then a live search
    replaces them once the (here deliberately slow) index is open."""
    import threading

    state = tmp_path / "st" / "state.json"
    app = make_app(library=FakeLibrary(), state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert json.loads(state.read_text(encoding="utf-8"))["results_total"] == 3

    gate = threading.Event()

    class Slow(FakeLibrary):
        def open_existing(self) -> bool:
            gate.wait(5)
            return True

    app2 = make_app(library=Slow(), state=state)
    async with app2.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        assert not app2.index_ready
        assert app2.main_screen.query_one(ResultsList).hit_ids == ["a2", "a1", "a3"]
        gate.set()
        await settle(pilot)
        assert app2.shown_seq == app2.search_seq >= 1


def test_first_page_then_the_longer_list() -> None:
    """A search posts its first page at once and the longer list after it, but
    only while it is still the current search."""
    from index.records import Hit, SearchResult
    from reader import workers

    class Lib:
        def search(
            self, query: str, *, filters: object, limit: int, sort: str, typing: bool
        ) -> SearchResult:
            hits = tuple(Hit(str(i), "t", None, "unknown", 1.0, "") for i in range(min(limit, 300)))
            return SearchResult(query, hits, 300)

    posted: list = []
    workers.run_search(Lib(), 7, "x", (), "relevance", posted.append, lambda: 7)
    assert [(p.seq, p.more, len(p.result.hits)) for p in posted] == [
        (7, False, workers.RESULT_LIMIT),
        (7, True, workers.MORE_LIMIT),
    ]
    posted.clear()
    workers.run_search(Lib(), 7, "x", (), "relevance", posted.append, lambda: 8)
    assert [p.more for p in posted] == [False]
