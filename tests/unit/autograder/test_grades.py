"""Grades: statuses as enums, the CSV's status text, and the dict form that crosses processes."""

import json

from nncourse.autograder.grades import ExerciseGrade, NotebookGrade, NotebookStatus, Status


def grade():
    return NotebookGrade(
        "a/backprop.ipynb",
        "01_backprop",
        exercises=[
            ExerciseGrade("sigmoid", "test_sigmoid", 1.0, 1.0, Status.PASSED, "ok"),
            ExerciseGrade("backprop", "test_backprop", 0.0, 3.0, Status.NOT_ATTEMPTED, "todo"),
        ],
    )


def test_scores_and_status_text():
    g = grade()
    assert (g.score, g.max_score, g.ok, g.status_text) == (1.0, 4.0, True, "ok")
    broken = NotebookGrade("b.ipynb", "", NotebookStatus.UNREADABLE, "invalid JSON (line 1)")
    assert not broken.ok and broken.status_text == "unreadable: invalid JSON (line 1)"


def test_the_dict_form_is_json_and_round_trips():
    g = grade()
    data = json.loads(json.dumps(g.to_dict()))
    assert data["status"] == "ok" and data["exercises"][1]["status"] == "not attempted"
    back = NotebookGrade.from_dict(data)
    assert back == g and back.exercises[1].status is Status.NOT_ATTEMPTED


def test_statuses_read_as_their_words():
    assert f"{Status.NOT_ATTEMPTED}" == str(Status.NOT_ATTEMPTED) == "not attempted"
    assert Status.PASSED == "passed" and Status("missing") is Status.MISSING
