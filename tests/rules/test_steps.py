from datetime import date, timedelta

import pytest

from sponsordesk.forms.steps import read_step_dates
from sponsordesk.forms.values import InputError
from sponsordesk.rules import steps as stepwork
from sponsordesk.model import Program, ProgramStep, Step, StepBoard, StepStatus

TODAY = date(2026, 11, 21)


def test_status_cycles_forward_with_dates_defaulting_to_today():
    step = Step(number=4)
    assert stepwork.move_forward(step, TODAY) == StepStatus.WORKING and step.started == TODAY
    assert stepwork.move_forward(step, TODAY) == StepStatus.DONE and step.completed == TODAY
    assert stepwork.move_forward(step, TODAY) == StepStatus.REVISITING and step.revisited == TODAY
    assert stepwork.move_forward(step, TODAY) == StepStatus.DONE and step.completed == TODAY
    assert stepwork.move_forward(step, TODAY) == StepStatus.REVISITING


def test_moving_back_undoes_each_move_and_clears_its_date():
    step = Step(number=2)
    for _ in range(4):  # working, done, revisiting, done again
        stepwork.move_forward(step, TODAY)
    assert stepwork.move_back(step) == StepStatus.REVISITING
    assert stepwork.move_back(step) == StepStatus.DONE and step.revisited is None
    assert stepwork.move_back(step) == StepStatus.WORKING and step.completed is None
    assert stepwork.move_back(step) == StepStatus.NOT_STARTED and step.started is None
    with pytest.raises(stepwork.StepWorkError, match="step 2 has not been started"):
        stepwork.move_back(step)


def test_dates_are_checked_and_name_the_field():
    step = Step(number=1, status=StepStatus.DONE, started=date(2026, 10, 1), completed=date(2026, 10, 20))
    assert stepwork.date_fields(step) == ["started", "completed"]
    with pytest.raises(stepwork.StepWorkError, match="Done on is before") as error:
        stepwork.set_dates(step, read_step_dates({"started": "2026-10-01", "completed": "2026-09-01"}), TODAY)
    assert error.value.field == "completed" and step.completed == date(2026, 10, 20)
    with pytest.raises(InputError, match="Started: 'soon' is not a date") as typed:
        read_step_dates({"started": "soon", "completed": "2026-10-20"})
    assert typed.value.field == "started"
    with pytest.raises(stepwork.StepWorkError, match="after today") as error:
        stepwork.set_dates(step, read_step_dates({"started": "2026-12-01", "completed": "2026-12-02"}), TODAY)
    stepwork.set_dates(step, read_step_dates({"started": "2026-09-01", "completed": "2026-09-29"}), TODAY)
    assert (step.started, step.completed) == (date(2026, 9, 1), date(2026, 9, 29))
    with pytest.raises(stepwork.StepWorkError, match="not been started yet"):
        stepwork.set_dates(Step(number=5), {}, TODAY)


def test_how_long_reads_like_a_person_would_say_it():
    working = Step(number=4, status=StepStatus.WORKING, started=TODAY - timedelta(days=21))
    assert stepwork.how_long(working, TODAY) == "for 3 weeks"
    assert stepwork.step_story(working, TODAY) == "Working for 3 weeks, since Oct 31."
    done = Step(number=1, status=StepStatus.DONE, started=date(2025, 3, 1), completed=date(2025, 4, 5))
    assert stepwork.how_long(done, TODAY) == "took 5 weeks"
    assert stepwork.step_story(done, TODAY) == "Done Apr 5, 2025; took 5 weeks."
    fresh = Step(number=2, status=StepStatus.WORKING, started=TODAY)
    assert stepwork.how_long(fresh, TODAY) == "from today"
    assert stepwork.span_text(date(2024, 1, 1), TODAY) == "2 years"
    assert stepwork.span_text(TODAY - timedelta(days=1), TODAY) == "1 day"


def test_progress_text_counts_done_and_names_working_steps():
    board = StepBoard()
    assert stepwork.progress_text(board) == "not started yet"
    for n in (1, 2, 3):
        board.get(n).status = StepStatus.DONE
    board.get(4).status = StepStatus.WORKING
    board.get(6).status = StepStatus.WORKING
    assert stepwork.progress_text(board) == "3 of 12 done · working on steps 4 and 6"
    assert stepwork.counts(board)[StepStatus.NOT_STARTED] == 7
    board.get(1).status = StepStatus.REVISITING  # gone through again, after a relapse
    assert stepwork.progress_text(board) == "2 of 12 done · working on steps 4 and 6 · revisiting step 1"


def test_wording_only_when_the_user_supplied_it():
    program = Program(key="AA", name="AA", step=[ProgramStep(number=1, title="Admit powerlessness", principle="honesty",
                                                              wording="We admitted ...")])
    assert stepwork.wording(program, 1) == "We admitted ..."
    assert stepwork.wording(program, 2) == "Step 2" and stepwork.principle(program, 1) == "honesty"


def test_finishing_a_revisit_without_a_first_completion_dates_it_today():
    step = Step(number=1, status=StepStatus.REVISITING, started=date(2026, 5, 24))
    assert stepwork.move_forward(step, TODAY) == StepStatus.DONE and step.completed == TODAY


def test_a_revisit_with_no_first_completion_has_only_a_start_date():
    step = Step(number=1, status=StepStatus.REVISITING, started=date(2026, 5, 24))
    assert stepwork.date_fields(step) == ["started"]
    stepwork.set_dates(step, {"started": date(2026, 6, 1)}, TODAY)
    assert step.started == date(2026, 6, 1) and step.completed is None
    assert stepwork.step_story(step, TODAY) == "Revisiting for 5 months, since Jun 1."
