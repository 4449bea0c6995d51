"""Split digit runs that a crawler concatenated (行政许可396442278 -> 396 | 442 | 278)."""

from collections.abc import Callable

MAX_STEPS = 200_000  # cuts tried before the search gives up (the caller flags the run as not splittable)


def split_digits(digits: str, n: int, check: Callable[[list[int]], bool] | None = None,
                 block: int | None = None, max_width: int = 9) -> list[list[str]] | None:
    """Every way to cut `digits` into n numbers without leading zeros whose every consecutive block of
    `block` numbers (all n when None) passes `check`.

    A block is checked as soon as it is cut, so a prefix that fails is never extended: table 四's 15 numbers
    in three balanced blocks of five are found without enumerating millions of cuts. Returns None when the
    search takes more than MAX_STEPS cuts.
    """
    if n <= 0 or not digits.isdigit() or len(digits) < n:
        return []
    size = block or n
    end = len(digits)
    out: list[list[str]] = []
    steps = 0

    def rec(start: int, parts: list[str]) -> bool:
        nonlocal steps
        remaining = n - len(parts)
        if remaining == 0:
            if start == end:
                out.append(list(parts))
            return True
        rest = end - start
        if rest < remaining or rest > remaining * max_width:
            return True
        if remaining == 1:  # the last number takes the rest
            widths = range(rest, rest + 1) if digits[start] != "0" or rest == 1 else range(0)
        else:
            widths = range(1, 2 if digits[start] == "0" else min(max_width, rest - remaining + 1) + 1)
        for width in widths:
            steps += 1
            if steps > MAX_STEPS:
                return False
            parts.append(digits[start:start + width])
            ok = True
            if check is None or len(parts) % size or check([int(p) for p in parts[-size:]]):
                ok = rec(start + width, parts)
            parts.pop()
            if not ok:
                return False
        return True

    if not rec(0, []):
        return None
    return out
