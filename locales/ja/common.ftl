### Texts shared by every part of the product.

label-separator = ：
