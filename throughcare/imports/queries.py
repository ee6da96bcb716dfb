"""Reads of import jobs: only by those the policy lets import, and (for one job) their own or,
for an administrator, any."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from throughcare.access import policy
from throughcare.access.models import User

from .models import ImportJob


def jobs(user: User) -> QuerySet[ImportJob]:
    if not policy.may(user, policy.UserAction.IMPORT_PEOPLE):
        raise PermissionDenied
    return ImportJob.objects.defer("source", "rejected").select_related("created_by")


def job(user: User, job_id: uuid.UUID) -> ImportJob:
    try:
        return jobs(user).get(pk=job_id)
    except ImportJob.DoesNotExist:
        raise Http404 from None


def rejected_rows(user: User, job_id: uuid.UUID) -> tuple[ImportJob, str]:
    found = job(user, job_id)
    return found, ImportJob.objects.values_list("rejected", flat=True).get(pk=found.pk)
