"""Views of jobdesk.cases: parse, check, call a service, render (split by area)."""
