# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'citizen_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget,
    QWizardPage)

class Ui_CitizenPage(object):
    def setupUi(self, CitizenPage):
        if not CitizenPage.objectName():
            CitizenPage.setObjectName(u"CitizenPage")
        CitizenPage.resize(760, 520)
        self.pageLayout = QVBoxLayout(CitizenPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.qrGroup = QGroupBox(CitizenPage)
        self.qrGroup.setObjectName(u"qrGroup")
        self.qrLayout = QVBoxLayout(self.qrGroup)
        self.qrLayout.setObjectName(u"qrLayout")
        self.qrInputLayout = QHBoxLayout()
        self.qrInputLayout.setObjectName(u"qrInputLayout")
        self.qrEdit = QLineEdit(self.qrGroup)
        self.qrEdit.setObjectName(u"qrEdit")
        self.qrEdit.setClearButtonEnabled(True)

        self.qrInputLayout.addWidget(self.qrEdit)

        self.readQrButton = QPushButton(self.qrGroup)
        self.readQrButton.setObjectName(u"readQrButton")
        self.readQrButton.setAutoDefault(False)

        self.qrInputLayout.addWidget(self.readQrButton)


        self.qrLayout.addLayout(self.qrInputLayout)

        self.qrMessageLabel = QLabel(self.qrGroup)
        self.qrMessageLabel.setObjectName(u"qrMessageLabel")
        self.qrMessageLabel.setWordWrap(True)
        self.qrMessageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.qrLayout.addWidget(self.qrMessageLabel)


        self.pageLayout.addWidget(self.qrGroup)

        self.identityGroup = QGroupBox(CitizenPage)
        self.identityGroup.setObjectName(u"identityGroup")
        self.identityLayout = QFormLayout(self.identityGroup)
        self.identityLayout.setObjectName(u"identityLayout")
        self.identityLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fullNameLabel = QLabel(self.identityGroup)
        self.fullNameLabel.setObjectName(u"fullNameLabel")

        self.identityLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fullNameLabel)

        self.fullNameEdit = QLineEdit(self.identityGroup)
        self.fullNameEdit.setObjectName(u"fullNameEdit")
        self.fullNameEdit.setMaxLength(120)

        self.identityLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.fullNameEdit)

        self.cccdLabel = QLabel(self.identityGroup)
        self.cccdLabel.setObjectName(u"cccdLabel")

        self.identityLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.cccdLabel)

        self.cccdEdit = QLineEdit(self.identityGroup)
        self.cccdEdit.setObjectName(u"cccdEdit")
        self.cccdEdit.setMaxLength(12)

        self.identityLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.cccdEdit)

        self.cmndLabel = QLabel(self.identityGroup)
        self.cmndLabel.setObjectName(u"cmndLabel")

        self.identityLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.cmndLabel)

        self.cmndEdit = QLineEdit(self.identityGroup)
        self.cmndEdit.setObjectName(u"cmndEdit")
        self.cmndEdit.setMaxLength(9)

        self.identityLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.cmndEdit)

        self.dateOfBirthLabel = QLabel(self.identityGroup)
        self.dateOfBirthLabel.setObjectName(u"dateOfBirthLabel")

        self.identityLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.dateOfBirthLabel)

        self.dateOfBirthEdit = QLineEdit(self.identityGroup)
        self.dateOfBirthEdit.setObjectName(u"dateOfBirthEdit")
        self.dateOfBirthEdit.setMaxLength(10)

        self.identityLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.dateOfBirthEdit)

        self.sexLabel = QLabel(self.identityGroup)
        self.sexLabel.setObjectName(u"sexLabel")

        self.identityLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.sexLabel)

        self.sexCombo = QComboBox(self.identityGroup)
        self.sexCombo.setObjectName(u"sexCombo")

        self.identityLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.sexCombo)

        self.addressLabel = QLabel(self.identityGroup)
        self.addressLabel.setObjectName(u"addressLabel")

        self.identityLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.addressEdit = QLineEdit(self.identityGroup)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setMaxLength(300)

        self.identityLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.addressEdit)


        self.pageLayout.addWidget(self.identityGroup)

        self.citizenMessageLabel = QLabel(CitizenPage)
        self.citizenMessageLabel.setObjectName(u"citizenMessageLabel")
        self.citizenMessageLabel.setStyleSheet(u"color: #b71c1c;")
        self.citizenMessageLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.citizenMessageLabel)

        self.pageSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.pageLayout.addItem(self.pageSpacer)

#if QT_CONFIG(shortcut)
        self.fullNameLabel.setBuddy(self.fullNameEdit)
        self.cccdLabel.setBuddy(self.cccdEdit)
        self.cmndLabel.setBuddy(self.cmndEdit)
        self.dateOfBirthLabel.setBuddy(self.dateOfBirthEdit)
        self.sexLabel.setBuddy(self.sexCombo)
        self.addressLabel.setBuddy(self.addressEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.qrEdit, self.readQrButton)
        QWidget.setTabOrder(self.readQrButton, self.fullNameEdit)
        QWidget.setTabOrder(self.fullNameEdit, self.cccdEdit)
        QWidget.setTabOrder(self.cccdEdit, self.cmndEdit)
        QWidget.setTabOrder(self.cmndEdit, self.dateOfBirthEdit)
        QWidget.setTabOrder(self.dateOfBirthEdit, self.sexCombo)
        QWidget.setTabOrder(self.sexCombo, self.addressEdit)

        self.retranslateUi(CitizenPage)

        QMetaObject.connectSlotsByName(CitizenPage)
    # setupUi

    def retranslateUi(self, CitizenPage):
        CitizenPage.setTitle(QCoreApplication.translate("CitizenPage", u"Citizen", None))
        CitizenPage.setSubTitle(QCoreApplication.translate("CitizenPage", u"Scan the QR code on the citizen ID card, or type the details by hand.", None))
        self.qrGroup.setTitle(QCoreApplication.translate("CitizenPage", u"Citizen ID card (CCCD) QR code", None))
        self.qrEdit.setPlaceholderText(QCoreApplication.translate("CitizenPage", u"Scan the QR code or paste its text here, then press Enter", None))
        self.readQrButton.setText(QCoreApplication.translate("CitizenPage", u"&Fill from QR", None))
        self.identityGroup.setTitle(QCoreApplication.translate("CitizenPage", u"Applicant", None))
        self.fullNameLabel.setText(QCoreApplication.translate("CitizenPage", u"Full &name:", None))
        self.cccdLabel.setText(QCoreApplication.translate("CitizenPage", u"Citizen ID number (CCCD):", None))
        self.cccdEdit.setPlaceholderText(QCoreApplication.translate("CitizenPage", u"12 digits", None))
        self.cmndLabel.setText(QCoreApplication.translate("CitizenPage", u"Old ID number (CMND):", None))
        self.cmndEdit.setPlaceholderText(QCoreApplication.translate("CitizenPage", u"9 digits, if any", None))
        self.dateOfBirthLabel.setText(QCoreApplication.translate("CitizenPage", u"Date of &birth:", None))
        self.dateOfBirthEdit.setPlaceholderText(QCoreApplication.translate("CitizenPage", u"dd/mm/yyyy", None))
        self.sexLabel.setText(QCoreApplication.translate("CitizenPage", u"Sex:", None))
        self.addressLabel.setText(QCoreApplication.translate("CitizenPage", u"Permanent &address:", None))
    # retranslateUi

