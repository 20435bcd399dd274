"""Staff on the desktop: logging in, the lock, asking the passphrase again, and the dialogs for users."""
