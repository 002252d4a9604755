"""The Qt window: the only part of BeliefWatch that imports PySide6."""
