"""The service's own pages for a wrong address or a wrong method, in every setting.

- Not found: with DEBUG on (`make run`), Django answers a view's `Http404`, or an address that
  matches no page, with its technical page, which lists every address of the service. The
  service shows its own `404.html` whatever DEBUG says.
- Method not allowed: a page that only takes a form's POST answers a GET (a reload after an
  error, an address pasted or typed) with an empty 405, which a browser shows as a blank
  "HTTP ERROR 405". Views declared with `post_only` send the user back to the page their form
  is on; any other 405 shows a GOV.UK page saying where to go instead.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import get_resolver, get_urlconf

View = Callable[..., HttpResponse]


def post_only(back: str, *keep: str) -> Callable[[View], View]:
    """For a view that only takes a form's POST. A GET or HEAD is sent to the page the form
    is on: the URL named `back`, given the view's arguments named in `keep` (by default the
    person's id). Any other method is a 405, shown as a GOV.UK page."""
    kept = keep or ("person_id",)

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in ("GET", "HEAD"):
                return redirect(back, **{name: kwargs[name] for name in kept})
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        setattr(wrapped, "post_only", back)  # noqa: B010 - read by the access matrix
        return wrapped

    return decorate


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The service's not-found page, through the project's `handler404` (Django's default
    renders `404.html`)."""
    handler: Callable[..., HttpResponse] = get_resolver(get_urlconf()).resolve_error_handler(404)
    return handler(request, exception=exception)


class ErrorPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 404
            and settings.DEBUG
            and getattr(request, "resolver_match", None) is None
        ):
            # No page matched the address: Django's technical page under DEBUG.
            return not_found(request, Http404())
        if response.status_code == 405 and not getattr(response, "is_service_page", False):
            page = render(request, "405.html", status=405)
            page.is_service_page = True  # type: ignore[attr-defined]
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view's Http404 (a person the user may not see, or who does not exist)."""
        if isinstance(exception, Http404):
            return not_found(request, exception)
        return None
