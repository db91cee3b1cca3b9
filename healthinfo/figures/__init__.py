"""
Figures: responsive renditions of uploaded images, made once at upload
(``renditions``, ``models``, ``signals``), and an image upload that survives a
form error elsewhere on the page (``uploads``).
"""
