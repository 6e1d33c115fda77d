"""The Qt desktop application (widgets only; every rule lives in services)."""
