"""Staff: the shop's users and roles, logging in, and the data key wrapped per user and per unattended desktop."""
