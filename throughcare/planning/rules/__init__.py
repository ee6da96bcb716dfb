"""Pure rules of release planning: conflicts in an option, decision criteria. No Django."""
