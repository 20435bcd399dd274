"""Card keys: every status change and the stock pick, import, browsing, reveal and export, stock alerts."""
