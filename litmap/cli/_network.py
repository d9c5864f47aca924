"""Commands of this area are added here by the module that owns it."""

COMMANDS: list = []
