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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget, QWizardPage)

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

        self.cameraQrButton = QPushButton(self.qrGroup)
        self.cameraQrButton.setObjectName(u"cameraQrButton")
        self.cameraQrButton.setAutoDefault(False)

        self.qrInputLayout.addWidget(self.cameraQrButton)


        self.qrLayout.addLayout(self.qrInputLayout)

        self.qrMessageLabel = QLabel(self.qrGroup)
        self.qrMessageLabel.setObjectName(u"qrMessageLabel")
        self.qrMessageLabel.setWordWrap(True)
        self.qrMessageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.qrLayout.addWidget(self.qrMessageLabel)


        self.pageLayout.addWidget(self.qrGroup)

        self.citizenRowLayout = QHBoxLayout()
        self.citizenRowLayout.setObjectName(u"citizenRowLayout")
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


        self.citizenRowLayout.addWidget(self.identityGroup)

        self.registerGroup = QGroupBox(CitizenPage)
        self.registerGroup.setObjectName(u"registerGroup")
        self.registerLayout = QVBoxLayout(self.registerGroup)
        self.registerLayout.setObjectName(u"registerLayout")
        self.registerStatusLabel = QLabel(self.registerGroup)
        self.registerStatusLabel.setObjectName(u"registerStatusLabel")
        self.registerStatusLabel.setWordWrap(True)
        self.registerStatusLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.registerLayout.addWidget(self.registerStatusLabel)

        self.registerValues = QWidget(self.registerGroup)
        self.registerValues.setObjectName(u"registerValues")
        self.registerValuesLayout = QFormLayout(self.registerValues)
        self.registerValuesLayout.setObjectName(u"registerValuesLayout")
        self.registerValuesLayout.setVerticalSpacing(2)
        self.registerValuesLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.registerValuesLayout.setContentsMargins(0, 0, 0, 0)
        self.registerNameLabel = QLabel(self.registerValues)
        self.registerNameLabel.setObjectName(u"registerNameLabel")

        self.registerValuesLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.registerNameLabel)

        self.registerNameValue = QLabel(self.registerValues)
        self.registerNameValue.setObjectName(u"registerNameValue")
        self.registerNameValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.registerValuesLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.registerNameValue)

        self.registerBirthLabel = QLabel(self.registerValues)
        self.registerBirthLabel.setObjectName(u"registerBirthLabel")

        self.registerValuesLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.registerBirthLabel)

        self.registerBirthValue = QLabel(self.registerValues)
        self.registerBirthValue.setObjectName(u"registerBirthValue")
        self.registerBirthValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.registerValuesLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.registerBirthValue)

        self.registerSexLabel = QLabel(self.registerValues)
        self.registerSexLabel.setObjectName(u"registerSexLabel")

        self.registerValuesLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.registerSexLabel)

        self.registerSexValue = QLabel(self.registerValues)
        self.registerSexValue.setObjectName(u"registerSexValue")
        self.registerSexValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.registerValuesLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.registerSexValue)

        self.registerAddressLabel = QLabel(self.registerValues)
        self.registerAddressLabel.setObjectName(u"registerAddressLabel")

        self.registerValuesLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.registerAddressLabel)

        self.registerAddressValue = QLabel(self.registerValues)
        self.registerAddressValue.setObjectName(u"registerAddressValue")
        self.registerAddressValue.setWordWrap(True)
        self.registerAddressValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.registerValuesLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.registerAddressValue)


        self.registerLayout.addWidget(self.registerValues)

        self.registerDifferencesLabel = QLabel(self.registerGroup)
        self.registerDifferencesLabel.setObjectName(u"registerDifferencesLabel")
        self.registerDifferencesLabel.setTextFormat(Qt.TextFormat.RichText)
        self.registerDifferencesLabel.setWordWrap(True)
        self.registerDifferencesLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.registerLayout.addWidget(self.registerDifferencesLabel)

        self.registerCheckedBox = QCheckBox(self.registerGroup)
        self.registerCheckedBox.setObjectName(u"registerCheckedBox")

        self.registerLayout.addWidget(self.registerCheckedBox)

        self.registerButtonsLayout = QHBoxLayout()
        self.registerButtonsLayout.setObjectName(u"registerButtonsLayout")
        self.useRegisterAddressButton = QPushButton(self.registerGroup)
        self.useRegisterAddressButton.setObjectName(u"useRegisterAddressButton")
        self.useRegisterAddressButton.setAutoDefault(False)

        self.registerButtonsLayout.addWidget(self.useRegisterAddressButton)

        self.fillFromRegisterButton = QPushButton(self.registerGroup)
        self.fillFromRegisterButton.setObjectName(u"fillFromRegisterButton")
        self.fillFromRegisterButton.setAutoDefault(False)

        self.registerButtonsLayout.addWidget(self.fillFromRegisterButton)

        self.registerButtonsSpacer = QSpacerItem(0, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.registerButtonsLayout.addItem(self.registerButtonsSpacer)

        self.lookupAgainButton = QPushButton(self.registerGroup)
        self.lookupAgainButton.setObjectName(u"lookupAgainButton")
        self.lookupAgainButton.setAutoDefault(False)

        self.registerButtonsLayout.addWidget(self.lookupAgainButton)


        self.registerLayout.addLayout(self.registerButtonsLayout)

        self.registerSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.registerLayout.addItem(self.registerSpacer)


        self.citizenRowLayout.addWidget(self.registerGroup)

        self.citizenRowLayout.setStretch(0, 1)
        self.citizenRowLayout.setStretch(1, 1)

        self.pageLayout.addLayout(self.citizenRowLayout)

        self.citizenMessageLabel = QLabel(CitizenPage)
        self.citizenMessageLabel.setObjectName(u"citizenMessageLabel")
        self.citizenMessageLabel.setStyleSheet(u"color: #b71c1c;")
        self.citizenMessageLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.citizenMessageLabel)

        self.historyGroup = QGroupBox(CitizenPage)
        self.historyGroup.setObjectName(u"historyGroup")
        self.historyLayout = QVBoxLayout(self.historyGroup)
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyMessageLabel = QLabel(self.historyGroup)
        self.historyMessageLabel.setObjectName(u"historyMessageLabel")
        self.historyMessageLabel.setWordWrap(True)

        self.historyLayout.addWidget(self.historyMessageLabel)

        self.previousDossiersTable = QTableWidget(self.historyGroup)
        if (self.previousDossiersTable.columnCount() < 4):
            self.previousDossiersTable.setColumnCount(4)
        __qtablewidgetitem = QTableWidgetItem()
        self.previousDossiersTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.previousDossiersTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.previousDossiersTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.previousDossiersTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        self.previousDossiersTable.setObjectName(u"previousDossiersTable")
        self.previousDossiersTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.previousDossiersTable.setAlternatingRowColors(True)
        self.previousDossiersTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.previousDossiersTable.setWordWrap(False)
        self.previousDossiersTable.horizontalHeader().setStretchLastSection(True)
        self.previousDossiersTable.verticalHeader().setVisible(False)

        self.historyLayout.addWidget(self.previousDossiersTable)


        self.pageLayout.addWidget(self.historyGroup)

        self.pageSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.pageLayout.addItem(self.pageSpacer)

        self.pageLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.fullNameLabel.setBuddy(self.fullNameEdit)
        self.cccdLabel.setBuddy(self.cccdEdit)
        self.cmndLabel.setBuddy(self.cmndEdit)
        self.dateOfBirthLabel.setBuddy(self.dateOfBirthEdit)
        self.sexLabel.setBuddy(self.sexCombo)
        self.addressLabel.setBuddy(self.addressEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.qrEdit, self.readQrButton)
        QWidget.setTabOrder(self.readQrButton, self.cameraQrButton)
        QWidget.setTabOrder(self.cameraQrButton, self.fullNameEdit)
        QWidget.setTabOrder(self.fullNameEdit, self.cccdEdit)
        QWidget.setTabOrder(self.cccdEdit, self.cmndEdit)
        QWidget.setTabOrder(self.cmndEdit, self.dateOfBirthEdit)
        QWidget.setTabOrder(self.dateOfBirthEdit, self.sexCombo)
        QWidget.setTabOrder(self.sexCombo, self.addressEdit)
        QWidget.setTabOrder(self.addressEdit, self.registerCheckedBox)
        QWidget.setTabOrder(self.registerCheckedBox, self.useRegisterAddressButton)
        QWidget.setTabOrder(self.useRegisterAddressButton, self.fillFromRegisterButton)
        QWidget.setTabOrder(self.fillFromRegisterButton, self.lookupAgainButton)
        QWidget.setTabOrder(self.lookupAgainButton, self.previousDossiersTable)

        self.retranslateUi(CitizenPage)

        QMetaObject.connectSlotsByName(CitizenPage)
    # setupUi

    def retranslateUi(self, CitizenPage):
        CitizenPage.setTitle(QCoreApplication.translate("CitizenPage", u"Citizen", None))
        CitizenPage.setSubTitle(QCoreApplication.translate("CitizenPage", u"Scan the QR code on the citizen ID card, or type the details by hand.", None))
        self.qrGroup.setTitle(QCoreApplication.translate("CitizenPage", u"Citizen ID card (CCCD) &QR code", None))
        self.qrEdit.setPlaceholderText(QCoreApplication.translate("CitizenPage", u"Scan the QR code or paste its text here, then press Enter", None))
        self.readQrButton.setText(QCoreApplication.translate("CitizenPage", u"Fill from Q&R", None))
#if QT_CONFIG(tooltip)
        self.cameraQrButton.setToolTip(QCoreApplication.translate("CitizenPage", u"Read the card's QR code with the desk camera (F8)", None))
#endif // QT_CONFIG(tooltip)
        self.cameraQrButton.setText(QCoreApplication.translate("CitizenPage", u"Ca&mera\u2026 (F8)", None))
        self.identityGroup.setTitle(QCoreApplication.translate("CitizenPage", u"Applicant", None))
        self.fullNameLabel.setText(QCoreApplication.translate("CitizenPage", u"&Full name:", None))
        self.cccdLabel.setText(QCoreApplication.translate("CitizenPage", u"Citizen &ID number (CCCD):", None))
        self.cccdEdit.setPlaceholderText(QCoreApplication.translate("CitizenPage", u"12 digits", None))
        self.cmndLabel.setText(QCoreApplication.translate("CitizenPage", u"&Old ID number (CMND):", None))
        self.cmndEdit.setPlaceholderText(QCoreApplication.translate("CitizenPage", u"9 digits, if any", None))
        self.dateOfBirthLabel.setText(QCoreApplication.translate("CitizenPage", u"Date of &birth:", None))
        self.dateOfBirthEdit.setPlaceholderText(QCoreApplication.translate("CitizenPage", u"dd/mm/yyyy", None))
        self.sexLabel.setText(QCoreApplication.translate("CitizenPage", u"&Sex:", None))
        self.addressLabel.setText(QCoreApplication.translate("CitizenPage", u"Permanent &address:", None))
        self.registerGroup.setTitle(QCoreApplication.translate("CitizenPage", u"Population register", None))
        self.registerNameLabel.setText(QCoreApplication.translate("CitizenPage", u"Full name:", None))
        self.registerBirthLabel.setText(QCoreApplication.translate("CitizenPage", u"Date of birth:", None))
        self.registerSexLabel.setText(QCoreApplication.translate("CitizenPage", u"Sex:", None))
        self.registerAddressLabel.setText(QCoreApplication.translate("CitizenPage", u"Permanent address:", None))
        self.registerCheckedBox.setText(QCoreApplication.translate("CitizenPage", u"I have &checked the differences with the card and the citizen", None))
        self.useRegisterAddressButton.setText(QCoreApplication.translate("CitizenPage", u"&Use the register's address", None))
        self.fillFromRegisterButton.setText(QCoreApplication.translate("CitizenPage", u"Fill &empty fields from the register", None))
        self.lookupAgainButton.setText(QCoreApplication.translate("CitizenPage", u"Ask a&gain", None))
        self.historyGroup.setTitle(QCoreApplication.translate("CitizenPage", u"Previous dossiers at this desk", None))
        ___qtablewidgetitem = self.previousDossiersTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("CitizenPage", u"Code", None))
        ___qtablewidgetitem1 = self.previousDossiersTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("CitizenPage", u"Procedure", None))
        ___qtablewidgetitem2 = self.previousDossiersTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("CitizenPage", u"Received", None))
        ___qtablewidgetitem3 = self.previousDossiersTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("CitizenPage", u"Status", None))
    # retranslateUi

