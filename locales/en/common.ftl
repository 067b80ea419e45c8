### Texts shared by every part of the product.

# Between a label and its value, as in “When: Monday”.
label-separator = { ": " }
