"""On an empty database, offer demo data so a new user sees the whole flow at once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from app.services.documents import count_documents
from ui.main_window import MainWindow
from ui.messages import exception_text
from ui.tasks import TaskContext, run_task


def offer_demo(window: MainWindow) -> bool:
    if count_documents(window.db) > 0:
        return False

    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("FirstRun", "Welcome to Facturier"),
        QCoreApplication.translate(
            "FirstRun",
            "Your database is empty. Load demo data (a sample company, clients and "
            "documents) to try the program? You can start from an empty file later.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    load_demo(window)
    window.reload()
    return True


def load_demo(window: MainWindow) -> None:
    """Fill the database in the background (every validated document gets its archived PDF,
    which takes a while) behind a progress dialog; the window stays painted meanwhile."""
    progress = QProgressDialog(
        QCoreApplication.translate("FirstRun", "Preparing the demo data…"), "", 0, 0, window
    )
    progress.setObjectName("demoProgressDialog")
    progress.setWindowTitle(QCoreApplication.translate("FirstRun", "Welcome to Facturier"))
    progress.setCancelButton(None)  # half a demo is no use: it runs to the end
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    loop = QEventLoop()
    db = window.db

    def work(context: TaskContext[tuple[int, int]]) -> None:
        # lazy: the demo renders PDFs (fpdf, its crypto): 0.43 s the window's first paint
        # would otherwise wait for on every start, for a first run only
        from app.services.demo import fill_demo

        fill_demo(db, progress=lambda done, total: context.progress((done, total)))

    def advanced(value: tuple[int, int]) -> None:
        done, total = value  # documents made so far, out of
        progress.setMaximum(total)
        progress.setValue(done)

    def failed(error: BaseException) -> None:
        text = exception_text(error)
        QMessageBox.warning(
            window, QCoreApplication.translate("FirstRun", "Welcome to Facturier"), text
        )

    task = run_task(work, on_progress=advanced, on_error=failed, parent=window)
    task.finished.connect(loop.quit)
    progress.show()
    if task.is_running():
        loop.exec()
    progress.close()
