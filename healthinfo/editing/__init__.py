"""
Writing health pages: the rich-text editor for section bodies, the fields that
check and clean what it sends, the searchable list of articles its "Link to an
article" button offers, and the figure upload that survives a form error.

These are parts for the article editing page; see the README ("Editing") for
how they fit together.
"""
