"""What every feature stands on: errors, clock, money amounts, the outbox, the audit trail, settings, the vault."""
