"""What the grader and the instructor's tools both need, and nothing else: where the course's files
are (``locations``), which lessons exist (``lessons``) and how a lesson notebook is read
(``notebooks``).  It imports nothing from ``nncourse.autograder`` or the command line."""
