"""The peak resident memory the benchmarks' Python comparisons report."""


def peak_mb():
    """This process's peak resident memory (VmHWM): unlike ru_maxrss, it starts afresh at exec,
    so it does not count the parent's memory at fork."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")
