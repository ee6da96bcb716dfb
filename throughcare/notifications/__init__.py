"""What needs a user's attention: for now, email, sent after the transaction commits."""
