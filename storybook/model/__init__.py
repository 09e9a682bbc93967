"""Model: table classes and plain value objects."""
