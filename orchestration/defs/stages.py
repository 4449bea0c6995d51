"""What `gongkai run` shows while it works: one line per stage (parse, dbt build, checks, publish), with the
full Dagster log in a file. A Dagster logger, so the same events the UI shows drive it."""

import logging
import sys
import time
from pathlib import Path

import dagster as dg

# step key prefix -> the stage a user knows it as
_STAGES = (("parse_reports", "parse reports"), ("reference_data", "reference data"), ("dbt_models", "dbt build"),
           ("published_warehouse", "publish"), ("dashboard", "dashboard"))


def stage_of(step_key: str | None) -> str:
    if not step_key:
        return "run"
    for prefix, name in _STAGES:
        if step_key.startswith(prefix):
            return name
    return "check " + step_key.split("gx_")[-1] if "gx_" in step_key else step_key


class StageHandler(logging.Handler):
    """Prints a line when a stage starts and when it ends (with its time), and every message at warning or above
    to `stream`; writes every message to `log_file`."""

    def __init__(self, stream, log_file: Path | None, show: bool = True) -> None:
        super().__init__(logging.DEBUG)
        self.stream = stream if show else None
        self.log_file = log_file
        self.started: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", {}) or {}
        event = meta.get("dagster_event")
        message = record.getMessage()
        if self.log_file:  # opened per message: Dagster may build and drop this logger more than once a run
            with self.log_file.open("a", encoding="utf-8") as fh:
                fh.write(f"{time.strftime('%H:%M:%S')} {record.levelname:<7} {meta.get('step_key') or '-'} {message}\n")
        if event is None:
            said = meta.get("orig_message") or message
            if said.startswith("parsed ") and stage_of(meta.get("step_key")) == "parse reports":
                self._say(f"  {said}")  # the parse's progress (parse_reports logs it every 200 reports)
            elif record.levelno >= logging.WARNING:
                self._say(f"  ! {stage_of(meta.get('step_key'))}: {said}")
            return
        kind = event.event_type_value
        step = event.step_key
        if kind == "STEP_START":
            self.started[step] = time.perf_counter()
            self._say(f"▶ {stage_of(step)} …")
        elif kind == "STEP_SUCCESS":
            took = time.perf_counter() - self.started.get(step, time.perf_counter())
            self._say(f"✓ {stage_of(step)} ({took:.1f}s)")
        elif kind == "STEP_FAILURE":
            self._say(f"✗ {stage_of(step)} failed (see the log)")
        elif kind == "ASSET_CHECK_EVALUATION":
            data = event.event_specific_data
            evaluation = getattr(data, "asset_check_evaluation", data)
            if not getattr(evaluation, "passed", True):
                name = getattr(evaluation, "check_name", "?")
                self._say(f"  ! check {name} did not pass")

    def _say(self, line: str) -> None:
        if self.stream is None:
            return
        self.stream.write(line + "\n")
        self.stream.flush()


@dg.logger(config_schema={"log_file": dg.Field(str, is_required=False, default_value=""),
                          "show": dg.Field(bool, is_required=False, default_value=True)},
           description="One line per stage on the terminal, the full log in a file (gongkai run).")
def stage_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    log_file = init_context.logger_config.get("log_file") or None
    logger = logging.Logger("gongkai.stages", level=logging.DEBUG)
    logger.addHandler(StageHandler(sys.__stderr__, Path(log_file) if log_file else None,
                                   init_context.logger_config.get("show", True)))
    return logger
