"""Urgent concerns (P13): immediate risk recorded at once, the team's SPO told, a banner on
the record and a flag on the caseload until it is resolved, the actions taken and the times
to acknowledge and to resolve."""
