"""The upload page (administrators): the file is kept and its import queued for the worker,
never run inside the request; the job's page shows its progress (refreshing itself while it
runs) and its outcome."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from throughcare.access import policy
from throughcare.core import clock
from throughcare.ui.forms import posted

from . import columns, queries, running, services
from .forms import UploadForm
from .models import ImportJob

REFRESH_SECONDS = 3


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    user = policy.signed_in_user(request)
    recent = list(queries.jobs(user)[:10])  # refuses those the policy does not let import
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload_file: Any = request.FILES["file"]
        job = services.start_import(
            user=user,
            filename=str(upload_file.name),
            text=form.cleaned_data["file"],
            partial=form.cleaned_data["partial"],
        )
        return redirect("imports:job", job_id=job.pk)
    return render(
        request,
        "imports/upload.html",
        {"form": form, "jobs": recent, "columns": columns.COLUMNS.values(), "nav_section": "admin"},
    )


def _progress(job: ImportJob) -> running.Progress | None:
    if job.started_at is None or job.is_finished:
        return None
    seconds = (clock.now() - job.started_at).total_seconds()
    if job.status == ImportJob.Status.IMPORTING:
        return running.Progress("importing", job.rows_done, job.rows_total, seconds)
    return running.Progress("checking", job.rows_checked, None, seconds)


@require_GET
def job(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    found = queries.job(policy.signed_in_user(request), job_id)
    return render(
        request,
        "imports/job.html",
        {
            "job": found,
            "progress": _progress(found),
            "refresh": None if found.is_finished else REFRESH_SECONDS,
            "problems_hidden": max(0, found.problem_count - len(found.problems)),
            "nav_section": "admin",
        },
    )


@require_GET
def rejected(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    found, text = queries.rejected_rows(policy.signed_in_user(request), job_id)
    extension = "jsonl" if found.file_format == "jsonl" else "csv"
    response = HttpResponse(
        text,
        content_type="text/csv; charset=utf-8"
        if extension == "csv"
        else "application/jsonl; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="rows-not-imported-{found.pk}.{extension}"'
    )
    response["Cache-Control"] = "no-store"
    return response
