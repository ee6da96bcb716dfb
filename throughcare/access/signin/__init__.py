"""Signing in (issue 3): the second factor, the lock-out and the session time-outs.

    sign in (email and password) -> set up an authenticator app (first time) -> enter its code

Only after the code is accepted is the session verified (django-otp's `user.is_verified()`);
until then `TwoFactorMiddleware` sends every request to the right step. docs/security.md says
what each policy is and why.

- `two_factor`: the devices, the demo-account switch and what "verified" means here.
- `views`, `forms`: the set-up and code pages.
- `middleware`: the time-outs and the second-factor gate.
- `sessions`: which sessions belong to whom; ending them when an account is disabled.
- `lockout`: django-axes' client address, username and lock-out page.
- `checks`: the deploy check that refuses the demo switch.
"""
