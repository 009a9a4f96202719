"""The tests' own helpers: submissions made from the lessons (``submissions``), which sandboxes this
machine offers (``sandboxes``), each lesson's catalogue of real mistakes (``catalogue``) and an
nbgrader class in a temporary folder (``nbgrader_class``).  ``tests/`` is on the path of the tests
(conftest.py) and of ``nncourse release``, which reads the catalogue."""
