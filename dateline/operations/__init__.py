"""Operations: structured request logs, backups and restores, recovery of interrupted tasks."""
