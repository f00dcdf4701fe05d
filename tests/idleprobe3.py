import time, atexit, pytest
rows = []
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    t = time.perf_counter(); c = time.process_time()
    yield
    rows.append((time.perf_counter() - t - (time.process_time() - c), time.perf_counter() - t, item.nodeid))
def report():
    rows.sort(reverse=True)
    print("idle total", round(sum(r[0] for r in rows), 1), "wall", round(sum(r[1] for r in rows), 1))
    for r in rows[:12]: print(f"{r[0]:.2f} {r[1]:.2f} {r[2]}")
atexit.register(report)
