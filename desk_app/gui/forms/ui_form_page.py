# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'form_page.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QLabel,
    QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
    QWizardPage)

class Ui_FormPage(object):
    def setupUi(self, FormPage):
        if not FormPage.objectName():
            FormPage.setObjectName(u"FormPage")
        FormPage.resize(760, 520)
        self.pageLayout = QVBoxLayout(FormPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.fieldsArea = QScrollArea(FormPage)
        self.fieldsArea.setObjectName(u"fieldsArea")
        self.fieldsArea.setFrameShape(QFrame.Shape.NoFrame)
        self.fieldsArea.setWidgetResizable(True)
        self.fieldsContainer = QWidget()
        self.fieldsContainer.setObjectName(u"fieldsContainer")
        self.fieldsContainer.setGeometry(QRect(0, 0, 740, 460))
        self.fieldsLayout = QFormLayout(self.fieldsContainer)
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fieldsArea.setWidget(self.fieldsContainer)

        self.pageLayout.addWidget(self.fieldsArea)

        self.formMessageLabel = QLabel(FormPage)
        self.formMessageLabel.setObjectName(u"formMessageLabel")
        self.formMessageLabel.setStyleSheet(u"color: #b71c1c;")
        self.formMessageLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.formMessageLabel)


        self.retranslateUi(FormPage)

        QMetaObject.connectSlotsByName(FormPage)
    # setupUi

    def retranslateUi(self, FormPage):
        FormPage.setTitle(QCoreApplication.translate("FormPage", u"Application form", None))
        FormPage.setSubTitle(QCoreApplication.translate("FormPage", u"Fill in the form of the chosen procedure. Fields marked * are required.", None))
    # retranslateUi

