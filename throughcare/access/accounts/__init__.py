"""Accounts (issue 14): every change to who can sign in, and as what, goes through a service
that records it in the audit chain in the same transaction; the admin site uses them.

    create an account -> invitation email -> the owner sets a password and an authenticator app
                                             (and is given recovery codes) -> signed in

- `services`: create, change (name, email, role, organisation, active), delete; organisations;
  resetting the second factor; which changes widen access.
- `invitations`: the one-time invitation: issued, opened, completed.
- `views`, `forms`: the invitation pages and the report of changes that widen access.
- `queries`: that report's events.

A password alone never shows a secret that will later be accepted: an authenticator app is set
up only through an invitation (docs/security.md, "Accounts").
"""
