"""Mistake catalogues, one module per lesson (``lesson_<lesson id>.py``).

``WRONG[function]`` maps a mistake students really make to the code of such a wrong solution cell;
``CORRECT[function]`` maps a different, correct way of writing it to its code.  The tests prove
that the lesson's test cell (public and hidden parts) fails every wrong one and passes every
correct one, at the function level, without running the notebook.
"""
