"""Store: the SQLite engine, migrations, backups and seeding."""
