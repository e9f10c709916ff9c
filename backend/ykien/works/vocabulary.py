"""The words of works' enumerations (vi, en), in the form of ``reports/vocabulary.py``; the web
app's i18n shows the same words (tests/works/test_exports.py compares them)."""

from ykien.reports.vocabulary import Term, Vocabulary

KINDS: Vocabulary = {
    "project": Term("Công trình", "Project"),
    "task": Term("Phần việc", "Task"),
}
STATUSES: Vocabulary = {
    "registered": Term("Đã đăng ký", "Registered"),
    "in_progress": Term("Đang thực hiện", "In progress"),
    "done": Term("Hoàn thành", "Done"),
    "dropped": Term("Không thực hiện", "Dropped"),
}
