"""The dbt project as Dagster assets (dagster-dbt); dbt builds into the warehouse's build copy."""

import hashlib
import json
import os
import shutil
from pathlib import Path

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration.defs.dbt_project import DBT_DIR, PREPARER, dbt_project, prepare_manifest
from orchestration.resources import WarehouseResource

if PREPARER.using_dagster_dev():
    prepare_manifest()  # `dagster dev` reloads an edited project; elsewhere the caller prepared it

GROUPS = {"staging": "staging", "intermediate": "staging", "marts": "marts"}


class Translator(DagsterDbtTranslator):
    def get_asset_spec(self, manifest, unique_id, project):
        spec = super().get_asset_spec(manifest, unique_id, project)
        node = manifest["nodes"].get(unique_id) or manifest["sources"].get(unique_id) or {}
        folder = (node.get("fqn") or ["", ""])[1] if node.get("resource_type") == "model" else None
        group = GROUPS.get(folder or "", "staging" if node.get("resource_type") == "seed" else None)
        if (node.get("config", {}).get("meta", {}).get("dagster") or {}).get("group"):
            group = spec.group_name  # the model's own `config.meta.dagster.group` (e.g. quality) wins
        if group and node.get("resource_type") in ("model", "seed"):
            spec = spec.replace_attributes(group_name=group, owners=["team:gongkai"])
        return spec


translator = Translator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator,
            pool="duckdb_writer", name="dbt_models")
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    """`dbt build` (models, seeds and tests) against the build copy of the warehouse."""
    fingerprint = project_fingerprint()
    stamp = warehouse.paths.build_dir / ".dbt-project-fingerprint"
    args = ["build", *build_vars(warehouse)]
    if not stamp.exists() or stamp.read_text() != fingerprint:
        # the models changed since the incremental tables were built: rebuild them from scratch
        args.append("--full-refresh")
        context.log.info("dbt project changed since the last build: --full-refresh")
        stamp.unlink(missing_ok=True)
    columns_cache = warehouse.paths.build_dir / ".dbt-column-metadata.json"
    try:
        cli = dbt.cli(args, context=context)
        invocation = cli.stream()
        if not warehouse.column_lineage:
            yield from invocation
        elif "--full-refresh" in args or not columns_cache.exists():
            yield from _recording_columns(invocation.fetch_column_metadata(), columns_cache)
        else:
            yield from _with_cached_columns(invocation, columns_cache)
    finally:
        release_dbt_duckdb()
    stamp.write_text(fingerprint)  # reached only when the build succeeded
    keep_partial_parse(Path(cli.target_path))
    write_static_docs(context, dbt, warehouse)


def build_vars(warehouse: WarehouseResource) -> list[str]:
    """The build copy dbt writes, given as a var (profiles.yml reads it): no process environment is changed."""
    return ["--vars", json.dumps({"build_db": str(warehouse.paths.build)})]


def keep_partial_parse(invocation_target: Path) -> None:
    """dagster-dbt gives each invocation a fresh target path, seeded with the project's partial-parse state,
    which `dbt parse` wrote at setup with another profile (the warehouse path is part of it): every build
    parsed the whole project again. The state of this build (same warehouse, same profile) seeds the next."""
    source = invocation_target / "partial_parse.msgpack"
    dest = DBT_DIR / "target" / "partial_parse.msgpack"
    tmp = dest.with_suffix(f".{os.getpid()}.tmp")
    try:
        if source.exists():
            shutil.copyfile(source, tmp)
            os.replace(tmp, dest)  # atomic: a concurrent invocation copies either the old or the new state
    except OSError:  # an optimisation only: a read-only project folder keeps parsing in full
        tmp.unlink(missing_ok=True)


COLUMN_KEYS = ("dagster/column_schema", "dagster/column_lineage")


def _recording_columns(events, cache: Path):
    """Pass the events through and keep each model's column schema and lineage (they change only with the
    project, and fetching them costs ~10 s of queries and SQL parsing on every build)."""
    recorded: dict[str, dict] = {}
    for event in events:
        if isinstance(event, dg.Output):
            kept = {k: v for k, v in (event.metadata or {}).items() if k in COLUMN_KEYS}
            if kept:
                recorded[event.output_name] = kept
        yield event
    cache.write_text(dg.serialize_value(recorded), encoding="utf-8")


def _with_cached_columns(events, cache: Path):
    """The column schema and lineage recorded at the last full build, attached to this build's outputs."""
    recorded = dg.deserialize_value(cache.read_text(encoding="utf-8"), dict)
    for event in events:
        if isinstance(event, dg.Output) and event.output_name in recorded:
            event = event.with_metadata({**(event.metadata or {}), **recorded[event.output_name]})
        yield event


def project_fingerprint() -> str:
    """What the built tables depend on in the dbt project: every model's, seed's and test's SQL checksum and
    the project's own macros and vars (not the manifest file itself, which `dbt parse` rewrites with a new
    timestamp each time)."""
    manifest = json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))
    parts = sorted(f"{uid}:{node.get('checksum', {}).get('checksum')}" for uid, node in manifest["nodes"].items())
    parts += sorted(f"{uid}:{hashlib.sha256(m['macro_sql'].encode()).hexdigest()}"
                    for uid, m in manifest["macros"].items() if m.get("package_name") == "gongkai")
    parts.append(json.dumps(manifest.get("metadata", {}).get("project_name")))
    parts.append((DBT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def write_static_docs(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource) -> None:
    """Offline documentation, one self-contained page (`dbt docs generate --static`), regenerated only
    when the project changed (the manifest's hash), since it costs a dbt start and a catalog query."""
    out_dir = warehouse.paths.published.parent / "docs" / "dbt"
    digest = hashlib.sha256(Path(dbt_project.manifest_path).read_bytes()).hexdigest()
    stamp = out_dir / ".manifest-sha256"
    target = out_dir / "index.html"
    if target.exists() and stamp.exists() and stamp.read_text() == digest:
        context.log.info(f"dbt docs unchanged: {target}")
        return
    docs = dbt.cli(["docs", "generate", "--static", *build_vars(warehouse)], manifest=dbt_project.manifest_path, raise_on_error=False)
    docs.wait()
    release_dbt_duckdb()
    page = Path(docs.target_path) / "static_index.html"
    if not page.exists():
        context.log.warning("dbt docs generate --static did not produce static_index.html")
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    # dbt-docs puts Angular expressions in SVG <use xlink:href="{{ … }}">: the browser requests the raw
    # expression as a file before Angular fills it in. ng-attr- makes Angular set it instead.
    html = page.read_text(encoding="utf-8").replace('<use xlink:href="{{', '<use ng-attr-xlink:href="{{')
    # and a favicon link whose build-time template was never filled in
    html = html.replace("""<link rel="shortcut icon" href="${require('./assets/favicons/favicon.ico')}"/>""", "")
    target.write_text(html, encoding="utf-8")
    stamp.write_text(digest)
    context.log.info(f"dbt docs: {target}")


def release_dbt_duckdb() -> None:
    """Close the DuckDB handle dbt-duckdb keeps in this process (opened to fetch column metadata).

    Left open, it holds the build file with its own configuration, and the next step that opens the
    file (a GX check, the publish step, the next run in the same process) fails.
    """
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:  # pragma: no cover
        return
    with DuckDBConnectionManager._LOCK:
        env = DuckDBConnectionManager._ENV
        if env is not None:
            try:
                env.close()
            finally:
                DuckDBConnectionManager._ENV = None


def mart_keys() -> list[dg.AssetKey]:
    """The dbt models built into the `marts` schema (the project's models/marts/ folder, whatever their Dagster
    group): the one definition of what the marts are, which the publish step waits for."""
    return sorted(key for key in dbt_models.keys if key.path[0] == "marts")
