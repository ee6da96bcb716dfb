"""The access gate for pages: a view of a person's record declares its gate once,

    @person_page(action=Action.EDIT, record_type="sentence")
    def sentence_create(request, access): ...

and is called with the `Access` that `gate.access_person` returned for the signed-in user and
the person in the URL (break-glass applies for the page's session). The declaration stays on
the view (`declared_gate(view)`), so the access matrix reads each page's action and section
from the URL resolver. The gate's refusals become today's responses here, in one place: no
such person, or none of the user's business, is a 404; limited access shows whom to ask (403);
other staff are asked for a reason (break-glass); anything else refused is a 403.

A page of one addressed item (an information request, a request for advice), for its
recipient, declares its gate the same way with `@request_page(action=..., load=...)` (the
request grant: a refusal is a 404); a page of one referral, for the partner organisation it
was sent to, with `@referral_page(action=..., load=...)` (the referral grant).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from throughcare.audit.models import RecordType
from throughcare.core.errors import Refused

from .case_team import whom_to_ask
from .gate import (
    BreakGlassRequiredError,
    Channel,
    LimitedAccessError,
    ReferralAccess,
    access_person,
    access_referral,
    access_request,
)
from .policy import Access, Action, signed_in_user
from .referral_grant import ReferralAction
from .request_grant import RequestAction

GATE_ATTRIBUTE = "access_gate"


@dataclass(frozen=True)
class PersonPageGate:
    """What a person page declares: the action a GET needs (and a POST, when it differs),
    the section a partner's agreement must cover, and the audit record type."""

    action: Action
    section: str | None = None
    record_type: str = "person"
    post_action: Action | None = None

    def action_for(self, method: str | None) -> Action:
        if method == "POST" and self.post_action is not None:
            return self.post_action
        return self.action


def person_for(
    request: HttpRequest,
    person_id: uuid.UUID | str,
    *,
    record_type: str = "person",
    action: Action = Action.VIEW,
    section: str | None = None,
) -> Access:
    """The gate for a page: the signed-in user and the session's break-glass."""
    return access_person(
        signed_in_user(request),
        person_id,
        action=action,
        section=section,
        channel=Channel.PAGE,
        record_type=record_type,
        session_key=request.session.session_key,
    )


def refusal_response(request: HttpRequest, refusal: Refused) -> HttpResponse | None:
    """The page for a refusal that is more than a 403 (None: Django's own 403 and 404)."""
    if isinstance(refusal, LimitedAccessError):
        return render(
            request,
            "access/restricted.html",
            {"contacts": whom_to_ask(refusal.person)},
            status=403,
        )
    if isinstance(refusal, BreakGlassRequiredError):
        return redirect("access:break-glass", person_id=refusal.person.pk)
    return None


View = Callable[..., HttpResponse]


def person_page(
    *,
    action: Action,
    section: str | None = None,
    record_type: str = "person",
    post_action: Action | None = None,
) -> Callable[[View], View]:
    """Declares a view's gate and applies it: the view is called as view(request, access,
    **the URL's other arguments)."""
    gate = PersonPageGate(action, section, record_type, post_action)

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, person_id: uuid.UUID, **kwargs: Any) -> HttpResponse:
            try:
                access = person_for(
                    request,
                    person_id,
                    record_type=gate.record_type,
                    action=gate.action_for(request.method),
                    section=gate.section,
                )
            except Refused as refusal:
                response = refusal_response(request, refusal)
                if response is None:
                    raise
                return response
            return view(request, access, **kwargs)

        setattr(wrapped, GATE_ATTRIBUTE, gate)  # noqa: B010 - read by declared_gate
        return wrapped

    return decorate


def declared_gate(view: Callable[..., Any]) -> PersonPageGate | None:
    """The gate a view declared with `person_page`, through any decorators around it."""
    while view is not None:
        gate = getattr(view, GATE_ATTRIBUTE, None)
        if isinstance(gate, PersonPageGate):
            return gate
        view = getattr(view, "__wrapped__", None)  # type: ignore[assignment]
    return None


@dataclass(frozen=True)
class RequestPageGate:
    """What a page of one information request declares: the request action a GET needs (and
    a POST, when it differs). The access matrix reads it as it reads `PersonPageGate`."""

    action: RequestAction
    post_action: RequestAction | None = None
    record_type: str = RecordType.INFORMATION_REQUEST
    url_argument: str = "request_id"

    def action_for(self, method: str | None) -> RequestAction:
        if method == "POST" and self.post_action is not None:
            return self.post_action
        return self.action


def request_page(
    *,
    action: RequestAction,
    load: Callable[[int], Any],
    post_action: RequestAction | None = None,
    record_type: str = RecordType.INFORMATION_REQUEST,
    url_argument: str = "request_id",
) -> Callable[[View], View]:
    """Declares and applies the gate of a page of one addressed item (the URL's `url_argument`,
    an information request's `request_id` unless said): `load(id)` finds the item (None if
    there is none), the gate decides under the request grant and audits it as `record_type`,
    and the view is called as view(request, grant, **the URL's other arguments). A refusal is a
    404."""
    gate = RequestPageGate(action, post_action, record_type, url_argument)

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            grant = access_request(
                signed_in_user(request),
                load(kwargs.pop(gate.url_argument)),
                action=gate.action_for(request.method),
                channel=Channel.PAGE,
                record_type=gate.record_type,
            )
            return view(request, grant, **kwargs)

        setattr(wrapped, GATE_ATTRIBUTE, gate)  # noqa: B010 - read by declared_request_gate
        return wrapped

    return decorate


def declared_request_gate(view: Callable[..., Any]) -> RequestPageGate | None:
    """The gate a view declared with `request_page`, through any decorators around it."""
    while view is not None:
        gate = getattr(view, GATE_ATTRIBUTE, None)
        if isinstance(gate, RequestPageGate):
            return gate
        view = getattr(view, "__wrapped__", None)  # type: ignore[assignment]
    return None


@dataclass(frozen=True)
class ReferralPageGate:
    """What a page of one referral declares: the referral action a GET needs (and a POST, when
    it differs). The access matrix reads it as it reads `RequestPageGate`."""

    action: ReferralAction
    post_action: ReferralAction | None = None
    url_argument: str = "referral_id"

    def action_for(self, method: str | None) -> ReferralAction:
        if method == "POST" and self.post_action is not None:
            return self.post_action
        return self.action


def referral_page(
    *,
    action: ReferralAction,
    load: Callable[[int], Any],
    post_action: ReferralAction | None = None,
) -> Callable[[View], View]:
    """Declares and applies the gate of a page of one referral (the URL's `referral_id`):
    `load(id)` finds it (None if there is none), the gate decides under the referral grant and
    audits it, and the view is called as view(request, grant, **the URL's other arguments). A
    refusal is a 404."""
    gate = ReferralPageGate(action, post_action)

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            grant: ReferralAccess = access_referral(
                signed_in_user(request),
                load(kwargs.pop(gate.url_argument)),
                action=gate.action_for(request.method),
                channel=Channel.PAGE,
            )
            return view(request, grant, **kwargs)

        setattr(wrapped, GATE_ATTRIBUTE, gate)  # noqa: B010 - read by declared_referral_gate
        return wrapped

    return decorate


def declared_referral_gate(view: Callable[..., Any]) -> ReferralPageGate | None:
    """The gate a view declared with `referral_page`, through any decorators around it."""
    while view is not None:
        gate = getattr(view, GATE_ATTRIBUTE, None)
        if isinstance(gate, ReferralPageGate):
            return gate
        view = getattr(view, "__wrapped__", None)  # type: ignore[assignment]
    return None
