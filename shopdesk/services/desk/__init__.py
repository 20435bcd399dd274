"""The after-sales desk: cases, SOP clocks, the rule track, retention offers, rollback, credit profiles."""
