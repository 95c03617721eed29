# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'documents_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QRadioButton, QSizePolicy, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget, QWizardPage)

class Ui_DocumentsPage(object):
    def setupUi(self, DocumentsPage):
        if not DocumentsPage.objectName():
            DocumentsPage.setObjectName(u"DocumentsPage")
        DocumentsPage.resize(760, 560)
        self.pageLayout = QVBoxLayout(DocumentsPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.documentsLabel = QLabel(DocumentsPage)
        self.documentsLabel.setObjectName(u"documentsLabel")

        self.pageLayout.addWidget(self.documentsLabel)

        self.documentsTable = QTableWidget(DocumentsPage)
        self.documentsTable.setObjectName(u"documentsTable")
        self.documentsTable.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed|QAbstractItemView.EditTrigger.DoubleClicked|QAbstractItemView.EditTrigger.EditKeyPressed|QAbstractItemView.EditTrigger.SelectedClicked)
        self.documentsTable.setAlternatingRowColors(True)
        self.documentsTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.documentsTable.setWordWrap(True)
        self.documentsTable.verticalHeader().setVisible(False)

        self.pageLayout.addWidget(self.documentsTable)

        self.lowerLayout = QHBoxLayout()
        self.lowerLayout.setObjectName(u"lowerLayout")
        self.contactGroup = QGroupBox(DocumentsPage)
        self.contactGroup.setObjectName(u"contactGroup")
        self.contactLayout = QFormLayout(self.contactGroup)
        self.contactLayout.setObjectName(u"contactLayout")
        self.contactLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.phoneLabel = QLabel(self.contactGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.contactLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(self.contactGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(15)

        self.contactLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.emailLabel = QLabel(self.contactGroup)
        self.emailLabel.setObjectName(u"emailLabel")

        self.contactLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(self.contactGroup)
        self.emailEdit.setObjectName(u"emailEdit")
        self.emailEdit.setMaxLength(120)

        self.contactLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.emailEdit)

        self.setsLabel = QLabel(self.contactGroup)
        self.setsLabel.setObjectName(u"setsLabel")

        self.contactLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.setsLabel)

        self.setsSpin = QSpinBox(self.contactGroup)
        self.setsSpin.setObjectName(u"setsSpin")
        self.setsSpin.setMinimum(1)
        self.setsSpin.setMaximum(20)

        self.contactLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.setsSpin)


        self.lowerLayout.addWidget(self.contactGroup)

        self.deliveryGroup = QGroupBox(DocumentsPage)
        self.deliveryGroup.setObjectName(u"deliveryGroup")
        self.deliveryLayout = QVBoxLayout(self.deliveryGroup)
        self.deliveryLayout.setObjectName(u"deliveryLayout")
        self.deliveryDeskRadio = QRadioButton(self.deliveryGroup)
        self.deliveryDeskRadio.setObjectName(u"deliveryDeskRadio")
        self.deliveryDeskRadio.setChecked(True)

        self.deliveryLayout.addWidget(self.deliveryDeskRadio)

        self.deliveryPostRadio = QRadioButton(self.deliveryGroup)
        self.deliveryPostRadio.setObjectName(u"deliveryPostRadio")

        self.deliveryLayout.addWidget(self.deliveryPostRadio)

        self.deliveryAddressEdit = QLineEdit(self.deliveryGroup)
        self.deliveryAddressEdit.setObjectName(u"deliveryAddressEdit")
        self.deliveryAddressEdit.setEnabled(False)
        self.deliveryAddressEdit.setMaxLength(300)

        self.deliveryLayout.addWidget(self.deliveryAddressEdit)


        self.lowerLayout.addWidget(self.deliveryGroup)


        self.pageLayout.addLayout(self.lowerLayout)

        self.documentsMessageLabel = QLabel(DocumentsPage)
        self.documentsMessageLabel.setObjectName(u"documentsMessageLabel")
        self.documentsMessageLabel.setStyleSheet(u"color: #b71c1c;")
        self.documentsMessageLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.documentsMessageLabel)

#if QT_CONFIG(shortcut)
        self.documentsLabel.setBuddy(self.documentsTable)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.setsLabel.setBuddy(self.setsSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DocumentsPage)

        QMetaObject.connectSlotsByName(DocumentsPage)
    # setupUi

    def retranslateUi(self, DocumentsPage):
        DocumentsPage.setTitle(QCoreApplication.translate("DocumentsPage", u"Documents and delivery", None))
        DocumentsPage.setSubTitle(QCoreApplication.translate("DocumentsPage", u"Tick the documents received and check how many originals and copies were handed in.", None))
        self.documentsLabel.setText(QCoreApplication.translate("DocumentsPage", u"Documents &taken (Space ticks a document, a digit changes a count):", None))
        self.contactGroup.setTitle(QCoreApplication.translate("DocumentsPage", u"Contact", None))
        self.phoneLabel.setText(QCoreApplication.translate("DocumentsPage", u"&Phone:", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("DocumentsPage", u"e.g. 0905123456", None))
        self.emailLabel.setText(QCoreApplication.translate("DocumentsPage", u"&Email:", None))
        self.setsLabel.setText(QCoreApplication.translate("DocumentsPage", u"Number of &sets:", None))
        self.deliveryGroup.setTitle(QCoreApplication.translate("DocumentsPage", u"Result delivery", None))
        self.deliveryDeskRadio.setText(QCoreApplication.translate("DocumentsPage", u"Collect at the &desk", None))
        self.deliveryPostRadio.setText(QCoreApplication.translate("DocumentsPage", u"Send by p&ost to:", None))
        self.deliveryAddressEdit.setPlaceholderText(QCoreApplication.translate("DocumentsPage", u"Postal address", None))
    # retranslateUi

