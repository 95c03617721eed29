# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'fees_page.ui'
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
    QFormLayout, QHeaderView, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget, QWizardPage)

class Ui_FeesPage(object):
    def setupUi(self, FeesPage):
        if not FeesPage.objectName():
            FeesPage.setObjectName(u"FeesPage")
        FeesPage.resize(760, 520)
        self.pageLayout = QVBoxLayout(FeesPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.feesTable = QTableWidget(FeesPage)
        self.feesTable.setObjectName(u"feesTable")
        self.feesTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.feesTable.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.feesTable.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.feesTable.horizontalHeader().setStretchLastSection(False)
        self.feesTable.verticalHeader().setVisible(False)

        self.pageLayout.addWidget(self.feesTable)

        self.totalLabel = QLabel(FeesPage)
        self.totalLabel.setObjectName(u"totalLabel")
        self.totalLabel.setStyleSheet(u"font-weight: bold; font-size: 12pt;")

        self.pageLayout.addWidget(self.totalLabel)

        self.collectedCheck = QCheckBox(FeesPage)
        self.collectedCheck.setObjectName(u"collectedCheck")
        self.collectedCheck.setChecked(True)

        self.pageLayout.addWidget(self.collectedCheck)

        self.paymentForm = QFormLayout()
        self.paymentForm.setObjectName(u"paymentForm")
        self.methodLabel = QLabel(FeesPage)
        self.methodLabel.setObjectName(u"methodLabel")

        self.paymentForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.methodLabel)

        self.methodCombo = QComboBox(FeesPage)
        self.methodCombo.setObjectName(u"methodCombo")

        self.paymentForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.methodCombo)

        self.receiptNumberLabel = QLabel(FeesPage)
        self.receiptNumberLabel.setObjectName(u"receiptNumberLabel")

        self.paymentForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.receiptNumberLabel)

        self.receiptNumberEdit = QLineEdit(FeesPage)
        self.receiptNumberEdit.setObjectName(u"receiptNumberEdit")
        self.receiptNumberEdit.setMaxLength(64)

        self.paymentForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.receiptNumberEdit)


        self.pageLayout.addLayout(self.paymentForm)

        self.feeMessageLabel = QLabel(FeesPage)
        self.feeMessageLabel.setObjectName(u"feeMessageLabel")
        self.feeMessageLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.feeMessageLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.pageLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.methodLabel.setBuddy(self.methodCombo)
        self.receiptNumberLabel.setBuddy(self.receiptNumberEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.collectedCheck, self.methodCombo)
        QWidget.setTabOrder(self.methodCombo, self.receiptNumberEdit)

        self.retranslateUi(FeesPage)

        QMetaObject.connectSlotsByName(FeesPage)
    # setupUi

    def retranslateUi(self, FeesPage):
        FeesPage.setTitle(QCoreApplication.translate("FeesPage", u"Fees", None))
        FeesPage.setSubTitle(QCoreApplication.translate("FeesPage", u"Collect the fees of the procedure and write down the receipt number.", None))
        self.collectedCheck.setText(QCoreApplication.translate("FeesPage", u"The citizen &pays now", None))
        self.methodLabel.setText(QCoreApplication.translate("FeesPage", u"Payment &method", None))
        self.receiptNumberLabel.setText(QCoreApplication.translate("FeesPage", u"&Receipt or transaction number", None))
    # retranslateUi

