"""What the host did during a benchmark run (kept free of heavy imports: the storage
benchmark's peak RSS must stay the store's own)."""

from __future__ import annotations


def _cpu_times() -> list[int] | None:
    """The host's CPU time counters (the "cpu" line of /proc/stat); None where absent."""
    try:
        with open("/proc/stat") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    return [int(value) for value in fields[1:9]] if fields[:1] == ["cpu"] else None


class CpuSteal:
    """The share of CPU time the hypervisor gave to other guests since creation.

    Why: on these shared machines the same baseline has run twice as slow from one
    evening to the next; a figure printed with the steal of its own run says how
    noisy that run was (``vmstat``'s ``st`` column, for the run alone).
    """

    _STEAL = 7  # user nice system idle iowait irq softirq steal

    def __init__(self) -> None:
        self._start = _cpu_times()

    def percent(self) -> float:
        now = _cpu_times()
        if self._start is None or now is None:
            return float("nan")
        delta = [b - a for a, b in zip(self._start, now, strict=True)]
        total = sum(delta)
        return 100 * delta[self._STEAL] / total if total else 0.0

    def note(self) -> str:
        stolen = self.percent()
        if stolen != stolen:  # nan: no /proc/stat
            return "CPU time stolen by the host: unknown here"
        return f"CPU time stolen by the host during the run: {stolen:.1f} %"
