"""Advice (P14): a named colleague in the case team (the SPO, or a specialist) is asked a
question about the case; their answer joins the record with its source."""
