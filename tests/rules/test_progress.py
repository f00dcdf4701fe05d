from sponsordesk.model import StepBoard, StepStatus
from sponsordesk.rules.progress import current_step, current_step_text, done_count, out_of_order


def board(**statuses):
    b = StepBoard()
    for number, status in statuses.items():
        b.get(int(number[1:])).status = status
    return b


def test_fresh_board_is_not_started():
    b = StepBoard()
    assert current_step(b) is None and current_step_text(b) == "not started" and len(b.step) == 12


def test_current_step_is_lowest_working_and_shows_several():
    b = board(s1=StepStatus.DONE, s2=StepStatus.DONE, s3=StepStatus.DONE, s4=StepStatus.WORKING, s6=StepStatus.WORKING)
    assert current_step(b) == 4 and current_step_text(b) == "4+6" and done_count(b) == 3
    assert out_of_order(b) == ["step 6 started before step 5 was done"]


def test_between_steps_and_all_done():
    b = board(s1=StepStatus.DONE)
    assert current_step_text(b) == "next 2"
    b = board(**{f"s{n}": StepStatus.DONE for n in range(1, 13)})
    assert current_step(b) is None and current_step_text(b) == "all 12 done"


def test_work_after_a_step_being_revisited_is_in_order():
    b = board(s1=StepStatus.REVISITING, s2=StepStatus.WORKING)
    assert out_of_order(b) == []
