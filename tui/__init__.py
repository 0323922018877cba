"""broadsheet's user-facing layer: the command line and the Textual reader."""
