"""The owner's numbers: the Today page, the Analytics reports and the anomaly alerts, folded from the facts.

`days` turns the shop's local dates into UTC spans; `facts` reads the rows (orders, lines, keys, batches, cases,
offers, refunds) one GROUP BY per span; `today`, `reports` and `alerts` fold them into figures; `tables` gives each
report the one row shape the screen, the CLI and the exports share, and `export` writes it to CSV or XLSX.
Nothing here writes to the shop but the time-zone setting.
"""
