"""Money: the double-entry ledger, customers and their wallets, refunds (every movement of money lands here)."""
