# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QMainWindow, QMenu, QMenuBar,
    QSizePolicy, QSpacerItem, QStatusBar, QTableView,
    QToolBar, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1366, 768)
        self.actionNewDossier = QAction(MainWindow)
        self.actionNewDossier.setObjectName(u"actionNewDossier")
#if QT_CONFIG(shortcut)
        self.actionNewDossier.setShortcut(u"Ctrl+N")
#endif // QT_CONFIG(shortcut)
        self.actionSendNow = QAction(MainWindow)
        self.actionSendNow.setObjectName(u"actionSendNow")
#if QT_CONFIG(shortcut)
        self.actionSendNow.setShortcut(u"F5")
#endif // QT_CONFIG(shortcut)
        self.actionHandOver = QAction(MainWindow)
        self.actionHandOver.setObjectName(u"actionHandOver")
        self.actionHandOver.setEnabled(False)
#if QT_CONFIG(shortcut)
        self.actionHandOver.setShortcut(u"Ctrl+T")
#endif // QT_CONFIG(shortcut)
        self.actionOutbox = QAction(MainWindow)
        self.actionOutbox.setObjectName(u"actionOutbox")
#if QT_CONFIG(shortcut)
        self.actionOutbox.setShortcut(u"F6")
#endif // QT_CONFIG(shortcut)
        self.actionLogOut = QAction(MainWindow)
        self.actionLogOut.setObjectName(u"actionLogOut")
        self.centralWidget = QWidget(MainWindow)
        self.centralWidget.setObjectName(u"centralWidget")
        self.centralLayout = QVBoxLayout(self.centralWidget)
        self.centralLayout.setSpacing(8)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(12, 8, 12, 8)
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.queueTitleLabel = QLabel(self.centralWidget)
        self.queueTitleLabel.setObjectName(u"queueTitleLabel")
        self.queueTitleLabel.setStyleSheet(u"font-size: 13pt; font-weight: bold;")

        self.headerLayout.addWidget(self.queueTitleLabel)

        self.demoBadge = QLabel(self.centralWidget)
        self.demoBadge.setObjectName(u"demoBadge")
        self.demoBadge.setStyleSheet(u"background-color: #c62828; color: white; font-weight: bold; padding: 2px 8px; border-radius: 4px;")

        self.headerLayout.addWidget(self.demoBadge)

        self.headerSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.officerLabel = QLabel(self.centralWidget)
        self.officerLabel.setObjectName(u"officerLabel")
        self.officerLabel.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        self.headerLayout.addWidget(self.officerLabel)


        self.centralLayout.addLayout(self.headerLayout)

        self.queueView = QTableView(self.centralWidget)
        self.queueView.setObjectName(u"queueView")
        self.queueView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queueView.setAlternatingRowColors(True)
        self.queueView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queueView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queueView.setSortingEnabled(True)
        self.queueView.setWordWrap(False)
        self.queueView.horizontalHeader().setStretchLastSection(True)
        self.queueView.verticalHeader().setVisible(False)

        self.centralLayout.addWidget(self.queueView)

        self.emptyHintLabel = QLabel(self.centralWidget)
        self.emptyHintLabel.setObjectName(u"emptyHintLabel")
        self.emptyHintLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyHintLabel.setWordWrap(True)

        self.centralLayout.addWidget(self.emptyHintLabel)

        MainWindow.setCentralWidget(self.centralWidget)
        self.menuBar = QMenuBar(MainWindow)
        self.menuBar.setObjectName(u"menuBar")
        self.dossierMenu = QMenu(self.menuBar)
        self.dossierMenu.setObjectName(u"dossierMenu")
        MainWindow.setMenuBar(self.menuBar)
        self.mainToolBar = QToolBar(MainWindow)
        self.mainToolBar.setObjectName(u"mainToolBar")
        self.mainToolBar.setMovable(False)
        self.mainToolBar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        MainWindow.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.mainToolBar)
        self.statusBar = QStatusBar(MainWindow)
        self.statusBar.setObjectName(u"statusBar")
        MainWindow.setStatusBar(self.statusBar)
#if QT_CONFIG(shortcut)
        self.queueTitleLabel.setBuddy(self.queueView)
#endif // QT_CONFIG(shortcut)

        self.menuBar.addAction(self.dossierMenu.menuAction())
        self.dossierMenu.addAction(self.actionNewDossier)
        self.dossierMenu.addAction(self.actionHandOver)
        self.dossierMenu.addSeparator()
        self.dossierMenu.addAction(self.actionSendNow)
        self.dossierMenu.addAction(self.actionOutbox)
        self.dossierMenu.addSeparator()
        self.dossierMenu.addAction(self.actionLogOut)
        self.mainToolBar.addAction(self.actionNewDossier)
        self.mainToolBar.addAction(self.actionHandOver)
        self.mainToolBar.addSeparator()
        self.mainToolBar.addAction(self.actionSendNow)
        self.mainToolBar.addAction(self.actionOutbox)
        self.mainToolBar.addSeparator()
        self.mainToolBar.addAction(self.actionLogOut)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"One-stop desk", None))
        self.actionNewDossier.setText(QCoreApplication.translate("MainWindow", u"&New dossier", None))
#if QT_CONFIG(tooltip)
        self.actionNewDossier.setToolTip(QCoreApplication.translate("MainWindow", u"Receive a new dossier from a citizen (Ctrl+N)", None))
#endif // QT_CONFIG(tooltip)
        self.actionSendNow.setText(QCoreApplication.translate("MainWindow", u"&Send now", None))
#if QT_CONFIG(tooltip)
        self.actionSendNow.setToolTip(QCoreApplication.translate("MainWindow", u"Send waiting dossiers to the central system now (F5)", None))
#endif // QT_CONFIG(tooltip)
        self.actionHandOver.setText(QCoreApplication.translate("MainWindow", u"&Hand over result", None))
#if QT_CONFIG(tooltip)
        self.actionHandOver.setToolTip(QCoreApplication.translate("MainWindow", u"Hand the result of the selected dossier over to the citizen (Ctrl+T); the dossier must show \"Result ready\"", None))
#endif // QT_CONFIG(tooltip)
        self.actionOutbox.setText(QCoreApplication.translate("MainWindow", u"Sending &queue", None))
#if QT_CONFIG(tooltip)
        self.actionOutbox.setToolTip(QCoreApplication.translate("MainWindow", u"See what waits to be sent to the central system, why, and when (F6)", None))
#endif // QT_CONFIG(tooltip)
        self.actionLogOut.setText(QCoreApplication.translate("MainWindow", u"&Log out", None))
#if QT_CONFIG(tooltip)
        self.actionLogOut.setToolTip(QCoreApplication.translate("MainWindow", u"Log out and return to the sign-in window", None))
#endif // QT_CONFIG(tooltip)
        self.queueTitleLabel.setText(QCoreApplication.translate("MainWindow", u"&Today's dossiers", None))
#if QT_CONFIG(tooltip)
        self.demoBadge.setToolTip(QCoreApplication.translate("MainWindow", u"Demo mode: a demonstration server with invented data runs on this computer.", None))
#endif // QT_CONFIG(tooltip)
        self.demoBadge.setText(QCoreApplication.translate("MainWindow", u"DEMO", None))
        self.emptyHintLabel.setText(QCoreApplication.translate("MainWindow", u"No dossier received today yet. Press Ctrl+N to receive a new dossier.", None))
        self.dossierMenu.setTitle(QCoreApplication.translate("MainWindow", u"&Dossier", None))
        self.mainToolBar.setWindowTitle(QCoreApplication.translate("MainWindow", u"Main toolbar", None))
    # retranslateUi

