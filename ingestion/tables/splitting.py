"""Split digit runs that a crawler concatenated (行政许可396442278 -> 396 | 442 | 278): every cut a row's own
arithmetic allows, and between several, the one table 三's column totals agree with."""

from collections.abc import Callable
from functools import lru_cache

from ingestion.canonical import APPLICANT_COLUMNS, APPLICATIONS
from ingestion.tables.rules import Identity, identities

MAX_STEPS = 200_000  # cuts tried before the search gives up (the caller flags the run as not splittable)


@lru_cache(maxsize=4096)
def split_digits(digits: str, n: int, check: Callable[[list[int]], bool] | None = None,
                 block: int | None = None, max_width: int = 9) -> tuple[tuple[str, ...], ...] | None:
    """Every way to cut `digits` into n numbers without leading zeros whose every consecutive block of
    `block` numbers (all n when None) passes `check`.

    A block is checked as soon as it is cut, so a prefix that fails is never extended: table 四's 15 numbers
    in three balanced blocks of five are found without enumerating millions of cuts. Returns None when the
    search takes more than MAX_STEPS cuts. Cached (the result is shared, hence tuples): crawler text repeats
    the same runs, rows of zeros above all.
    """
    if n <= 0 or not digits.isdigit() or len(digits) < n:
        return ()
    cuts = _Cuts(digits, n, check, block or n, max_width)
    return tuple(cuts.out) if cuts.cut(0, []) else None


class _Cuts:
    """The search of split_digits. (A class: a recursive closure would be a reference cycle, holding every
    search's state until the cyclic collector ran.)"""

    __slots__ = ("digits", "n", "check", "size", "max_width", "end", "out", "steps")

    def __init__(self, digits: str, n: int, check: Callable[[list[int]], bool] | None, size: int,
                 max_width: int) -> None:
        self.digits, self.n, self.check, self.size, self.max_width = digits, n, check, size, max_width
        self.end = len(digits)
        self.out: list[tuple[str, ...]] = []
        self.steps = 0

    def cut(self, start: int, parts: list[str]) -> bool:
        """Extend `parts` (cut up to `start`) in every way; False when the search gave up (MAX_STEPS)."""
        digits, check, size = self.digits, self.check, self.size
        remaining = self.n - len(parts)  # at least 1: the last number is cut here, below
        rest = self.end - start
        if rest < remaining or rest > remaining * self.max_width:
            return True
        if remaining == 1:  # the last number takes the rest: a cut, or none (a leading zero)
            if digits[start] == "0" and rest > 1:
                return True
            self.steps += 1
            if self.steps > MAX_STEPS:
                return False
            parts.append(digits[start:])
            if check is None or len(parts) % size or check([int(p) for p in parts[-size:]]):
                self.out.append(tuple(parts))
            parts.pop()
            return True
        widths = range(1, 2 if digits[start] == "0" else min(self.max_width, rest - remaining + 1) + 1)
        for width in widths:
            self.steps += 1
            if self.steps > MAX_STEPS:
                return False
            parts.append(digits[start:start + width])
            ok = True
            if check is None or len(parts) % size or check([int(p) for p in parts[-size:]]):
                ok = self.cut(start + width, parts)
            parts.pop()
            if not ok:
                return False
        return True


def split_signed(run: str, n: int, signed: int) -> tuple[tuple[str, ...], ...] | None:
    """Every way to cut a run into n numbers when the number at index `signed` (本年增/减) printed its sign
    (41-50 -> 41 | -5 | 0): the sign starts that number, so the digits before it are the numbers before it and
    the digits after it that number and the ones after. A run with no sign or more than one is not cut (an
    empty result); None when a search gives up."""
    signs = [i for i, ch in enumerate(run) if ch in "+-"]
    if len(signs) != 1 or not 0 <= signed < n:
        return ()
    at = signs[0]
    head = split_digits(run[:at], signed) if signed else ((),) if at == 0 else ()
    tail = split_digits(run[at + 1:], n - signed)
    if head is None or tail is None:
        return None
    return tuple(h + (run[at] + t[0],) + t[1:] for h in head for t in tail)


def split_runs(runs: tuple[str, ...], n: int, check: Callable[[list[int]], bool] | None,
               limit: int = 10_000) -> tuple[tuple[str, ...], ...] | None:
    """Every way to cut each of a row's printed numbers into one or more (a number is digits of neighbouring
    columns run together: layout text that squeezed its columns, 0 5 0 4009 for 0|5|0|4|0|0|9) so that the row
    has n numbers passing `check` (any n numbers when None). Runs keep their order and every run gives at least one number. () when no
    way exists (or a run is not all digits); None when more than `limit` partial rows were tried."""
    if not all(r.isdigit() for r in runs) or sum(map(len, runs)) < n or len(runs) > n:
        return ()
    rows: list[tuple[str, ...]] = [()]
    for i, run in enumerate(runs):
        later = len(runs) - i - 1  # runs after this one: at least one number each
        grown: list[tuple[str, ...]] = []
        for row in rows:
            room = n - len(row) - later
            for parts in range(1, min(room, len(run)) + 1):
                cuts = split_digits(run, parts)
                if cuts is None:
                    return None
                grown.extend(row + cut for cut in cuts)
        if len(grown) > limit:
            return None
        rows = grown
    return tuple(row for row in rows if len(row) == n and (check is None or check([int(p) for p in row])))


def cut_squeezed(runs: tuple[str, ...], n: int, check: Callable[[list[int]], bool]) -> tuple[tuple[str, ...], str] | None:
    """The one cut of a row's printed runs into its n numbers (split_runs), and why it is the one: the only cut
    that passes `check` (the row's totals); or, for a row that does not balance as printed but holds a run
    that is no number (0004), the only cut its digits allow. None when no cut or several are possible."""
    cuts, why = split_runs(runs, n, check), "the one way the totals allow"
    if not cuts and any(r[0] == "0" and len(r) > 1 for r in runs):
        cuts, why = split_runs(runs, n, None), "the only cut into numbers without leading zeros"
    return (cuts[0], why) if cuts and len(cuts) == 1 else None


MAX_STATES = 50_000  # partial sums kept while the ambiguous rows' splits are combined (beyond: no settling)


@lru_cache(maxsize=1)
def _column_identities() -> tuple[Identity, ...]:
    """Table 三's identities that run down a column (they join rows): the template's arithmetic (ingestion.tables.rules)."""
    return tuple(i for i in identities() if {r for _, r, _ in i.left + i.right} != {i.left[0][1]}
                 and all(t == APPLICATIONS for t, _, _ in i.left + i.right))


def settle_by_columns(candidates: dict[str, tuple[tuple[str, ...], ...]],
                      known: dict[tuple[str, str], float | int | None]) -> dict[str, tuple[str, ...]] | None:
    """Table 三 rows whose digit run balances its own total in several ways (`candidates`: row -> its cuts):
    the split of each, when exactly one combination of the candidates makes every column identity it enters
    hold (一+二 = 总计 + 结转; 总计 = the outcome rows) with the other rows as printed (`known`: (row, column)
    -> value, None for a blank or a marker). A row not printed is not a term; an identity with a blank term
    cannot be checked. None when no combination or more than one fits, or the search outgrows MAX_STATES.
    Rows are taken one by one, keeping per vector of the identities' running differences how many
    combinations reach it: a few hundred vectors, not every combination."""
    rows = list(candidates)
    present = {row for row, _ in known} | set(rows)
    checks: list[tuple[float, list[tuple[int, str, int]]]] = []  # (constant, pending terms: (sign, row, column index))
    for ident in _column_identities():
        constant: float = 0
        pending: list[tuple[int, str, int]] = []
        checkable = True
        for sign, side in ((1, ident.left), (-1, ident.right)):
            terms = [(row, col) for _, row, col in side if row in present]
            if not terms:
                checkable = False  # a side none of whose rows is printed
            for row, col in terms:
                if row in candidates:
                    pending.append((sign, row, APPLICANT_COLUMNS.index(col)))
                elif known.get((row, col)) is None:
                    checkable = False  # a blank or marker term
                else:
                    constant += sign * known[(row, col)]
        if checkable and pending:
            checks.append((constant, pending))
    if not checks:
        return None
    # state: the identities' running differences -> (how many combinations reach it, capped at 2; one of them)
    states: dict[tuple[float, ...], tuple[int, tuple[tuple[str, ...], ...]]] = {
        tuple(constant for constant, _ in checks): (1, ())}
    for row in rows:
        nxt: dict[tuple[float, ...], tuple[int, tuple[tuple[str, ...], ...]]] = {}
        for parts in candidates[row]:
            numbers = [int(p) for p in parts]
            step = [sum(sign * numbers[c] for sign, r, c in pending if r == row) for _, pending in checks]
            for state, (count, path) in states.items():
                key = tuple(round(a + b, 6) for a, b in zip(state, step, strict=True))
                seen = nxt.get(key)
                nxt[key] = (min(2, count + seen[0]), seen[1]) if seen else (count, (*path, parts))
        if len(nxt) > MAX_STATES:
            return None
        states = nxt
    count, path = states.get(tuple(0.0 for _ in checks), (0, ()))
    if count != 1:
        return None
    return dict(zip(rows, path, strict=True))


def sums_to_last(parts: list[int]) -> bool:
    """A row of the template whose last number is the total of the others."""
    return sum(parts[:-1]) == parts[-1]
