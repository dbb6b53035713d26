"""Course material for trainers (CNFPT, DPO): theme sheets, quizzes and Q&A handouts, quoted from the corpus."""

from assistant.trainer.quiz import QuizItem, build_quiz
from assistant.trainer.sheet import Sheet, build_sheet
from assistant.trainer.themes import Theme, find_theme, list_themes

__all__ = ["QuizItem", "Sheet", "Theme", "build_quiz", "build_sheet", "find_theme", "list_themes"]
