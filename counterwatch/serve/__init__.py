"""Serve: what readers get out of the store — exports, terminal tables and (later) the web atlas."""
