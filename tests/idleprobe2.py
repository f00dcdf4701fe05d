import time, asyncio, collections, atexit, sys, traceback
stats = collections.Counter(); counts = collections.Counter()
real_sleep = asyncio.sleep
async def sleep(delay, *a, **k):
    fs = traceback.extract_stack(sys._getframe(1), limit=4)
    key = f"{delay:.3f} " + " < ".join(f"{f.filename.split('/')[-1]}:{f.lineno} {f.name}" for f in reversed(fs))
    t = time.perf_counter()
    try:
        return await real_sleep(delay, *a, **k)
    finally:
        stats[key] += time.perf_counter() - t; counts[key] += 1
asyncio.sleep = sleep
import textual._wait
textual._wait.sleep = sleep
real_wait_for = asyncio.wait_for
async def wait_for(aw, timeout, *a, **k):
    fs = traceback.extract_stack(sys._getframe(1), limit=3)
    key = "wait_for " + " < ".join(f"{f.filename.split('/')[-1]}:{f.lineno} {f.name}" for f in reversed(fs))
    t = time.perf_counter()
    try:
        return await real_wait_for(aw, timeout, *a, **k)
    finally:
        stats[key] += time.perf_counter() - t; counts[key] += 1
asyncio.wait_for = wait_for
def report():
    for k, v in stats.most_common(14): print(f"{v:7.2f}s {counts[k]:6d} {k[:230]}")
atexit.register(report)
