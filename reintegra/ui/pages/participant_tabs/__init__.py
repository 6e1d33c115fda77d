"""The tabs of a participant's page, one file each."""
