# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'print_preview.ui'
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
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_PrintPreviewDialog(object):
    def setupUi(self, PrintPreviewDialog):
        if not PrintPreviewDialog.objectName():
            PrintPreviewDialog.setObjectName(u"PrintPreviewDialog")
        PrintPreviewDialog.resize(900, 700)
        self.dialogLayout = QVBoxLayout(PrintPreviewDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headingLabel = QLabel(PrintPreviewDialog)
        self.headingLabel.setObjectName(u"headingLabel")
        self.headingLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.headingLabel)

        self.pdfView = QPdfView(PrintPreviewDialog)
        self.pdfView.setObjectName(u"pdfView")

        self.dialogLayout.addWidget(self.pdfView)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.pageCountLabel = QLabel(PrintPreviewDialog)
        self.pageCountLabel.setObjectName(u"pageCountLabel")

        self.buttonLayout.addWidget(self.pageCountLabel)

        self.buttonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.saveButton = QPushButton(PrintPreviewDialog)
        self.saveButton.setObjectName(u"saveButton")
        self.saveButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.saveButton)

        self.printButton = QPushButton(PrintPreviewDialog)
        self.printButton.setObjectName(u"printButton")

        self.buttonLayout.addWidget(self.printButton)

        self.closeButton = QPushButton(PrintPreviewDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.closeButton)


        self.dialogLayout.addLayout(self.buttonLayout)


        self.retranslateUi(PrintPreviewDialog)

        self.printButton.setDefault(True)


        QMetaObject.connectSlotsByName(PrintPreviewDialog)
    # setupUi

    def retranslateUi(self, PrintPreviewDialog):
        PrintPreviewDialog.setWindowTitle(QCoreApplication.translate("PrintPreviewDialog", u"Receipt: print preview", None))
        self.saveButton.setText(QCoreApplication.translate("PrintPreviewDialog", u"&Save as PDF\u2026", None))
        self.printButton.setText(QCoreApplication.translate("PrintPreviewDialog", u"&Print\u2026", None))
        self.closeButton.setText(QCoreApplication.translate("PrintPreviewDialog", u"&Close", None))
    # retranslateUi

