### Texts shared by every part of the product.
# Some spaces here are non-breaking (U+00A0), as French typography wants
# before : ; ! ? » and after «: keep them when editing.

label-separator = { "\u00A0: " }
