"""gunicorn's settings for Throughcare in production (`make serve`; docs/operations.md, "The
production server"). Each value can be changed from the environment without editing this file.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

wsgi_app = "throughcare.wsgi:application"
# throughcare/wsgi.py uses throughcare.settings.production unless DJANGO_SETTINGS_MODULE says.

# Behind the reverse proxy that terminates HTTPS, on the loopback interface by default.
bind = [os.environ.get("THROUGHCARE_BIND", "127.0.0.1:8000")]

# Sync workers: one request at a time each, one database connection each (kept open, see
# CONN_MAX_AGE). gunicorn's rule of thumb, two per core and one more: 5 on 2 cores. Each worker
# takes about 100 MB and a sign-in's Argon2 hash 19 MiB more while it runs (docs/decisions.md).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
threads = 1

# A request taking longer than this is killed and its worker restarted: the slowest pages (a
# subject-access PDF) take a few seconds, so 30 is generous without letting a stuck worker
# hold its connection for long. Workers finish their requests for up to 30 seconds when asked
# to stop (a deploy), and keep an idle client's connection from the proxy for 5.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

# Load Django once in the master and fork the workers from it: faster start, shared memory.
# No database connection is opened while loading; `pre_fork` closes any that were, so that no
# two processes share one.
preload_app = True

# Restart each worker after about ten thousand requests (spread out so they do not all restart
# together): whatever memory a worker has grown to is given back. Not much sooner: a new worker
# compiles its templates and queries and prepares its statements again (about 0.3 s of work),
# and at 1,000 each worker restarted every minute under load. A worker grew by about 3 MB in
# 1,400 requests (issue 15).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10

# The access log, to standard output: time, method, path (never the query string, where a
# search's words would be), status, size, duration and the request id that the audit events
# carry. Paths hold record ids only, never names. No client address: the proxy has it.
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms %({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy's X-Forwarded-Proto is trusted from the loopback address only (gunicorn's default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No control socket (gunicorn 25+): one fewer way in, and two servers on one machine (a test
# beside a running one) would share its default path. systemd's signals do the same job.
control_socket_disable = True


def pre_fork(server: Any, worker: Any) -> None:
    """Close any database connection the master opened, so no worker inherits it."""
    from django.db import connections

    connections.close_all()
