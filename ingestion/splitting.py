"""Split digit runs that a crawler concatenated (行政许可396442278 -> 396 | 442 | 278)."""

from collections.abc import Callable

MAX_CANDIDATES = 200_000


def split_digits(digits: str, n: int, check: Callable[[list[int]], bool] | None = None,
                 max_width: int = 9) -> list[list[str]] | None:
    """Every way to cut `digits` into n numbers without leading zeros that passes `check`.

    Returns None when the search space is too large to enumerate (the caller flags it).
    """
    if n <= 0 or not digits.isdigit() or len(digits) < n:
        return []
    out: list[list[str]] = []
    seen = 0

    def rec(start: int, parts: list[str]) -> bool:
        nonlocal seen
        remaining = n - len(parts)
        if remaining == 0:
            if start == len(digits):
                seen += 1
                if seen > MAX_CANDIDATES:
                    return False
                if check is None or check([int(p) for p in parts]):
                    out.append(list(parts))
            return True
        rest = len(digits) - start
        if rest < remaining or rest > remaining * max_width:
            return True
        limit = 1 if digits[start] == "0" else min(max_width, rest - remaining + 1)
        for width in range(1, limit + 1):
            parts.append(digits[start:start + width])
            ok = rec(start + width, parts)
            parts.pop()
            if not ok:
                return False
        return True

    if not rec(0, []):
        return None
    return out
