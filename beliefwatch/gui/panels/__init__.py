"""The parts of the window: each panel shows one view of the open case."""
