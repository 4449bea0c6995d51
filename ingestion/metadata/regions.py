"""GB/T 2260 divisions, from maintained packages' data: jionlp's current divisions (china_location), cpca's
adcodes for the names and codes since changed (a report names its body as it was named in its year), jionlp's
telephone area and postal codes."""

import csv
import importlib.util
import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "自治旗",
             "省", "市", "地区", "盟", "县", "区", "旗")


@dataclass(frozen=True)
class Division:
    code: str  # 6 digits
    name: str
    former: bool = False  # a division since abolished or recoded (宜宾县, now 叙州区): named by older reports

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "prefecture"
        return "county"

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def city_code(self) -> str:
        return self.code[:4] + "00"


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def short_name(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


# a province, prefecture or county line of jionlp's china_location.txt (towns and villages are indented deeper)
_LOCATION = re.compile(r"^\t{0,2}([^\t\n]+)\t(\d{6})\t", re.M)


def _a_division(code: str, name: str) -> bool:
    """Whether a line of the packages' data is a GB/T 2260 division. Not: the groups 市辖区, 县 and 省直辖县级行政
    区划; development zones the statistics office codes beside the counties (x71-x79: 长春经济技术开发区); Taiwan's
    counties (GB/T 2260 codes only the province, 710000)."""
    return bool(name) and name not in ("市辖区", "县") and "直辖" not in name \
        and not ("71" <= code[4:] <= "79" or name.endswith(("开发区", "园区", "管委会"))) \
        and not (code.startswith("71") and code != "710000")


@lru_cache(maxsize=1)
def _current() -> dict[str, str]:
    """code -> name of today's provinces, prefectures and counties (jionlp's china_location)."""
    with zipfile.ZipFile(_package_dir("jionlp") / "dictionary" / "china_location.zip") as zf:
        text = zf.read("china_location.txt").decode("utf-8")
    out: dict[str, str] = {}
    for name, code in _LOCATION.findall(text):
        name = name.strip()
        if _a_division(code, name):
            out.setdefault(code, name)
    return out


@lru_cache(maxsize=1)
def _earlier() -> dict[str, str]:
    """code -> name in cpca's adcodes (GB/T 2260 as of its release): the names and codes since changed."""
    path = _package_dir("cpca") / "resources" / "adcodes.csv"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["adcode"][:6]
            name = row["name"].strip()
            if _a_division(code, name):
                out.setdefault(code, name)
    return out


def former_name(code: str) -> str | None:
    """The division's name under `code` in the earlier data (横县 for 450127, today 横州市)."""
    return _earlier().get(code)


@lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    """Every division by code: today's, and the former ones (abolished or recoded since)."""
    current = _current()
    out = {code: Division(code, name) for code, name in current.items()}
    for code, name in _earlier().items():
        if code not in out:
            out[code] = Division(code, name, former=True)
    return out


def _renamed() -> list[tuple[str, Division]]:
    """(old name, today's division) for the renamings jionlp lists (china_location_change: 襄樊市 => 湖北省 襄阳市,
    2010) whose old name neither data set still holds: named by reports of the years before."""
    path = _package_dir("jionlp") / "dictionary" / "china_location_change.txt"
    known = set(_current().values()) | set(_earlier().values())
    by_name: dict[str, list[Division]] = {}
    for div in divisions().values():
        by_name.setdefault(div.name, []).append(div)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        before, _, after = line.partition("=>")
        old = before.split("\t")[2:]
        new = after.split("\t")
        if len(old) < 3 or not new or old[-2] in known:
            continue
        province = next((d for d in by_name.get(new[0], []) if d.level == "province"), None)
        hits = [d for d in by_name.get(new[-1], []) if province and d.code[:2] == province.code[:2] and not d.former]
        if len(hits) == 1:
            out.append((old[-2], hits[0]))
    return out


@lru_cache(maxsize=1)
def name_index() -> dict[str, list[Division]]:
    """Full and short names -> divisions (a short name must be 2+ characters). A division renamed under its code
    (横县, now 横州市) is found by either name, and one renamed before the data (襄樊市, now 襄阳市) by its old
    name."""
    index: dict[str, list[Division]] = {}
    divs = divisions()
    names = [(div.name, div) for div in divs.values()]
    names += [(name, divs[code]) for code, name in _earlier().items() if name != divs[code].name]
    names += _renamed()
    for name, div in names:
        for key in {name, short_name(name)}:
            if len(key) >= 2:
                hits = index.setdefault(key, [])
                if div not in hits:
                    hits.append(div)
    return index


@lru_cache(maxsize=1)
def _automaton() -> tuple:
    """Aho-Corasick over every division name (leftmost-longest matches): one linear pass finds them all.

    ahocorasick_rs, not pyahocorasick: pyahocorasick scans the ~2,000 first characters of the names at
    every position of the text (1 ms for a 10 KB report); this takes ~40 µs, with the same matches."""
    import ahocorasick_rs

    names = list(name_index())
    return ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest), names


def find_division_names(text: str) -> list[tuple[int, str]]:
    """Leftmost-longest, non-overlapping division names in text, as (start, name)."""
    if not text:
        return []
    auto, names = _automaton()
    return [(start, names[i]) for i, start, _end in auto.find_matches_as_indexes(text)]


def hierarchy(code: str) -> dict[str, str | None]:
    divs = divisions()
    div = divs.get(code)
    if div is None:
        return {"province": None, "city": None, "county": None, "admin_level": None}
    prov = divs.get(div.province_code)
    city = divs.get(div.city_code) if div.level != "province" else None
    return {
        "province": prov.name if prov else None,
        "city": city.name if city and city.code != div.province_code else None,
        "county": div.name if div.level == "county" else None,
        "admin_level": div.level,
    }


@lru_cache(maxsize=1)
def _phone_and_postal() -> tuple[dict[str, str], dict[str, str]]:
    """(area code -> 'province/city', postal code -> same) from jionlp's dictionaries."""
    base = _package_dir("jionlp") / "dictionary"
    area: dict[str, str] = {}
    postal: dict[str, str] = {}
    with zipfile.ZipFile(base / "phone_location.zip") as zf:
        name = zf.namelist()[0]
        for line in io.TextIOWrapper(zf.open(name), encoding="utf-8"):
            if line.startswith("\t") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                place, code, zipcode = parts[0], parts[1], parts[2]
                area.setdefault(code, place)
                postal.setdefault(zipcode, place)
    for line in (base / "landline_phone_area_code.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            area.setdefault(parts[0], parts[1].replace("/", " "))
    return area, postal


def _place_to_division(place: str) -> Division | None:
    """'江苏 宿迁' -> the prefecture 宿迁市 inside 江苏."""
    bits = place.replace("/", " ").split()
    if not bits:
        return None
    prov_hits = name_index().get(bits[0], [])
    prov = next((d for d in prov_hits if d.level == "province"), None)
    if len(bits) == 1:
        return prov
    for div in name_index().get(bits[-1], []):
        if div.level in ("prefecture", "province") and (prov is None or div.province_code == prov.code):
            return div
    return prov


def division_from_area_code(code: str) -> Division | None:
    place = _phone_and_postal()[0].get(code)
    return _place_to_division(place) if place else None


def division_from_postal_code(code: str) -> Division | None:
    postal = _phone_and_postal()[1]
    place = postal.get(code) or postal.get(code[:4] + "00") or postal.get(code[:3] + "000")
    return _place_to_division(place) if place else None
