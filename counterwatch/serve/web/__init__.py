"""The web atlas: search, map, timeline, vendor network, evidence and analyst review (`counterwatch serve`)."""
