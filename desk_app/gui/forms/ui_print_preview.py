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
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QHBoxLayout,
    QLabel, QProgressBar, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QVBoxLayout, QWidget)

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

        self.messageLayout = QHBoxLayout()
        self.messageLayout.setObjectName(u"messageLayout")
        self.pageCountLabel = QLabel(PrintPreviewDialog)
        self.pageCountLabel.setObjectName(u"pageCountLabel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.pageCountLabel.sizePolicy().hasHeightForWidth())
        self.pageCountLabel.setSizePolicy(sizePolicy)
        self.pageCountLabel.setWordWrap(True)

        self.messageLayout.addWidget(self.pageCountLabel)

        self.printProgress = QProgressBar(PrintPreviewDialog)
        self.printProgress.setObjectName(u"printProgress")
        self.printProgress.setVisible(False)
        self.printProgress.setMinimumSize(QSize(180, 0))
        self.printProgress.setMaximum(1)
        self.printProgress.setValue(0)

        self.messageLayout.addWidget(self.printProgress)

        self.printAgainButton = QPushButton(PrintPreviewDialog)
        self.printAgainButton.setObjectName(u"printAgainButton")
        self.printAgainButton.setVisible(False)
        self.printAgainButton.setAutoDefault(False)

        self.messageLayout.addWidget(self.printAgainButton)


        self.dialogLayout.addLayout(self.messageLayout)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.paperLabel = QLabel(PrintPreviewDialog)
        self.paperLabel.setObjectName(u"paperLabel")

        self.buttonLayout.addWidget(self.paperLabel)

        self.paperCombo = QComboBox(PrintPreviewDialog)
        self.paperCombo.setObjectName(u"paperCombo")

        self.buttonLayout.addWidget(self.paperCombo)

        self.copiesLabel = QLabel(PrintPreviewDialog)
        self.copiesLabel.setObjectName(u"copiesLabel")

        self.buttonLayout.addWidget(self.copiesLabel)

        self.copiesSpin = QSpinBox(PrintPreviewDialog)
        self.copiesSpin.setObjectName(u"copiesSpin")
        self.copiesSpin.setMinimum(1)
        self.copiesSpin.setMaximum(20)
        self.copiesSpin.setValue(1)

        self.buttonLayout.addWidget(self.copiesSpin)

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

#if QT_CONFIG(shortcut)
        self.paperLabel.setBuddy(self.paperCombo)
        self.copiesLabel.setBuddy(self.copiesSpin)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.paperCombo, self.copiesSpin)
        QWidget.setTabOrder(self.copiesSpin, self.printAgainButton)
        QWidget.setTabOrder(self.printAgainButton, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.printButton)
        QWidget.setTabOrder(self.printButton, self.closeButton)

        self.retranslateUi(PrintPreviewDialog)

        self.printButton.setDefault(True)


        QMetaObject.connectSlotsByName(PrintPreviewDialog)
    # setupUi

    def retranslateUi(self, PrintPreviewDialog):
        PrintPreviewDialog.setWindowTitle(QCoreApplication.translate("PrintPreviewDialog", u"Receipt: print preview", None))
        self.printAgainButton.setText(QCoreApplication.translate("PrintPreviewDialog", u"Print &again", None))
        self.paperLabel.setText(QCoreApplication.translate("PrintPreviewDialog", u"Pape&r:", None))
#if QT_CONFIG(tooltip)
        self.paperCombo.setToolTip(QCoreApplication.translate("PrintPreviewDialog", u"The paper this desk prints its forms on; the form is laid out again for it and the choice is kept.", None))
#endif // QT_CONFIG(tooltip)
        self.copiesLabel.setText(QCoreApplication.translate("PrintPreviewDialog", u"C&opies:", None))
#if QT_CONFIG(tooltip)
        self.copiesSpin.setToolTip(QCoreApplication.translate("PrintPreviewDialog", u"How many times the whole document is printed. Each one already holds both copies of the form, one for the desk and one for the citizen.", None))
#endif // QT_CONFIG(tooltip)
        self.saveButton.setText(QCoreApplication.translate("PrintPreviewDialog", u"&Save as PDF\u2026", None))
#if QT_CONFIG(tooltip)
        self.printButton.setToolTip(QCoreApplication.translate("PrintPreviewDialog", u"Print the form (Ctrl+P)", None))
#endif // QT_CONFIG(tooltip)
        self.printButton.setText(QCoreApplication.translate("PrintPreviewDialog", u"&Print\u2026", None))
        self.closeButton.setText(QCoreApplication.translate("PrintPreviewDialog", u"&Close", None))
    # retranslateUi

