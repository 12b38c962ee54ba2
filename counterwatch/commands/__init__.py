"""One module per command (or command group); each defines click commands at module level.

A new command is one new module here: counterwatch.cli discovers them all.
"""
