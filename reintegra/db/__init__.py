"""Tables, the engine and schema migrations."""
