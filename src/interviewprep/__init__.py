"""interviewprep: offline mock interviews for IT project managers."""

__version__ = "0.1.0"
