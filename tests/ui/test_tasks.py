"""The UI's task runner: work in the pool, results and errors back on the GUI thread."""

from __future__ import annotations

import threading

from supervisor_app.ui.tasks import TaskRunner


def test_results_arrive_on_the_gui_thread(qapp, qtbot):
    """The function runs in a pool thread; its result is delivered on the GUI thread."""
    runner = TaskRunner()
    gui = threading.current_thread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["callback"] = threading.current_thread()

    runner.submit(work, done)
    assert runner.wait_idle(5)
    assert seen["result"] == 42
    assert seen["worker"] is not gui and seen["callback"] is gui


def test_errors_go_to_the_error_callback_and_progress_is_reported(qapp, qtbot):
    """An exception reaches on_error (never lost in the pool); progress reports arrive."""
    runner = TaskRunner()
    errors: list[BaseException] = []
    progress: list[tuple[int, int]] = []

    def fail() -> None:
        raise ValueError("broken")

    runner.submit(fail, lambda _r: None, errors.append)

    def counting(report) -> str:
        for i in range(1, 4):
            report(i, 3)
        return "done"

    results: list[str] = []
    runner.submit_with_progress(counting, results.append, lambda d, t: progress.append((d, t)))
    assert runner.wait_idle(5)
    assert [str(e) for e in errors] == ["broken"]
    assert results == ["done"] and progress == [(1, 3), (2, 3), (3, 3)]
    assert not runner.busy
