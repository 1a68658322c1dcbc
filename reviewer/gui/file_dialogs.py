"""File dialogs that never read the files they list.

Qt's own dialog guesses each file's type for its icon and its Type column, and for
that opens files and reads their first bytes. Opening and closing a descriptor on
the review database, its WAL or its WAL index drops this process's SQLite locks on
that file (POSIX locks belong to the process). These dialogs name types by suffix
only, and never show SQLite's -wal, -shm and -journal files at all.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QFileInfo, QSortFilterProxyModel
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle

SIDE_FILES = ("-wal", "-shm", "-journal")


class PlainIconProvider(QAbstractFileIconProvider):
    """Icons and type names from what a file is (folder or file) and its suffix, never its bytes."""

    def icon(self, what):  # noqa: D401 - Qt's overloads: an IconType or a QFileInfo
        style = QApplication.style()
        if isinstance(what, QFileInfo):
            return style.standardIcon(QStyle.SP_DirIcon if what.isDir() else QStyle.SP_FileIcon)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


class HideSideFiles(QSortFilterProxyModel):
    def filterAcceptsRow(self, row, parent):  # noqa: N802
        index = self.sourceModel().index(row, 0, parent)
        return not self.sourceModel().fileName(index).endswith(SIDE_FILES)


_ICONS: PlainIconProvider | None = None


def make_dialog(parent, title: str, folder: str, name_filter: str = "") -> QFileDialog:
    global _ICONS
    if _ICONS is None:
        _ICONS = PlainIconProvider()
    dialog = QFileDialog(parent, title, folder, name_filter)
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)  # a native one may read files itself
    dialog.setIconProvider(_ICONS)
    dialog.setProxyModel(HideSideFiles(dialog))
    return dialog


def open_files(parent, title: str, folder: str, name_filter: str) -> list[str]:
    dialog = make_dialog(parent, title, folder, name_filter)
    dialog.setFileMode(QFileDialog.ExistingFiles)
    return dialog.selectedFiles() if dialog.exec() else []


def open_folder(parent, title: str, folder: str) -> str:
    dialog = make_dialog(parent, title, folder)
    dialog.setFileMode(QFileDialog.Directory)
    dialog.setOption(QFileDialog.ShowDirsOnly, True)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def save_file(parent, title: str, path: str, name_filter: str = "") -> str:
    path = os.path.abspath(path)
    dialog = make_dialog(parent, title, os.path.dirname(path), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptSave)
    dialog.selectFile(os.path.basename(path))
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
