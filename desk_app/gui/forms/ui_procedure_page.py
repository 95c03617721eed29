# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'procedure_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHeaderView, QLabel,
    QLineEdit, QSizePolicy, QTableView, QVBoxLayout,
    QWidget, QWizardPage)

class Ui_ProcedurePage(object):
    def setupUi(self, ProcedurePage):
        if not ProcedurePage.objectName():
            ProcedurePage.setObjectName(u"ProcedurePage")
        ProcedurePage.resize(760, 520)
        self.pageLayout = QVBoxLayout(ProcedurePage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.searchLabel = QLabel(ProcedurePage)
        self.searchLabel.setObjectName(u"searchLabel")

        self.pageLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(ProcedurePage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.pageLayout.addWidget(self.searchEdit)

        self.procedureListLabel = QLabel(ProcedurePage)
        self.procedureListLabel.setObjectName(u"procedureListLabel")

        self.pageLayout.addWidget(self.procedureListLabel)

        self.procedureView = QTableView(ProcedurePage)
        self.procedureView.setObjectName(u"procedureView")
        self.procedureView.setTabKeyNavigation(False)
        self.procedureView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.procedureView.setAlternatingRowColors(True)
        self.procedureView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.procedureView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.procedureView.setWordWrap(True)
        self.procedureView.verticalHeader().setVisible(False)

        self.pageLayout.addWidget(self.procedureView)

        self.procedureDetailLabel = QLabel(ProcedurePage)
        self.procedureDetailLabel.setObjectName(u"procedureDetailLabel")
        self.procedureDetailLabel.setWordWrap(True)
        self.procedureDetailLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.pageLayout.addWidget(self.procedureDetailLabel)

        self.procedureMessageLabel = QLabel(ProcedurePage)
        self.procedureMessageLabel.setObjectName(u"procedureMessageLabel")
        self.procedureMessageLabel.setStyleSheet(u"color: #b71c1c;")
        self.procedureMessageLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.procedureMessageLabel)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.procedureListLabel.setBuddy(self.procedureView)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ProcedurePage)

        QMetaObject.connectSlotsByName(ProcedurePage)
    # setupUi

    def retranslateUi(self, ProcedurePage):
        ProcedurePage.setTitle(QCoreApplication.translate("ProcedurePage", u"Procedure", None))
        ProcedurePage.setSubTitle(QCoreApplication.translate("ProcedurePage", u"Find the administrative procedure the citizen asks for. Diacritics are not needed: \"doi gplx\" finds \"\u0110\u1ed5i gi\u1ea5y ph\u00e9p l\u00e1i xe\".", None))
        self.searchLabel.setText(QCoreApplication.translate("ProcedurePage", u"&Find the procedure (Enter takes the highlighted one):", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("ProcedurePage", u"Search by name, abbreviation or code", None))
        self.procedureListLabel.setText(QCoreApplication.translate("ProcedurePage", u"Matching &procedures (Up and Down arrows from the search move here too):", None))
    # retranslateUi

