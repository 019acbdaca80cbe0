"""The action-plan sidebar (the city's 地域 plan and KPI cards)."""
