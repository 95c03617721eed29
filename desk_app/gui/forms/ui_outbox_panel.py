# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'outbox_panel.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTableView,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_OutboxPanel(object):
    def setupUi(self, OutboxPanel):
        if not OutboxPanel.objectName():
            OutboxPanel.setObjectName(u"OutboxPanel")
        OutboxPanel.resize(1100, 620)
        self.panelLayout = QVBoxLayout(OutboxPanel)
        self.panelLayout.setSpacing(8)
        self.panelLayout.setObjectName(u"panelLayout")
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.titleLabel = QLabel(OutboxPanel)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setStyleSheet(u"font-size: 12pt; font-weight: bold;")

        self.headerLayout.addWidget(self.titleLabel)

        self.countsLabel = QLabel(OutboxPanel)
        self.countsLabel.setObjectName(u"countsLabel")
        self.countsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        self.headerLayout.addWidget(self.countsLabel)

        self.headerSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.showSentCheck = QCheckBox(OutboxPanel)
        self.showSentCheck.setObjectName(u"showSentCheck")

        self.headerLayout.addWidget(self.showSentCheck)


        self.panelLayout.addLayout(self.headerLayout)

        self.splitter = QSplitter(OutboxPanel)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.entriesView = QTableView(self.splitter)
        self.entriesView.setObjectName(u"entriesView")
        self.entriesView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entriesView.setAlternatingRowColors(True)
        self.entriesView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entriesView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entriesView.setWordWrap(False)
        self.splitter.addWidget(self.entriesView)
        self.entriesView.horizontalHeader().setStretchLastSection(True)
        self.entriesView.verticalHeader().setVisible(False)
        self.historyGroup = QGroupBox(self.splitter)
        self.historyGroup.setObjectName(u"historyGroup")
        self.historyLayout = QVBoxLayout(self.historyGroup)
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyView = QTableWidget(self.historyGroup)
        if (self.historyView.columnCount() < 3):
            self.historyView.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.historyView.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.historyView.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.historyView.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.historyView.setObjectName(u"historyView")
        self.historyView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.historyView.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.historyView.setWordWrap(False)
        self.historyView.setColumnCount(3)
        self.historyView.horizontalHeader().setStretchLastSection(True)
        self.historyView.verticalHeader().setVisible(False)

        self.historyLayout.addWidget(self.historyView)

        self.splitter.addWidget(self.historyGroup)

        self.panelLayout.addWidget(self.splitter)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.releaseHintLabel = QLabel(OutboxPanel)
        self.releaseHintLabel.setObjectName(u"releaseHintLabel")
        self.releaseHintLabel.setWordWrap(True)

        self.buttonLayout.addWidget(self.releaseHintLabel)

        self.buttonSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.sendNowButton = QPushButton(OutboxPanel)
        self.sendNowButton.setObjectName(u"sendNowButton")
        self.sendNowButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.sendNowButton)

        self.releaseButton = QPushButton(OutboxPanel)
        self.releaseButton.setObjectName(u"releaseButton")
        self.releaseButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.releaseButton)

        self.closeButton = QPushButton(OutboxPanel)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.closeButton)

        self.buttonLayout.setStretch(0, 1)

        self.panelLayout.addLayout(self.buttonLayout)


        self.retranslateUi(OutboxPanel)

        QMetaObject.connectSlotsByName(OutboxPanel)
    # setupUi

    def retranslateUi(self, OutboxPanel):
        OutboxPanel.setWindowTitle(QCoreApplication.translate("OutboxPanel", u"Sending queue", None))
        self.titleLabel.setText(QCoreApplication.translate("OutboxPanel", u"Items for the central system", None))
        self.showSentCheck.setText(QCoreApplication.translate("OutboxPanel", u"Show sent items &too", None))
        self.historyGroup.setTitle(QCoreApplication.translate("OutboxPanel", u"&History of the selected item", None))
        ___qtablewidgetitem = self.historyView.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("OutboxPanel", u"Time", None))
        ___qtablewidgetitem1 = self.historyView.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("OutboxPanel", u"Change", None))
        ___qtablewidgetitem2 = self.historyView.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("OutboxPanel", u"Note", None))
#if QT_CONFIG(tooltip)
        self.sendNowButton.setToolTip(QCoreApplication.translate("OutboxPanel", u"Send waiting items to the central system now (F5)", None))
#endif // QT_CONFIG(tooltip)
        self.sendNowButton.setText(QCoreApplication.translate("OutboxPanel", u"Send &now", None))
#if QT_CONFIG(tooltip)
        self.releaseButton.setToolTip(QCoreApplication.translate("OutboxPanel", u"Send the selected held item again, after the problem it names has been dealt with", None))
#endif // QT_CONFIG(tooltip)
        self.releaseButton.setText(QCoreApplication.translate("OutboxPanel", u"Send &again", None))
        self.closeButton.setText(QCoreApplication.translate("OutboxPanel", u"&Close", None))
    # retranslateUi

