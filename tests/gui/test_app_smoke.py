def test_qt_loads_offscreen(qtbot):
    from PySide6.QtWidgets import QLabel

    label = QLabel("Filing Reviewer")
    qtbot.addWidget(label)
    label.show()
    assert label.isVisible()
