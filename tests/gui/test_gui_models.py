"""Every item model passes pytest-qt's qtmodeltester, and the story proxy filters and sorts as shown."""

from __future__ import annotations

from storybook.gui.coverage.coverage_model import CoverageModel
from storybook.gui.questions.question_model import QuestionFilterProxy, QuestionModel
from storybook.gui.stories.story_list_model import StoryFilterProxy, StoryListModel, StoryRoles


def test_story_list_model_and_proxy(qtmodeltester, sample_bank) -> None:
    model = StoryListModel()
    model.set_competency_names(sample_bank.questions.competency_names())
    model.set_rows(sample_bank.stories.list())
    model.set_scores({s.id: n * 7 for n, s in enumerate(sample_bank.stories.list())})
    qtmodeltester.check(model)
    proxy = StoryFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("model")
    proxy.set_filters(status="ready")
    proxy.set_sort_key("score")
    qtmodeltester.check(proxy)
    scores = [model.score(proxy.index(r, 0).data(StoryRoles.ID)) for r in range(proxy.rowCount())]
    assert len(scores) >= 2
    assert scores == sorted(scores, reverse=True)


def test_story_list_model_upsert_and_remove(qtmodeltester, sample_bank) -> None:
    model = StoryListModel()
    records = sample_bank.stories.list()
    model.set_rows(records[:3])
    model.upsert(records[5])
    assert model.rowCount() == 4
    changed = records[0]
    changed.title = "Renamed"
    model.upsert(changed)
    assert model.data(model.index(0, 0)) == "Renamed"
    model.remove(records[1].id)
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def test_empty_models(qtmodeltester) -> None:
    for model in (StoryListModel(), QuestionModel(), CoverageModel()):
        qtmodeltester.check(model)


def test_question_model_and_proxy(qtmodeltester, sample_bank) -> None:
    model = QuestionModel()
    model.set_rows(sample_bank.questions.list(include_hidden=True), sample_bank.questions.competency_names())
    qtmodeltester.check(model)
    proxy = QuestionFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_competency("leadership")
    proxy.set_search("team")
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < model.rowCount()


def test_coverage_model_in_both_modes(qtmodeltester, sample_bank) -> None:
    model = CoverageModel()
    model.set_data(sample_bank.stories.list(), sample_bank.questions.competencies(), sample_bank.questions.list())
    qtmodeltester.check(model)
    model.set_mode("questions")
    qtmodeltester.check(model)
    assert model.rowCount() == len(sample_bank.questions.list())


def test_every_model_in_a_live_window_after_edits(qtmodeltester, qtbot, window) -> None:
    """The models as the window uses them, after typing, filtering, trashing and toggling."""
    workspace = window.workspace
    workspace.editor.section_edit("result").setPlainText("Cut costs by 20%.")
    assert workspace.flush()
    workspace.trash_current()
    qtbot.keyClicks(workspace.list_panel.edit_search, "data")
    window.show_tab("trash")
    window.show_tab("questions")
    window.questions.edit_search.setText("team")
    window.show_tab("grid")
    grid = window.grid
    assert grid.toggle(grid.model.index(0, 0))
    models = [workspace.list_panel.model, workspace.list_panel.proxy, window.trash.model,
              window.questions.model, window.questions.proxy, grid.model]
    assert window.trash.model.rowCount() == 1
    assert 0 < workspace.list_panel.proxy.rowCount() < workspace.list_panel.model.rowCount()
    for model in models:
        qtmodeltester.check(model)
    grid.radio_questions.setChecked(True)
    qtmodeltester.check(grid.model)
