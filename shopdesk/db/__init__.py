"""Storage: engine, models, migrations. Knows nothing of Qt or of the business rules."""
