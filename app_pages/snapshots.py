"""Snapshots: every release of the figures, what changed between two, and (for administrators) loading a new one."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from chuangcheng import files as files_module, ingest, settings
from chuangcheng.app import answers, pickers, session, signin, ui
from chuangcheng.ingest import report
from chuangcheng.model import kinds
from chuangcheng.render import export, safe
from chuangcheng.store import integrity, snapshots
from chuangcheng.views import releases


def listing(manifests: list[snapshots.Manifest]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                session.text("snapshot"): [m.id for m in manifests],
                session.text("col_dataset"): [m.dataset for m in manifests],
                session.text("col_title"): [m.title for m in manifests],
                session.text("col_created"): [m.created[:16].replace("T", " ") for m in manifests],
                session.text("col_built_from"): ["; ".join(m.built_from) for m in manifests],
                kinds.rows_header(session.lang()): [kinds.rows_cell(m.rows) for m in manifests],
                session.text("col_checksums"): [
                    " ".join(f"{n.split('.')[0]}:{d[:12]}" for n, d in m.checksums.items()) for m in manifests
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def changes(manifests: list[snapshots.Manifest]) -> None:
    st.subheader(session.text("changes"))
    ids = [m.id for m in manifests]
    if len(ids) < 2:
        st.info(session.text("changes_need_two"))
        return
    left, right = st.columns(2)
    with right:
        current = answers.current_snapshot().id  # the one the reader is looking at, not the newest of any dataset
        after = pickers.pick_one("after", session.text("after"), ids, current if current in ids else ids[0], str)
    with left:
        before = pickers.pick_one(
            "before", session.text("before"), ids, releases.earlier_version(manifests, after), str
        )
    by_id = {m.id: m for m in manifests}
    if before == after:  # the first of its dataset: other datasets hold other figures, not earlier ones
        st.info(session.text("changes_first_of_dataset", snapshot=after, dataset=safe.markdown(by_id[after].dataset)))
        return
    rows = answers.compare_snapshots(by_id[before], by_id[after], "snapshot_changes")
    counts = answers.compare_snapshots(by_id[before], by_id[after], "snapshot_change_counts")
    change_summary(rows)
    if not rows.empty:
        change_counts(counts)
        change_rows(rows, before, after)
    if any(by_id[s].rows.get(kinds.PROBLEMS.file) for s in (before, after)):
        ledger_changes(answers.compare_snapshots(by_id[before], by_id[after], "snapshot_ledger_changes"), before, after)


def ledger_changes(rows: pd.DataFrame, before: str, after: str) -> None:
    """What happened to the problems since the earlier ledger: new, closed, sent back, found again, newly overdue."""
    st.subheader(session.text("ledger_changes", before=before))
    row = st.container(horizontal=True, gap="small")
    for change, count in releases.ledger_summary(rows).items():
        row.metric(session.text(f"ledger_change_{change}"), count, border=True, width=168)
    st.caption(session.text("ledger_changes_caption"))
    if rows.empty:
        st.caption(session.text("ledger_changes_none"))
        return
    shown = releases.ledger_readable(rows, answers.names(), session.lang())
    headers = {c: session.text(f"col_{c}") for c in shown.columns}
    headers["problem_id"] = session.text("col_problem_id")
    st.dataframe(shown.rename(columns=headers), hide_index=True, width="stretch", height=360)
    st.download_button(
        session.text("download_ledger_changes"),
        data=lambda: export.to_csv(shown.rename(columns=headers)),
        file_name=f"chuangcheng_ledger_changes_{before}_to_{after}_{session.lang()}.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_ledger_changes",
    )


def change_summary(rows: pd.DataFrame) -> None:
    for column, (change, count) in zip(st.columns(3), releases.summary(rows).items()):
        column.metric(session.text(f"change_{change}"), count, border=True)


def change_counts(counts: pd.DataFrame) -> None:
    names = {"indicator": answers.names("indicators"), "region": answers.names()}
    for column, grouping in zip(st.columns(2), ("indicator", "region")):  # the groupings snapshot_change_counts gives
        shown = releases.counts_by(counts, grouping, names[grouping])
        headers = {
            grouping: session.text(f"col_{grouping}"),
            **{c: session.text(f"change_{c}") for c in releases.CHANGES},
        }
        column.dataframe(shown.rename(columns=headers), hide_index=True, width="stretch")


def change_rows(rows: pd.DataFrame, before: str, after: str) -> None:
    preview = rows.head(int(settings.get("max_preview_rows")))  # the download holds them all
    shown = releases.readable(preview, answers.catalog(), answers.names(), session.lang())
    headers = {c: session.text(c if c in ("before", "after") else f"col_{c}") for c in shown.columns}
    st.dataframe(shown.rename(columns=headers), hide_index=True, width="stretch")
    st.download_button(
        session.text("download_changes"),
        data=lambda: export.to_csv(rows),
        file_name=f"chuangcheng_changes_{before}_to_{after}.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_changes",
    )


def upload() -> None:
    st.subheader(session.text("upload"))
    if not signin.is_administrator():
        return
    files = st.file_uploader(
        session.text("upload_files"), type=["csv", "xlsx", "parquet"], accept_multiple_files=True, key="upload_files"
    )
    mapping_column, regions_column = st.columns(2)
    mapping = mapping_column.file_uploader(session.text("upload_mapping"), type=["toml"], key="upload_mapping")
    regions = regions_column.file_uploader(session.text("upload_regions"), type=["csv"], key="upload_regions")
    left, middle, right, base_column = st.columns(4)
    snapshot_id = left.text_input(session.text("new_snapshot_id"), key="new_snapshot_id")
    title = middle.text_input(session.text("col_title"), key="new_title")
    dataset = right.text_input(session.text("upload_dataset"), key="new_dataset")
    sound = integrity.survey(settings.data_dir())[0]  # a damaged snapshot is never offered as a base
    base = base_column.selectbox(
        session.text("base"), [""] + [m.id for m in sound], key="base", format_func=lambda option: option or "—"
    )
    replace = st.checkbox(session.text("replace_values"), key="replace_values", disabled=not base)
    if not files or not snapshot_id:
        return
    with tempfile.TemporaryDirectory() as folder:
        request = ingest.Request(
            saved(folder, files),
            snapshot_id,
            title,
            dataset=dataset,
            base=base or None,
            mapping=saved(folder, [mapping])[0] if mapping else None,
            regions=saved(folder, [regions])[0] if regions else None,
            lang=session.lang(),
            replace=replace,
        )
        checked = ingest.ingest(
            request, settings.data_dir(), publish=False
        )  # the dry run, shown before anything is written
        st.caption(
            safe.markdown(
                report.summary(checked.problems, checked.warnings, len(files), checked.rows_read, session.lang())
            )
        )
        changed(checked)
        warnings(checked)
        if not checked.ok:
            problem_table(checked.problems)
            return
        preview(checked, ingest.described(checked, request, settings.data_dir()))
        if st.button(session.text("publish"), type="primary", key="publish"):
            publish(request)


def saved(folder: str, files: list) -> list[Path]:
    """Each upload under its own name; a second file of the same name is kept as 'name (2).csv', as a browser
    saves it (two 'figures.csv' were one file, the other lost without a word), and problems name it so."""
    paths = []
    for upload in files:
        path = files_module.free_name(Path(folder), Path(upload.name).name)
        path.write_bytes(upload.getvalue())
        paths.append(path)
    return paths


def problem_table(problems: list) -> None:
    """The same grouped table as the command line prints, in the chosen language."""
    st.error(session.text("ingest_failed", count=len(problems)))
    st.dataframe(report.render(problems, session.lang(), as_text=False), hide_index=True, width="stretch")


def changed(checked: ingest.Result) -> None:
    """The values of the base snapshot this would change, old beside new."""
    if checked.changes.empty:
        return
    st.markdown(f"**{session.text('ingest_changes_title')}**")
    rows = checked.changes
    st.dataframe(
        pd.DataFrame(
            {
                session.text("col_region"): rows["region_code"].map(answers.names()).fillna(rows["region_code"]),
                session.text("col_year"): rows["year"].astype(str),
                session.text("col_indicator"): rows["indicator"]
                .map(answers.names("indicators"))
                .fillna(rows["indicator"]),
                session.text("ingest_col_before"): rows["before"],
                session.text("ingest_col_after"): rows["after"],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def warnings(checked: ingest.Result) -> None:
    """Values far off their series (and the changes, once allowed): read before publishing."""
    if checked.warnings:
        st.warning(session.text("ingest_warnings_title", count=len(checked.warnings)))
        st.dataframe(report.render(checked.warnings, session.lang(), as_text=False), hide_index=True, width="stretch")


def preview(checked: ingest.Result, described: str) -> None:
    st.success(session.text("ingest_ready", rows=kinds.counted_rows(checked.frames, session.lang())))
    st.caption(safe.markdown(described))
    if not checked.observations.empty:
        st.dataframe(
            checked.observations.drop(columns=["_file", "_row"], errors="ignore").head(200),
            hide_index=True,
            width="stretch",
        )


def publish(request: ingest.Request) -> None:
    result = ingest.ingest(request, settings.data_dir())
    if result.ok:
        st.success(
            session.text(
                "ingest_done", snapshot=result.manifest.id, rows=kinds.counted(result.manifest.rows, session.lang())
            )
        )
    else:
        problem_table(result.problems)


def main() -> None:
    st.title(session.text("snapshots_title"))
    manifests = snapshots.list_all(settings.data_dir())
    listing(manifests)
    changes(manifests)
    upload()


ui.show_page(main)
