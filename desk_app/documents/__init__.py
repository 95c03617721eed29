"""Official one-stop forms rendered as PDF with reportlab (Mẫu 01 receipt first).

Fixed wording lives in template files under resources/templates, so a new circular means a
new template; the layout lives in code.
"""
