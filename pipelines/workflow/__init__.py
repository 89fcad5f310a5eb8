"""Running colens without knowing DVC: `colens run FOLDER` and the Python API (`Project`) for notebooks."""
