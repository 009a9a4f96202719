"""nbgrader's view of the Chinese course (简体中文): run nbgrader from this folder for a class that
learns in Chinese.  Its notebooks are built by `nncourse release` from the English sources and their
translations (solutions/<lesson>/zh_CN.po); everything else is the English course's configuration.
The lessons keep their assignment ids, and grading is the same: a Chinese submission gets exactly
the points of the same answers in English."""

import os

c = get_config()  # noqa: F821 (provided by nbgrader)

HERE = os.path.dirname(os.path.abspath(__file__))
ENGLISH = os.path.join(os.path.dirname(HERE), "nbgrader_config.py")
with open(ENGLISH, encoding="utf-8") as f:
    exec(compile(f.read(), ENGLISH, "exec"), {"get_config": lambda: c, "__file__": ENGLISH})

c.CourseDirectory.root = HERE
# What a student finds in place of each solution, in Chinese.
c.ClearSolutions.code_stub = {
    "python": '# 在这里写你的代码\nraise NotImplementedError("在这里写你的代码，然后再次运行本单元格。")'
}
