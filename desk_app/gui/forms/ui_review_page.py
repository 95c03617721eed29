# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QLabel, QSizePolicy,
    QTextBrowser, QVBoxLayout, QWidget, QWizardPage)

class Ui_ReviewPage(object):
    def setupUi(self, ReviewPage):
        if not ReviewPage.objectName():
            ReviewPage.setObjectName(u"ReviewPage")
        ReviewPage.resize(760, 520)
        self.pageLayout = QVBoxLayout(ReviewPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.summaryBrowser = QTextBrowser(ReviewPage)
        self.summaryBrowser.setObjectName(u"summaryBrowser")
        self.summaryBrowser.setOpenLinks(False)

        self.pageLayout.addWidget(self.summaryBrowser)

        self.consentCheck = QCheckBox(ReviewPage)
        self.consentCheck.setObjectName(u"consentCheck")

        self.pageLayout.addWidget(self.consentCheck)

        self.reviewMessageLabel = QLabel(ReviewPage)
        self.reviewMessageLabel.setObjectName(u"reviewMessageLabel")
        self.reviewMessageLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.reviewMessageLabel)


        self.retranslateUi(ReviewPage)

        QMetaObject.connectSlotsByName(ReviewPage)
    # setupUi

    def retranslateUi(self, ReviewPage):
        ReviewPage.setTitle(QCoreApplication.translate("ReviewPage", u"Review", None))
        ReviewPage.setSubTitle(QCoreApplication.translate("ReviewPage", u"Read the details back to the citizen, then save: the dossier is stored on this desk and its receipt is prepared for printing.", None))
        self.consentCheck.setText(QCoreApplication.translate("ReviewPage", u"The citizen agrees that the data above is processed to handle this application.", None))
    # retranslateUi

