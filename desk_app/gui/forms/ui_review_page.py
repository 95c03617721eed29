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
from PySide6.QtWidgets import (QApplication, QCheckBox, QGroupBox, QHBoxLayout,
    QLabel, QListView, QListWidget, QListWidgetItem,
    QPlainTextEdit, QRadioButton, QSizePolicy, QSpacerItem,
    QTextBrowser, QVBoxLayout, QWidget, QWizardPage)

class Ui_ReviewPage(object):
    def setupUi(self, ReviewPage):
        if not ReviewPage.objectName():
            ReviewPage.setObjectName(u"ReviewPage")
        ReviewPage.resize(760, 560)
        self.pageLayout = QVBoxLayout(ReviewPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.summaryBrowser = QTextBrowser(ReviewPage)
        self.summaryBrowser.setObjectName(u"summaryBrowser")
        self.summaryBrowser.setOpenLinks(False)

        self.pageLayout.addWidget(self.summaryBrowser)

        self.outcomeGroup = QGroupBox(ReviewPage)
        self.outcomeGroup.setObjectName(u"outcomeGroup")
        self.outcomeLayout = QVBoxLayout(self.outcomeGroup)
        self.outcomeLayout.setObjectName(u"outcomeLayout")
        self.outcomeChoiceLayout = QHBoxLayout()
        self.outcomeChoiceLayout.setObjectName(u"outcomeChoiceLayout")
        self.acceptRadio = QRadioButton(self.outcomeGroup)
        self.acceptRadio.setObjectName(u"acceptRadio")
        self.acceptRadio.setChecked(True)

        self.outcomeChoiceLayout.addWidget(self.acceptRadio)

        self.supplementRadio = QRadioButton(self.outcomeGroup)
        self.supplementRadio.setObjectName(u"supplementRadio")

        self.outcomeChoiceLayout.addWidget(self.supplementRadio)

        self.refuseRadio = QRadioButton(self.outcomeGroup)
        self.refuseRadio.setObjectName(u"refuseRadio")

        self.outcomeChoiceLayout.addWidget(self.refuseRadio)

        self.outcomeChoiceSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outcomeChoiceLayout.addItem(self.outcomeChoiceSpacer)


        self.outcomeLayout.addLayout(self.outcomeChoiceLayout)

        self.supplementPanel = QWidget(self.outcomeGroup)
        self.supplementPanel.setObjectName(u"supplementPanel")
        self.supplementLayout = QHBoxLayout(self.supplementPanel)
        self.supplementLayout.setObjectName(u"supplementLayout")
        self.supplementLayout.setContentsMargins(0, 0, 0, 0)
        self.requestedLayout = QVBoxLayout()
        self.requestedLayout.setObjectName(u"requestedLayout")
        self.requestedLabel = QLabel(self.supplementPanel)
        self.requestedLabel.setObjectName(u"requestedLabel")

        self.requestedLayout.addWidget(self.requestedLabel)

        self.requestedList = QListWidget(self.supplementPanel)
        self.requestedList.setObjectName(u"requestedList")
        self.requestedList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.requestedList.setResizeMode(QListView.ResizeMode.Adjust)
        self.requestedList.setWordWrap(True)
        self.requestedList.setMaximumSize(QSize(16777215, 110))

        self.requestedLayout.addWidget(self.requestedList)


        self.supplementLayout.addLayout(self.requestedLayout)

        self.supplementNoteLayout = QVBoxLayout()
        self.supplementNoteLayout.setObjectName(u"supplementNoteLayout")
        self.supplementNoteLabel = QLabel(self.supplementPanel)
        self.supplementNoteLabel.setObjectName(u"supplementNoteLabel")

        self.supplementNoteLayout.addWidget(self.supplementNoteLabel)

        self.supplementNoteEdit = QPlainTextEdit(self.supplementPanel)
        self.supplementNoteEdit.setObjectName(u"supplementNoteEdit")
        self.supplementNoteEdit.setMaximumSize(QSize(16777215, 110))
        self.supplementNoteEdit.setTabChangesFocus(True)

        self.supplementNoteLayout.addWidget(self.supplementNoteEdit)


        self.supplementLayout.addLayout(self.supplementNoteLayout)

        self.supplementLayout.setStretch(0, 3)
        self.supplementLayout.setStretch(1, 2)

        self.outcomeLayout.addWidget(self.supplementPanel)

        self.refusalPanel = QWidget(self.outcomeGroup)
        self.refusalPanel.setObjectName(u"refusalPanel")
        self.refusalLayout = QVBoxLayout(self.refusalPanel)
        self.refusalLayout.setObjectName(u"refusalLayout")
        self.refusalLayout.setContentsMargins(0, 0, 0, 0)
        self.refusalReasonLabel = QLabel(self.refusalPanel)
        self.refusalReasonLabel.setObjectName(u"refusalReasonLabel")

        self.refusalLayout.addWidget(self.refusalReasonLabel)

        self.refusalReasonEdit = QPlainTextEdit(self.refusalPanel)
        self.refusalReasonEdit.setObjectName(u"refusalReasonEdit")
        self.refusalReasonEdit.setMaximumSize(QSize(16777215, 110))
        self.refusalReasonEdit.setTabChangesFocus(True)

        self.refusalLayout.addWidget(self.refusalReasonEdit)


        self.outcomeLayout.addWidget(self.refusalPanel)

        self.outcomeMessageLabel = QLabel(self.outcomeGroup)
        self.outcomeMessageLabel.setObjectName(u"outcomeMessageLabel")
        self.outcomeMessageLabel.setWordWrap(True)

        self.outcomeLayout.addWidget(self.outcomeMessageLabel)


        self.pageLayout.addWidget(self.outcomeGroup)

        self.consentCheck = QCheckBox(ReviewPage)
        self.consentCheck.setObjectName(u"consentCheck")

        self.pageLayout.addWidget(self.consentCheck)

        self.reviewMessageLabel = QLabel(ReviewPage)
        self.reviewMessageLabel.setObjectName(u"reviewMessageLabel")
        self.reviewMessageLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.reviewMessageLabel)

        self.pageLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.requestedLabel.setBuddy(self.requestedList)
        self.supplementNoteLabel.setBuddy(self.supplementNoteEdit)
        self.refusalReasonLabel.setBuddy(self.refusalReasonEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.summaryBrowser, self.acceptRadio)
        QWidget.setTabOrder(self.acceptRadio, self.supplementRadio)
        QWidget.setTabOrder(self.supplementRadio, self.refuseRadio)
        QWidget.setTabOrder(self.refuseRadio, self.requestedList)
        QWidget.setTabOrder(self.requestedList, self.supplementNoteEdit)
        QWidget.setTabOrder(self.supplementNoteEdit, self.refusalReasonEdit)
        QWidget.setTabOrder(self.refusalReasonEdit, self.consentCheck)

        self.retranslateUi(ReviewPage)

        QMetaObject.connectSlotsByName(ReviewPage)
    # setupUi

    def retranslateUi(self, ReviewPage):
        ReviewPage.setTitle(QCoreApplication.translate("ReviewPage", u"Review", None))
        ReviewPage.setSubTitle(QCoreApplication.translate("ReviewPage", u"Read the details back to the citizen, choose the outcome, then save: the dossier is stored on this desk and its form is prepared for printing.", None))
        self.outcomeGroup.setTitle(QCoreApplication.translate("ReviewPage", u"Outcome", None))
#if QT_CONFIG(tooltip)
        self.acceptRadio.setToolTip(QCoreApplication.translate("ReviewPage", u"The dossier is complete: it is accepted and the citizen gets the receipt with the appointment date.", None))
#endif // QT_CONFIG(tooltip)
        self.acceptRadio.setText(QCoreApplication.translate("ReviewPage", u"&Accept (receipt, M\u1eabu 01)", None))
#if QT_CONFIG(tooltip)
        self.supplementRadio.setToolTip(QCoreApplication.translate("ReviewPage", u"Documents are missing or need correcting: the citizen gets a request saying what to bring.", None))
#endif // QT_CONFIG(tooltip)
        self.supplementRadio.setText(QCoreApplication.translate("ReviewPage", u"Ask for &more documents (M\u1eabu 02)", None))
#if QT_CONFIG(tooltip)
        self.refuseRadio.setToolTip(QCoreApplication.translate("ReviewPage", u"The dossier cannot be taken at all: the citizen gets the refusal with its reason.", None))
#endif // QT_CONFIG(tooltip)
        self.refuseRadio.setText(QCoreApplication.translate("ReviewPage", u"&Refuse (M\u1eabu 03)", None))
        self.requestedLabel.setText(QCoreApplication.translate("ReviewPage", u"D&ocuments to bring (untick what is not needed):", None))
        self.supplementNoteLabel.setText(QCoreApplication.translate("ReviewPage", u"&Guidance and reason, printed on the request:", None))
        self.refusalReasonLabel.setText(QCoreApplication.translate("ReviewPage", u"Reason for the refusa&l, printed on the form (required):", None))
        self.consentCheck.setText(QCoreApplication.translate("ReviewPage", u"The &citizen agrees that the data above is processed to handle this application.", None))
    # retranslateUi

