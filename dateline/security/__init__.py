"""Security: the production profile, the Content-Security-Policy, staff login protection."""
