# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'portrait_page.ui'
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
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget, QWizardPage)

class Ui_PortraitPage(object):
    def setupUi(self, PortraitPage):
        if not PortraitPage.objectName():
            PortraitPage.setObjectName(u"PortraitPage")
        PortraitPage.resize(760, 520)
        self.pageLayout = QHBoxLayout(PortraitPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.thumbnailLabel = QLabel(PortraitPage)
        self.thumbnailLabel.setObjectName(u"thumbnailLabel")
        self.thumbnailLabel.setMinimumSize(QSize(180, 240))
        self.thumbnailLabel.setMaximumSize(QSize(180, 240))
        self.thumbnailLabel.setFrameShape(QFrame.Shape.StyledPanel)
        self.thumbnailLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.pageLayout.addWidget(self.thumbnailLabel, 0, Qt.AlignmentFlag.AlignTop)

        self.sideLayout = QVBoxLayout()
        self.sideLayout.setObjectName(u"sideLayout")
        self.specLabel = QLabel(PortraitPage)
        self.specLabel.setObjectName(u"specLabel")
        self.specLabel.setWordWrap(True)

        self.sideLayout.addWidget(self.specLabel)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.cameraButton = QPushButton(PortraitPage)
        self.cameraButton.setObjectName(u"cameraButton")
        self.cameraButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.cameraButton)

        self.chooseFileButton = QPushButton(PortraitPage)
        self.chooseFileButton.setObjectName(u"chooseFileButton")
        self.chooseFileButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.chooseFileButton)

        self.removePhotoButton = QPushButton(PortraitPage)
        self.removePhotoButton.setObjectName(u"removePhotoButton")
        self.removePhotoButton.setEnabled(False)
        self.removePhotoButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.removePhotoButton)

        self.buttonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)


        self.sideLayout.addLayout(self.buttonLayout)

        self.portraitMessageLabel = QLabel(PortraitPage)
        self.portraitMessageLabel.setObjectName(u"portraitMessageLabel")
        self.portraitMessageLabel.setWordWrap(True)

        self.sideLayout.addWidget(self.portraitMessageLabel)

        self.rulesLabel = QLabel(PortraitPage)
        self.rulesLabel.setObjectName(u"rulesLabel")
        self.rulesLabel.setTextFormat(Qt.TextFormat.RichText)
        self.rulesLabel.setWordWrap(True)

        self.sideLayout.addWidget(self.rulesLabel)

        self.exceptionPanel = QWidget(PortraitPage)
        self.exceptionPanel.setObjectName(u"exceptionPanel")
        self.exceptionLayout = QVBoxLayout(self.exceptionPanel)
        self.exceptionLayout.setObjectName(u"exceptionLayout")
        self.exceptionLayout.setContentsMargins(0, 0, 0, 0)
        self.exceptionLabel = QLabel(self.exceptionPanel)
        self.exceptionLabel.setObjectName(u"exceptionLabel")
        self.exceptionLabel.setWordWrap(True)

        self.exceptionLayout.addWidget(self.exceptionLabel)

        self.exceptionReasonEdit = QLineEdit(self.exceptionPanel)
        self.exceptionReasonEdit.setObjectName(u"exceptionReasonEdit")
        self.exceptionReasonEdit.setMaxLength(1000)

        self.exceptionLayout.addWidget(self.exceptionReasonEdit)


        self.sideLayout.addWidget(self.exceptionPanel)

        self.sideSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.sideLayout.addItem(self.sideSpacer)


        self.pageLayout.addLayout(self.sideLayout)

#if QT_CONFIG(shortcut)
        self.exceptionLabel.setBuddy(self.exceptionReasonEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PortraitPage)

        QMetaObject.connectSlotsByName(PortraitPage)
    # setupUi

    def retranslateUi(self, PortraitPage):
        PortraitPage.setTitle(QCoreApplication.translate("PortraitPage", u"Portrait", None))
        PortraitPage.setSubTitle(QCoreApplication.translate("PortraitPage", u"Choose the citizen's portrait photo. It is cropped and resized to the procedure's rules.", None))
        self.thumbnailLabel.setText(QCoreApplication.translate("PortraitPage", u"No photo", None))
#if QT_CONFIG(tooltip)
        self.cameraButton.setToolTip(QCoreApplication.translate("PortraitPage", u"Take the photo with the desk camera, with live guidance (F8)", None))
#endif // QT_CONFIG(tooltip)
        self.cameraButton.setText(QCoreApplication.translate("PortraitPage", u"Take with the ca&mera\u2026 (F8)", None))
        self.chooseFileButton.setText(QCoreApplication.translate("PortraitPage", u"&Choose photo file\u2026", None))
        self.removePhotoButton.setText(QCoreApplication.translate("PortraitPage", u"&Remove photo", None))
        self.exceptionLabel.setText(QCoreApplication.translate("PortraitPage", u"&Why this photo is used anyway (e.g. a head covering kept for religious reasons); the supervisor reviews it:", None))
        self.exceptionReasonEdit.setPlaceholderText(QCoreApplication.translate("PortraitPage", u"Leave empty to take the photo again", None))
    # retranslateUi

