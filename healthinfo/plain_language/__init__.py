"""
Plain-language checks: how hard a page is to read, in English and Spanish.

- ``text``: the words of a page as readers see them (HTML and link tokens resolved to words);
- ``analysis``: scores, word count, reading time, longest sentences, hardest words, jargon;
- ``models``: the site glossary (medical terms and their plain alternatives), the targets
  per language, and each page's stored scores for the report;
- ``scoring``: keeps the stored scores in step with the pages;
- ``views``: the live check the editing page calls, and the report.

The checks advise editors; nothing here blocks publishing.
"""
