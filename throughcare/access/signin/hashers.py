"""The password hasher: Argon2id with parameters chosen for a server, not Django's defaults.

Django's defaults (memory 100 MiB, 2 passes, 8 lanes) cost each sign-in 100 MiB while it hashes;
with several workers signing people in at once (the start of a shift) that is what a worker's
memory peaks at. OWASP's password-storage guidance gives equivalent settings that cost less
memory: 19 MiB with 2 passes and 1 lane is its first. docs/decisions.md ("Password hashing")
records the sum. Hashes made with other parameters still verify, and Django re-hashes them with
these the next time their owner signs in (the hasher's `must_update`).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoArgon2PasswordHasher

MEMORY_COST_KIB = 19 * 1024
TIME_COST = 2
PARALLELISM = 1


class Argon2PasswordHasher(DjangoArgon2PasswordHasher):
    """Argon2id at OWASP's minimum: m=19 MiB, t=2, p=1 (the algorithm name stays `argon2`)."""

    memory_cost = MEMORY_COST_KIB
    time_cost = TIME_COST
    parallelism = PARALLELISM
