# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'login_window.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_LoginWindow(object):
    def setupUi(self, LoginWindow):
        if not LoginWindow.objectName():
            LoginWindow.setObjectName(u"LoginWindow")
        LoginWindow.resize(480, 360)
        LoginWindow.setMinimumSize(QSize(420, 0))
        self.outerLayout = QVBoxLayout(LoginWindow)
        self.outerLayout.setSpacing(12)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLayout = QHBoxLayout()
        self.titleLayout.setObjectName(u"titleLayout")
        self.titleLabel = QLabel(LoginWindow)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setStyleSheet(u"font-size: 16pt; font-weight: bold;")
        self.titleLabel.setWordWrap(True)

        self.titleLayout.addWidget(self.titleLabel)

        self.demoBadge = QLabel(LoginWindow)
        self.demoBadge.setObjectName(u"demoBadge")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.demoBadge.sizePolicy().hasHeightForWidth())
        self.demoBadge.setSizePolicy(sizePolicy)
        self.demoBadge.setStyleSheet(u"background-color: #c62828; color: white; font-weight: bold; padding: 3px 8px; border-radius: 4px;")
        self.demoBadge.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.titleLayout.addWidget(self.demoBadge)


        self.outerLayout.addLayout(self.titleLayout)

        self.subtitleLabel = QLabel(LoginWindow)
        self.subtitleLabel.setObjectName(u"subtitleLabel")
        self.subtitleLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.subtitleLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.usernameLabel = QLabel(LoginWindow)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.usernameEdit = QLineEdit(LoginWindow)
        self.usernameEdit.setObjectName(u"usernameEdit")
        self.usernameEdit.setMaxLength(64)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.passwordLabel = QLabel(LoginWindow)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(LoginWindow)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setMaxLength(256)
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.serverCaptionLabel = QLabel(LoginWindow)
        self.serverCaptionLabel.setObjectName(u"serverCaptionLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.serverCaptionLabel)

        self.serverLabel = QLabel(LoginWindow)
        self.serverLabel.setObjectName(u"serverLabel")
        self.serverLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.serverLabel)


        self.outerLayout.addLayout(self.formLayout)

        self.messageLabel = QLabel(LoginWindow)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setStyleSheet(u"color: #b71c1c;")
        self.messageLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.messageLabel)

        self.vaultNoteLabel = QLabel(LoginWindow)
        self.vaultNoteLabel.setObjectName(u"vaultNoteLabel")
        self.vaultNoteLabel.setStyleSheet(u"color: #6d4c00; background-color: #fff8e1; padding: 6px; border-radius: 4px;")
        self.vaultNoteLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.vaultNoteLabel)

        self.verticalSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outerLayout.addItem(self.verticalSpacer)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.buttonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.quitButton = QPushButton(LoginWindow)
        self.quitButton.setObjectName(u"quitButton")
        self.quitButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.quitButton)

        self.loginButton = QPushButton(LoginWindow)
        self.loginButton.setObjectName(u"loginButton")

        self.buttonLayout.addWidget(self.loginButton)


        self.outerLayout.addLayout(self.buttonLayout)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.usernameEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.usernameEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.loginButton)
        QWidget.setTabOrder(self.loginButton, self.quitButton)

        self.retranslateUi(LoginWindow)

        self.loginButton.setDefault(True)


        QMetaObject.connectSlotsByName(LoginWindow)
    # setupUi

    def retranslateUi(self, LoginWindow):
        LoginWindow.setWindowTitle(QCoreApplication.translate("LoginWindow", u"One-stop desk: sign in", None))
        self.titleLabel.setText(QCoreApplication.translate("LoginWindow", u"One-stop desk", None))
#if QT_CONFIG(tooltip)
        self.demoBadge.setToolTip(QCoreApplication.translate("LoginWindow", u"Demo mode: a demonstration server with invented data runs on this computer.", None))
#endif // QT_CONFIG(tooltip)
        self.demoBadge.setText(QCoreApplication.translate("LoginWindow", u"DEMO", None))
        self.subtitleLabel.setText(QCoreApplication.translate("LoginWindow", u"Receiving and returning results of administrative procedures", None))
        self.usernameLabel.setText(QCoreApplication.translate("LoginWindow", u"&Username:", None))
        self.passwordLabel.setText(QCoreApplication.translate("LoginWindow", u"&Password:", None))
        self.serverCaptionLabel.setText(QCoreApplication.translate("LoginWindow", u"Server:", None))
        self.quitButton.setText(QCoreApplication.translate("LoginWindow", u"&Quit", None))
        self.loginButton.setText(QCoreApplication.translate("LoginWindow", u"&Sign in", None))
    # retranslateUi

