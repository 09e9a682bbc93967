"""GUI: Qt item models over rows the bank returned (they never query the database)."""
