// envdiff (filled below)
