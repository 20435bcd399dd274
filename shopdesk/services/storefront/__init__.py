"""The storefront: the signed intake API (checks, handling, HTTP server) and a simulator that plays one."""
