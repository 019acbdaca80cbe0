"""Hub-side rules: sync exchange, KPI, city accounts, registry, reports and tokens."""
