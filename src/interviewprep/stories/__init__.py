"""The story bank: the candidate's own experiences, what each proves, and which fits a question."""
