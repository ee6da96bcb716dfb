"""Risk instruments: plain Python, no Django, no clock (the caller passes every date)."""
