"""Portrait pipeline: check, crop and normalise the citizen's photo (OpenCV 4 + Pillow)."""
