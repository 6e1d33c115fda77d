"""The pages of the main window, one file each."""
