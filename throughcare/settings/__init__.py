"""Settings live in base (shared), development, test and production modules."""
