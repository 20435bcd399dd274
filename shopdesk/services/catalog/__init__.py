"""The catalogue: products (SKUs), their prices, delivery kind and rollback policy."""
