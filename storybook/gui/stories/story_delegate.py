"""GUI: paints a story row: title, score badge, status pill and competency chips; under a search, where it matched."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from storybook.bank.fulltext import SearchHit
from storybook.gui.stories.search_marks import MARK_BG, MARK_FG
from storybook.gui.stories.story_list_model import StoryRoles

PAD = 6
GAP = 4
STATUS_COLORS = {"ready": (QColor("#2e7d32"), QColor("white")), "draft": (QColor("#6b7280"), QColor("white"))}


def score_colors(score: int) -> tuple[QColor, QColor]:
    if score >= 80:
        return QColor("#2e7d32"), QColor("white")
    if score >= 60:
        return QColor("#f6c343"), QColor("#1a1a1a")
    return QColor("#c62828"), QColor("white")


class StoryItemDelegate(QStyledItemDelegate):
    """GUI: two-line story rows that scale with the font (readable at 200%)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        small = QFontMetrics(self._small_font(option.font))
        snippet = GAP + small.height() if index.data(StoryRoles.SEARCHING) else 0
        return QSize(200, PAD * 2 + fm.height() + GAP + small.height() + 4 + snippet)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        right = self._paint_score(painter, opt, rect, index.data(StoryRoles.SCORE))
        title_font = QFont(opt.font)
        title_font.setBold(True)
        fm = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(opt.palette.color(text_role))
        title_rect = QRect(rect.left(), rect.top(), right - rect.left() - GAP, fm.height())
        title = fm.elidedText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""), Qt.TextElideMode.ElideRight,
                              title_rect.width())
        painter.drawText(title_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        line_top = rect.top() + fm.height() + GAP
        self._paint_chips(painter, opt, rect, line_top, index, selected)
        hit = index.data(StoryRoles.HIT)
        if isinstance(hit, SearchHit) and hit.snippet:
            small = QFontMetrics(self._small_font(opt.font))
            self._paint_snippet(painter, opt, rect, line_top + small.height() + 4 + GAP, hit, selected)
        painter.restore()

    def _paint_snippet(self, painter: QPainter, opt: QStyleOptionViewItem, rect: QRect, top: int, hit: SearchHit,
                       selected: bool) -> None:
        """The snippet on one line, its matches marked as in the editor, cut with … at the right edge."""
        font = self._small_font(opt.font)
        fm = QFontMetrics(font)
        painter.setFont(font)
        plain = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        x, right, height = rect.left(), rect.right(), fm.height()
        for text, marked in snippet_pieces(hit):
            room = right - x
            shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, room) if fm.horizontalAdvance(text) > room \
                else text
            if not shown:
                return
            width = fm.horizontalAdvance(shown)
            box = QRect(x, top, width, height)
            if marked:
                painter.fillRect(box.adjusted(-1, 0, 1, 0), MARK_BG)
            painter.setPen(MARK_FG if marked else plain)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
            x += width
            if shown != text:
                return

    @staticmethod
    def _small_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return small

    def _paint_score(self, painter: QPainter, opt: QStyleOptionViewItem, rect: QRect, score: object) -> int:
        if not isinstance(score, int):
            return rect.right()
        font = self._small_font(opt.font)
        font.setBold(True)
        fm = QFontMetrics(font)
        text = str(score)
        width = max(fm.horizontalAdvance("100"), fm.horizontalAdvance(text)) + 10
        badge = QRect(rect.right() - width, rect.top(), width, fm.height() + 2)
        bg, fg = score_colors(score)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setFont(font)
        painter.setPen(fg)
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), text)
        return badge.left()

    def _paint_chips(self, painter: QPainter, opt: QStyleOptionViewItem, rect: QRect, top: int,
                     index: QModelIndex | QPersistentModelIndex, selected: bool) -> None:
        font = self._small_font(opt.font)
        fm = QFontMetrics(font)
        painter.setFont(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = rect.left()
        height = fm.height() + 2
        status = str(index.data(StoryRoles.STATUS) or "draft")
        bg, fg = STATUS_COLORS.get(status, STATUS_COLORS["draft"])
        x = self._chip(painter, fm, x, top, height, status.capitalize(), bg, fg) + GAP
        names: list[str] = list(index.data(StoryRoles.COMPETENCIES) or [])
        chip_bg = opt.palette.color(QPalette.ColorRole.Base if selected else QPalette.ColorRole.AlternateBase)
        chip_fg = opt.palette.color(QPalette.ColorRole.Text)
        if not names:
            painter.setPen(opt.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRect(x, top, rect.right() - x, height), int(Qt.AlignmentFlag.AlignVCenter),
                             "no competencies")
            return
        for n, name in enumerate(names):
            rest = len(names) - n
            width = fm.horizontalAdvance(name) + 12
            more = f"+{rest}"
            if x + width > rect.right() - (fm.horizontalAdvance(more) + 16 if rest > 1 else 0):
                self._chip(painter, fm, x, top, height, more, chip_bg, chip_fg)
                return
            x = self._chip(painter, fm, x, top, height, name, chip_bg, chip_fg) + GAP

    @staticmethod
    def _chip(painter: QPainter, fm: QFontMetrics, x: int, top: int, height: int, text: str,
              bg: QColor, fg: QColor) -> int:
        width = fm.horizontalAdvance(text) + 12
        chip = QRect(x, top, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setPen(fg)
        painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
        return chip.right()


def snippet_pieces(hit: SearchHit) -> list[tuple[str, bool]]:
    """The snippet cut into plain and matched pieces, in order."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for start, end in hit.spans:
        if start > pos:
            pieces.append((hit.snippet[pos:start], False))
        pieces.append((hit.snippet[start:end], True))
        pos = end
    if pos < len(hit.snippet):
        pieces.append((hit.snippet[pos:], False))
    return pieces
